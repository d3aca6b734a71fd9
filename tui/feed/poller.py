"""The poller: decides what to ask the server next, and how often.

One coroutine (`Poller.run`, run by the app as an async worker) does every request, one at a
time, so at most one page request is ever in flight and nothing races on the store.

Each tick:

* **Head**: ``GET /videos?order=desc&limit=page_size``. New jobs appear at the top. When every
  id on the head page is new (more jobs were created than fit a page since the last tick) the
  poller follows the cursor until a known id shows up, at most ``max_head_pages`` pages a tick;
  an unfinished walk resumes at the next tick, so no gap is left.
* **In-flight jobs on the head page** are refreshed for free by that re-list.
* **In-flight jobs further down** are refreshed with ``GET /videos/{id}``, at most
  ``max_retrieves`` a tick, least recently refreshed first. Re-listing instead would cost one
  request per page from the top down to the job (and the job's page moves as new jobs arrive),
  while a retrieve costs exactly one request per job and cannot miss it. A retrieve answered
  with 404 means the job was deleted on the server: it leaves the store.
* **Deletions**: a list page is a contiguous slice of the newest-first order, so a loaded job
  whose ``created_at`` lies strictly inside a fetched page's range but is not on it was deleted.
  The head page's range is open upwards; the last page of the list is open downwards.
  A finished job deeper down, deleted by someone else, stays until the app restarts: finding
  it would mean re-listing every loaded page, and finished jobs do not change otherwise.

Paging on demand: `want_more` asks for the page after the envelope's ``last_id`` (the SDK's
rule, ``VideoList.next_cursor``). Paging ends on ``has_more: false``, an empty page or a missing
cursor, and stops (with a note) when a server repeats a cursor. A 404/400 for ``after`` (the
cursor job was deleted) is recovered by paging from the oldest job still loaded.

Timing: ``fast_interval`` while any job is in flight or the last tick changed something,
``slow_interval`` otherwise. A failed call keeps all data and backs off (2, 4, 8 … 60 s, or the
server's Retry-After); a rejected key waits for `refresh_now` or five minutes. `refresh_now`
cuts any wait short.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Final, Protocol, TypeVar

from tui.api.errors import (
    ApiError,
    AuthenticationError,
    BadRequestError,
    NotFoundError,
    PermissionDeniedError,
)
from tui.api.models import IN_PROGRESS, QUEUED, Video, VideoList
from tui.feed.store import NO_CHANGE, StoreChange, VideoStore

log = logging.getLogger(__name__)

_T = TypeVar("_T")
REPEATED_NOTE: Final = "server repeated a page; stopped paging"
STATES: Final = ("connecting", "live", "retrying", "paused", "error", "auth", "stopped")


class FeedClient(Protocol):
    """What the poller needs from `tui.api.client.VideosClient`."""

    @property
    def base_url(self) -> str: ...

    async def list_videos(
        self, *, after: str | None = None, limit: int | None = None, order: str | None = None
    ) -> VideoList: ...

    async def retrieve(self, video_id: str) -> Video: ...


@dataclass(frozen=True)
class FeedStatus:
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


class _CallFailed(Exception):
    """A request failed after the client's own retries; ``error`` is what it raised."""

    def __init__(self, error: Exception, *, head: bool = False) -> None:
        super().__init__(str(error))
        self.error = error
        self.head = head  # the plain list route (no cursor): a 404 there means a wrong base URL


def _is_end(page: VideoList, page_size: int) -> bool:
    """True when this page is the last one of the list (nothing older exists)."""
    if not page.data:
        return True
    if page.has_more is False:
        return True
    return page.next_cursor is None and len(page.data) < page_size


class Poller:
    """Keeps a `VideoStore` in step with the server. See the module docstring."""

    def __init__(
        self,
        client: FeedClient,
        store: VideoStore,
        *,
        page_size: int = 50,
        fast_interval: float = 2.0,
        slow_interval: float = 15.0,
        on_change: Callable[[StoreChange], None],
        on_status: Callable[[FeedStatus], None],
        max_retrieves: int = 10,
        max_head_pages: int = 5,
        backoff_base: float = 2.0,
        backoff_cap: float = 60.0,
        auth_wait: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
    ) -> None:
        self._client = client
        self._store = store
        self._page_size = page_size
        self._fast = fast_interval
        self._slow = slow_interval
        self._on_change = on_change
        self._on_status = on_status
        self._max_retrieves = max_retrieves
        self._max_head_pages = max_head_pages
        self._backoff_base = backoff_base
        self._backoff_cap = backoff_cap
        self._auth_wait = auth_wait
        self._clock = clock
        self._wall = wall
        # connection state
        self._state = "connecting"
        self._stopped = False
        self._paused = False
        self._error: str | None = None
        self._retry_at: float | None = None
        self._last_success: float | None = None
        self._failures = 0
        self._due: float | None = None  # clock() time of the next tick; None = at once
        self._next_poll_at: float | None = None
        self._refresh = False
        self._wake = asyncio.Event()
        self._recent_change = False
        self._refreshed_at: dict[str, float] = {}
        # paging state
        self._first_done = False
        self._cursor: str | None = None
        self._used_cursors: set[str] = set()
        self._gap_cursor: str | None = None
        self._page_wanted = False
        self._end_reached = False
        self._end_note: str | None = None
        self._published: FeedStatus | None = None

    # --- the app's controls --------------------------------------------------------------

    def want_more(self) -> None:
        """Load the next page soon; a no-op while one is pending or at the end."""
        if self._end_reached or self._page_wanted:
            return
        self._page_wanted = True
        self._wake.set()
        self._publish()

    def refresh_now(self) -> None:
        """Poll at once, cutting short a tick wait, a retry backoff or an auth wait."""
        self._refresh = True
        self._wake.set()

    def set_paused(self, paused: bool) -> None:
        """While paused no request is made; unpausing polls at once."""
        if paused == self._paused:
            return
        self._paused = paused
        if not paused:
            self._refresh = True
        self._wake.set()
        self._publish()

    @property
    def status(self) -> FeedStatus:
        if self._stopped:
            state = "stopped"
        else:
            state = "paused" if self._paused else self._state
        counts = self._store.counts()
        return FeedStatus(
            server=self._client.base_url,
            state=state,
            last_success=self._last_success,
            next_poll_at=None if self._paused else self._next_poll_at,
            error=self._error,
            retry_at=self._retry_at,
            loaded=len(self._store),
            end_reached=self._end_reached,
            end_note=self._end_note,
            loading_page=self._page_wanted,
            in_flight=counts[QUEUED] + counts[IN_PROGRESS],
        )

    # --- the loop ------------------------------------------------------------------------

    async def run(self) -> None:
        """Poll until cancelled. Server trouble never escapes; it shows in the status."""
        self._publish(force=True)
        try:
            while True:
                await self._wait_for_turn()
                await self._cycle()
        finally:
            self._stopped = True
            with contextlib.suppress(Exception):  # the app may already be tearing down
                self._publish()

    async def _wait_for_turn(self) -> None:
        while True:
            if self._paused:
                await self._sleep(None)
                continue
            if self._refresh or self._due is None:
                return
            now = self._clock()
            if now >= self._due:
                return
            if self._page_wanted and self._first_done and self._state == "live":
                return
            await self._sleep(self._due - now)

    async def _sleep(self, timeout: float | None) -> None:
        # Flags are the real signals; the event only rings the bell, so clearing after a
        # wake-up cannot lose one (the caller re-checks every flag before sleeping again).
        # asyncio.timeout, not wait_for: 3.11's wait_for can swallow a cancellation that
        # arrives as the event fires, and this loop must always stop when cancelled.
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(timeout):
                await self._wake.wait()
        self._wake.clear()

    async def _cycle(self) -> None:
        ticking = self._refresh or self._due is None or self._clock() >= self._due
        self._refresh = False
        try:
            if ticking:
                self._recent_change = False
                if self._first_done:
                    await self._tick()
                else:
                    await self._load_first()
            if self._page_wanted and self._first_done:
                await self._load_page()
        except _CallFailed as failure:
            self._fail(failure)
            return
        self._succeed(ticking)

    # --- outcome bookkeeping -------------------------------------------------------------

    def _succeed(self, ticked: bool) -> None:
        self._failures = 0
        self._state, self._error, self._retry_at = "live", None, None
        if ticked:
            busy = self._recent_change or self.status.in_flight > 0
            self._schedule(self._fast if busy else self._slow)
        self._publish(force=ticked)

    def _fail(self, failure: _CallFailed) -> None:
        error = failure.error
        self._failures += 1
        if isinstance(error, (AuthenticationError, PermissionDeniedError)):
            state, delay = "auth", self._auth_wait
            text = f"API key rejected ({error.status}): {error.message or error}"
        elif failure.head and isinstance(error, NotFoundError):
            state, delay = "error", self._backoff_cap
            url = f"{self._client.base_url.rstrip('/')}/videos"
            text = f"list endpoint not found (404): is the base URL right? {url}"
        else:
            state, delay = "retrying", self._backoff()
            retry_after = getattr(error, "retry_after", None)
            if isinstance(retry_after, (int, float)) and retry_after > 0:
                delay = float(retry_after)
            text = str(error) if isinstance(error, ApiError) else f"{type(error).__name__}: {error}"
        log.info("feed %s: %s (next try in %.1fs)", state, text, delay)
        self._state, self._error = state, text
        self._schedule(delay)
        self._retry_at = self._next_poll_at
        self._publish(force=True)

    def _backoff(self) -> float:
        return float(min(self._backoff_base * 2 ** (self._failures - 1), self._backoff_cap))

    def _schedule(self, delay: float) -> None:
        self._due = self._clock() + delay
        self._next_poll_at = self._wall() + delay

    def _publish(self, *, force: bool = False) -> None:
        status = self.status
        if force or status != self._published:
            self._published = status
            self._on_status(status)

    def _emit(self, change: StoreChange) -> None:
        if change.empty:
            return
        self._recent_change = True
        for video_id in change.removed:
            self._refreshed_at.pop(video_id, None)
        self._on_change(change)

    # --- requests ------------------------------------------------------------------------

    async def _call(self, awaitable: Awaitable[_T], *, head: bool = False) -> _T:
        try:
            result = await awaitable
        except asyncio.CancelledError:
            raise
        except Exception as error:  # any client failure is server trouble here
            raise _CallFailed(error, head=head) from error
        self._last_success = self._wall()
        return result

    async def _list(self, after: str | None) -> VideoList:
        request = self._client.list_videos(after=after, limit=self._page_size, order="desc")
        page = await self._call(request, head=after is None)
        now = self._clock()
        for video in page.data:
            self._refreshed_at[video.id] = now
        return page

    def _apply(self, page: VideoList, *, top: bool) -> StoreChange:
        """Merge a page and drop loaded jobs its range proves deleted."""
        store = self._store
        change = store.merge(page.data)
        end = _is_end(page, self._page_size)
        if not page.data:
            gone = list(store.ordered_ids()) if top and end else []
        else:
            on_page = {video.id for video in page.data}
            upper = None if top else max(video.created_at for video in page.data)
            lower = None if end else min(video.created_at for video in page.data)
            gone = [i for i in store.ids_created_between(lower, upper) if i not in on_page]
        return change | store.remove_many(gone)

    # --- first page and paging -----------------------------------------------------------

    async def _load_first(self) -> None:
        page = await self._list(None)
        self._first_done = True
        self._emit(self._apply(page, top=True))
        self._advance_cursor(page, after=None)

    async def _load_page(self) -> None:
        after = self._cursor
        if after is None:
            self._finish("end of list")
            return
        try:
            page = await self._list(after)
        except _CallFailed as failure:
            if not isinstance(failure.error, (NotFoundError, BadRequestError)):
                raise
            recovered = await self._recover(after, failure.error)
            if recovered is None:
                return
            page, after = recovered
        if not page.data and await self._cursor_gone(after):
            recovered = await self._recover(after, None)
            if recovered is None:
                return
            page, after = recovered
        self._emit(self._apply(page, top=False))
        self._page_wanted = False
        self._advance_cursor(page, after=after)
        self._publish()

    def _advance_cursor(self, page: VideoList, *, after: str | None) -> None:
        cursor = page.next_cursor
        if cursor is None:
            self._finish(self._end_note_for(page))
        elif cursor == after or cursor in self._used_cursors:
            self._finish(REPEATED_NOTE)
        else:
            self._cursor = cursor
            self._used_cursors.add(cursor)

    def _end_note_for(self, page: VideoList) -> str:
        if not page.data or page.has_more is False:
            return f"end of list: all {len(self._store)} jobs loaded"
        if page.has_more is None and page.last_id is None:
            return f"server does not page (no cursor); showing the first {len(self._store)} jobs"
        return "server sent no cursor; stopped paging"

    def _finish(self, note: str) -> None:
        self._end_reached, self._end_note = True, note
        self._page_wanted = False
        self._cursor = None

    async def _cursor_gone(self, cursor: str) -> bool:
        """An empty page after a cursor: some servers answer so for a deleted cursor job."""
        try:
            await self._call(self._client.retrieve(cursor))
        except _CallFailed as failure:
            return isinstance(failure.error, NotFoundError)
        return False

    async def _recover(self, bad: str, error: Exception | None) -> tuple[VideoList, str] | None:
        """The cursor job is gone: page on from the oldest job still loaded, or end."""
        if error is None or isinstance(error, NotFoundError) or await self._cursor_gone(bad):
            self._emit(self._store.remove(bad))
        candidate = next((i for i in reversed(self._store.ordered_ids()) if i != bad), None)
        if candidate is None:
            self._finish("paging cursor was deleted on the server; stopped paging")
            return None
        try:
            return await self._list(candidate), candidate
        except _CallFailed as failure:
            if not isinstance(failure.error, (NotFoundError, BadRequestError)):
                raise
            self._finish(f"paging cursor lost ({failure.error}); stopped paging")
            return None

    # --- the tick ------------------------------------------------------------------------

    async def _tick(self) -> None:
        store = self._store
        had_jobs = len(store) > 0
        head = await self._list(None)
        all_new = bool(head.data) and not any(video.id in store for video in head.data)
        self._emit(self._apply(head, top=True))
        seen = {video.id for video in head.data}
        if not had_jobs and self._end_reached and head.next_cursor:
            # The list was empty at start and has grown past one page: paging is possible again.
            self._end_reached, self._end_note = False, None
            self._cursor = head.next_cursor
            self._used_cursors.add(head.next_cursor)
        elif all_new and had_jobs:
            self._gap_cursor = head.next_cursor
        seen |= await self._walk_gap()
        await self._refresh_in_flight(seen)

    async def _walk_gap(self) -> set[str]:
        """Follow the cursor below an all-new head page until a known job appears (bounded)."""
        seen: set[str] = set()
        cursor = self._gap_cursor
        for _ in range(self._max_head_pages):
            if cursor is None:
                break
            try:
                page = await self._list(cursor)
            except _CallFailed as failure:
                if not isinstance(failure.error, (NotFoundError, BadRequestError)):
                    raise
                cursor = None  # the gap's cursor job vanished; the next head tick starts anew
                break
            hit = any(video.id in self._store for video in page.data)
            seen.update(video.id for video in page.data)
            self._emit(self._apply(page, top=False))
            following = page.next_cursor
            cursor = None if hit or following == cursor else following
        self._gap_cursor = cursor
        return seen

    async def _refresh_in_flight(self, seen: set[str]) -> None:
        stale = [i for i in self._store.in_flight_ids() if i not in seen]
        stale.sort(key=lambda i: self._refreshed_at.get(i, float("-inf")))
        change = NO_CHANGE
        try:
            for video_id in stale[: self._max_retrieves]:
                try:
                    video = await self._call(self._client.retrieve(video_id))
                except _CallFailed as failure:
                    if not isinstance(failure.error, NotFoundError):
                        raise
                    change = change | self._store.remove(video_id)
                    continue
                self._refreshed_at[video_id] = self._clock()
                change = change | self._store.upsert(video)
        finally:
            self._emit(change)
