"""The poller: decides what to ask the server next, and how often.

One coroutine (`Poller.run`, run by the app as an async worker) makes the requests and is the
only writer of the store. The one exception to "one request at a time": while ``load_all``
runs, the next page is already asked for while the current one is merged (`tui.feed.prefetch`);
that page is dropped, never merged, after a pause or a failure. Each turn is a tick (when due)
and then a page (when one is wanted):

* a **tick** lists the head (new jobs appear at the top; in-flight jobs on it are refreshed for
  free), walks the gaps of new jobs below it and sweeps the older loaded range
  (`tui.feed.reconcile`), then retrieves in-flight jobs further down (`tui.feed.in_flight`);
* a **page** is the next step of the walk down the list (`tui.feed.paging`).

When turns come, and what a failure does, is `tui.feed.schedule`; what the numbers are is a
`PollPolicy`; every request goes through one `tui.feed.fetch.Fetcher`.

One name per idea, in all these modules:

* **cursor**: the id a list page is asked after (``after=`` on the wire); None asks for the head.
* **next cursor**: a page's ``VideoList.next_cursor``, the cursor of the page that follows it.
* **cursor job**: the job a cursor names. It may vanish; then the cursor is *gone*.
* **head**: the page asked with no cursor. **limit**: the page size a request asks for.
* **gap**: (cursor, floor second) below a head page, where new jobs may be unlisted yet.
* **sweep**: the periodic re-list of the loaded range below the head, to find deletions.
* **end**: why paging stopped (`tui.feed.paging.End`: a note and an END_* kind).
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from tui.api.models import IN_PROGRESS, QUEUED
from tui.feed.fetch import CallFailed, FeedClient, Fetcher
from tui.feed.in_flight import refresh_in_flight
from tui.feed.paging import END_COMPLETE, REPEATED_NOTE, Paging
from tui.feed.policy import PollPolicy
from tui.feed.reconcile import Reconciler
from tui.feed.schedule import Schedule
from tui.feed.store import StoreChange, VideoStore

__all__ = ["REPEATED_NOTE", "FeedClient", "FeedReport", "PollControl", "PollPolicy", "Poller"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FeedReport:
    """What the status line shows. Times are ``time.time()`` values."""

    server: str
    state: str
    last_success: float | None
    next_poll_at: float | None
    error: str | None
    retry_at: float | None
    loaded: int
    end_reached: bool
    end_note: str | None
    loading_page: bool
    in_flight: int
    end_kind: str | None = None  # why paging ended (END_*); None while more is on the server
    loading_all: bool = False  # `load_all` under way: pages follow each other to the end
    bulk_pages: int = 0  # pages loaded since `load_all` began
    bulk_jobs: int = 0  # jobs those pages added
    bulk_seconds: float = 0.0  # how long it has taken so far

    @property
    def complete(self) -> bool:
        """Every job on the server is loaded, as the server itself said."""
        return self.end_reached and self.end_kind == END_COMPLETE


class PollControl(Protocol):
    """What the app steers a feed with: one `Poller`, or a fleet's (tui/app/fleet_link.py)."""

    def want_more(self) -> None: ...
    def load_all(self) -> None: ...
    def stop_loading(self) -> bool: ...
    def refresh_now(self) -> None: ...
    def set_paused(self, paused: bool) -> None: ...
    @property
    def loading_all(self) -> bool: ...
    @property
    def report(self) -> FeedReport: ...


class Poller:
    """Keeps a `VideoStore` in step with the server. See the module docstring."""

    def __init__(
        self,
        client: FeedClient,
        store: VideoStore,
        policy: PollPolicy | None = None,
        *,
        on_change: Callable[[StoreChange], None],
        on_report: Callable[[FeedReport], None],
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
    ) -> None:
        self.policy = policy or PollPolicy()
        self._client = client
        self._store = store
        self._on_report = on_report
        self._fetcher = Fetcher(client, store, on_change, clock=clock, wall=wall)
        self._paging = Paging(self._fetcher, self.policy.page_size, clock=clock)
        self._reconciler = Reconciler(self._fetcher, self.policy, clock=clock)
        self._schedule = Schedule(self.policy, clock=clock, wall=wall)
        self._published: FeedReport | None = None

    # --- the app's controls --------------------------------------------------------------

    def want_more(self) -> None:
        """Load the next page soon; a no-op while one is pending or at the end."""
        if self._paging.want_more():
            self._schedule.wake()
            self._publish()

    def load_all(self) -> None:
        """Load every remaining page, one after another, at the largest page size, until the
        server has no more (or `stop_loading`). Progress shows in `status` (bulk_*)."""
        if self._paging.load_all():
            self._schedule.wake()
            self._publish()

    def stop_loading(self) -> bool:
        """Ask for no further page (a page already on its way is still merged). True when
        paging was under way."""
        busy = self._paging.stop()
        if busy:
            self._publish()
        return busy

    def refresh_now(self) -> None:
        """Poll at once, cutting short a tick wait, a retry backoff or an auth wait. While
        paused this is one fetch (and any page asked for); polling stays paused."""
        self._schedule.refresh_now()

    def set_paused(self, paused: bool) -> None:
        """While paused no request is made; unpausing polls at once."""
        if self._schedule.set_paused(paused):
            if paused:
                self._paging.drop_prefetch()  # it would be merged, stale, after the pause
            self._publish()

    @property
    def loading_all(self) -> bool:
        """`load_all` is under way: pages follow each other to the end."""
        return self._paging.loading_all

    @property
    def report(self) -> FeedReport:
        schedule, paging, store = self._schedule, self._paging, self._store
        counts = store.counts()
        loaded = len(store)
        end = paging.end
        return FeedReport(
            server=self._client.base_url,
            state=schedule.state,
            last_success=self._fetcher.last_success,
            next_poll_at=None if schedule.paused else schedule.next_poll_at,
            error=schedule.error,
            retry_at=schedule.retry_at,
            loaded=loaded,
            end_reached=end is not None,
            end_note=None if end is None else end.note_for(loaded),
            loading_page=paging.wanted,
            in_flight=counts[QUEUED] + counts[IN_PROGRESS],
            end_kind=None if end is None else end.kind,
            loading_all=paging.loading_all,
            bulk_pages=paging.bulk_pages,
            bulk_jobs=paging.bulk_jobs,
            bulk_seconds=paging.bulk_seconds,
        )

    # --- the loop ------------------------------------------------------------------------

    async def run(self) -> None:
        """Poll until cancelled. Server trouble never escapes; it shows in the status."""
        self._publish(force=True)
        try:
            while True:
                await self._schedule.wait_for_turn(self._page_wanted)
                await self._turn()
        finally:
            self._paging.drop_prefetch()
            self._schedule.stopped = True
            with contextlib.suppress(Exception):  # the app may already be tearing down
                self._publish()

    def _page_wanted(self) -> bool:
        return self._paging.wanted and self._paging.started

    async def _turn(self) -> None:
        ticking = self._schedule.take_turn()
        try:
            if ticking:
                self._fetcher.changed = False
                if self._paging.started:
                    await self._tick()
                else:
                    await self._paging.load_first()
            if self._page_wanted():
                await self._paging.load_page()
                if self._schedule.paused:  # paused meanwhile: no page may wait for the resume
                    self._paging.drop_prefetch()
        except CallFailed as failure:
            self._paging.drop_prefetch()  # fetched before the failure: no longer the truth
            delay = self._schedule.failed(failure, self._client.base_url)
            state, text = self._schedule.connection, self._schedule.error
            log.info("feed %s: %s (next try in %.1fs)", state, text, delay)
            self._publish(force=True)
            return
        counts = self._store.counts()
        busy = self._fetcher.changed or counts[QUEUED] + counts[IN_PROGRESS] > 0
        self._schedule.succeeded(ticked=ticking, busy=busy)
        self._publish(force=ticking)

    async def _tick(self) -> None:
        store, paging = self._store, self._paging
        newest_id = store.newest_id()
        newest = store.get(newest_id) if newest_id is not None else None
        head = await self._fetcher.head(self.policy.page_size)
        if newest is not None:
            brought_new = bool(self._fetcher.head_added)
            self._reconciler.note_head(head, newest.created_at, brought_new=brought_new)
        elif paging.end is not None and head.next_cursor:
            paging.reopen(head.next_cursor)  # the list was empty at start and has grown
        seen = {video.id for video in head.data}
        seen |= await self._reconciler.after_head(head, paged_to_end=paging.end is not None)
        await refresh_in_flight(self._fetcher, seen, self.policy.max_retrieves)

    def _publish(self, *, force: bool = False) -> None:
        status = self.report
        if force or status != self._published:
            self._published = status
            self._on_report(status)
