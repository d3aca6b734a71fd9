"""The poller: decides what to ask the server next, and how often.

One coroutine (`Poller.run`, run by the app as an async worker) does every request, one at a
time, so at most one page request is ever in flight and nothing races on the store.

Each tick:

* **Head**: ``GET /videos?order=desc&limit=page_size``. New jobs appear at the top. When the
  head page does not reach below the second of the newest loaded job (more jobs were created
  than fit a page since the last tick; jobs of one second sort by id, so a new one can land
  below a known one) the poller follows the cursor until a page does, at most
  ``max_head_pages`` pages a tick; an unfinished walk resumes at the next tick (newest gap
  first), so no gap is left.
* **In-flight jobs on the head page** are refreshed for free by that re-list.
* **In-flight jobs further down** are refreshed with ``GET /videos/{id}``, at most
  ``max_retrieves`` a tick, least recently refreshed first. Re-listing instead would cost one
  request per page from the top down to the job (and the job's page moves as new jobs arrive),
  while a retrieve costs exactly one request per job and cannot miss it. A retrieve answered
  with 404 means the job was deleted on the server: it leaves the store.
* **Deletions**: a list page is a contiguous slice of the newest-first order, so a loaded job
  whose ``created_at`` lies strictly inside a fetched page's range but is not on it was deleted.
  The head page's range is open upwards; the last page of the list is open downwards. Ranges
  compare the full sort key ``(created_at, id)``, so jobs created in the same second are exact.
* **Reconcile sweep**: a finished job deeper down, deleted (or changed) by someone else, is
  never re-listed by the head or retrieved. So every ``reconcile_every`` seconds a sweep re-lists
  the loaded range below the head page, ``reconcile_pages`` pages a tick, from the head page's
  last job down to the oldest loaded job; each page drops the loaded jobs its range proves gone.
  The sweep follows its own cursor; if that job vanishes meanwhile, the sweep starts over.

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
_Key = tuple[int, str]
REPEATED_NOTE: Final = "server repeated a page; stopped paging"
# Why paging ended (FeedStatus.end_kind): only END_COMPLETE means every job is loaded.
END_COMPLETE: Final = "complete"  # has_more false, or an empty/short page without has_more
END_IGNORES_PAGING: Final = "ignores paging"  # a page or a cursor came again (LiteLLM)
END_NO_CURSOR: Final = "no cursor"  # a full page without a cursor (SGLang): cannot go on
END_CURSOR_LOST: Final = "cursor lost"  # cursor jobs kept vanishing
BULK_PAGE_SIZE: Final = 100  # the API's largest page: `load_all` asks for it (fewest requests)
# An end note may name how many jobs are loaded: the count is filled in at each status, so
# it stays right as new jobs arrive at the top (or vanish) after the end was reached.
LOADED: Final = "{loaded}"
MAX_LOST_CURSORS: Final = 3  # vanished cursor jobs tried in a row before paging restarts at the top
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
    end_kind: str | None = None  # why paging ended (END_*); None while more is on the server
    loading_all: bool = False  # `load_all` under way: pages follow each other to the end
    bulk_pages: int = 0  # pages loaded since `load_all` began
    bulk_jobs: int = 0  # jobs those pages added
    bulk_seconds: float = 0.0  # how long it has taken so far

    @property
    def complete(self) -> bool:
        """Every job on the server is loaded, as the server itself said."""
        return self.end_reached and self.end_kind == END_COMPLETE


class _CallFailed(Exception):
    """A request failed after the client's own retries; ``error`` is what it raised."""

    def __init__(self, error: Exception, *, head: bool = False) -> None:
        super().__init__(str(error))
        self.error = error
        self.head = head  # the plain list route (no cursor): a 404 there means a wrong base URL


def _key(video: Video) -> _Key:
    return (video.created_at, video.id)


def _reaches(page: VideoList, second: int) -> bool:
    """True when ``page`` holds a job older than ``second`` (so all of that second is above)."""
    return any(video.created_at < second for video in page.data)


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
        reconcile_every: float = 120.0,
        reconcile_pages: int = 2,
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
        self._reconcile_every = reconcile_every
        self._reconcile_pages = reconcile_pages
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
        self._gaps: list[tuple[str, int]] = []  # (cursor, floor second) of new jobs still unwalked
        self._restarted = False  # paging restarted from the top after lost cursors
        self._page_wanted = False
        self._load_all = False  # `load_all`: keep paging until the end (or `stop_loading`)
        self._bulk_started: float | None = None  # clock() when `load_all` began
        self._bulk_pages = 0
        self._bulk_jobs = 0
        # `load_all` asks for the next page while the current one is merged (and painted).
        self._prefetch: tuple[str, asyncio.Task[VideoList]] | None = None
        self._end_reached = False
        self._end_note: str | None = None
        self._end_kind: str | None = None
        self._published: FeedStatus | None = None
        # reconcile sweep: the job the next sweep page starts after (None = no sweep under way)
        self._sweep_from: Video | None = None
        self._sweep_due: float | None = None

    # --- the app's controls --------------------------------------------------------------

    def want_more(self) -> None:
        """Load the next page soon; a no-op while one is pending or at the end."""
        if self._end_reached or self._page_wanted:
            return
        self._page_wanted = True
        self._wake.set()
        self._publish()

    def load_all(self) -> None:
        """Load every remaining page, one after another, at the largest page size, until the
        server has no more (or `stop_loading`). Progress shows in `status` (bulk_*)."""
        if self._end_reached:
            return
        if not self._load_all:
            self._load_all = True
            self._bulk_started = self._clock()
            self._bulk_pages = self._bulk_jobs = 0
        self._page_wanted = True
        self._wake.set()
        self._publish()

    def stop_loading(self) -> bool:
        """Ask for no further page (a page already on its way is still merged). True when
        paging was under way."""
        busy = self._page_wanted or self._load_all
        self._page_wanted = self._load_all = False
        self._drop_prefetch()
        if busy:
            self._publish()
        return busy

    def refresh_now(self) -> None:
        """Poll at once, cutting short a tick wait, a retry backoff or an auth wait. While
        paused this is one fetch (and any page asked for); polling stays paused."""
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
        loaded = len(self._store)
        note = self._end_note
        started = self._bulk_started
        return FeedStatus(
            server=self._client.base_url,
            state=state,
            last_success=self._last_success,
            next_poll_at=None if self._paused else self._next_poll_at,
            error=self._error,
            retry_at=self._retry_at,
            loaded=loaded,
            end_reached=self._end_reached,
            end_note=None if note is None else note.replace(LOADED, str(loaded)),
            loading_page=self._page_wanted,
            in_flight=counts[QUEUED] + counts[IN_PROGRESS],
            end_kind=self._end_kind if self._end_reached else None,
            loading_all=self._load_all,
            bulk_pages=self._bulk_pages,
            bulk_jobs=self._bulk_jobs,
            bulk_seconds=0.0 if started is None else self._clock() - started,
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
            self._drop_prefetch()
            self._stopped = True
            with contextlib.suppress(Exception):  # the app may already be tearing down
                self._publish()

    async def _wait_for_turn(self) -> None:
        while True:
            if self._paused:
                if self._refresh:  # `r` while paused: one fetch, then paused again
                    return
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
        due = self._due is None or self._clock() >= self._due
        ticking = self._refresh or (due and not self._paused)
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

    async def _list(self, after: str | None, *, bulk: bool = False) -> VideoList:
        limit = BULK_PAGE_SIZE if bulk else self._page_size
        request = self._client.list_videos(after=after, limit=limit, order="desc")
        page = await self._call(request, head=after is None)
        now = self._clock()
        for video in page.data:
            self._refreshed_at[video.id] = now
        return page

    def _apply(
        self, page: VideoList, *, top: bool, cursor: _Key | None = None, bulk: bool = False
    ) -> StoreChange:
        """Merge a page and drop loaded jobs its range proves deleted.

        The page covers the sort keys from its oldest job up to the cursor it was asked after
        (exclusive; ``cursor`` None: up to its newest job), or everything upwards for the head
        (``top``); the last page of the list covers everything downwards.
        """
        store = self._store
        change = store.merge(page.data)
        end = _is_end(page, self._limit_of(bulk))
        if not page.data:
            gone = list(store.ordered_ids()) if top and end else []
        else:
            on_page = {video.id for video in page.data}
            keys = [_key(video) for video in page.data]
            lower = None if end else min(keys)
            if top:
                upper, inclusive = None, False
            elif cursor is not None:
                upper, inclusive = cursor, False
            else:
                upper, inclusive = max(keys), True
            gone = [
                i for i in self._ids_within(lower, upper, inclusive=inclusive) if i not in on_page
            ]
        return change | store.remove_many(gone)

    def _ids_within(self, lower: _Key | None, upper: _Key | None, *, inclusive: bool) -> list[str]:
        """Loaded ids with ``lower <= key < upper`` (``<= upper`` when inclusive; None: open)."""
        store = self._store
        candidates = store.ids_created_between(
            None if lower is None else lower[0] - 1, None if upper is None else upper[0] + 1
        )
        found: list[str] = []
        for video_id in candidates:
            video = store.get(video_id)
            if video is None:
                continue
            key = _key(video)
            if lower is not None and key < lower:
                continue
            if upper is not None and (key > upper or (key == upper and not inclusive)):
                continue
            found.append(video_id)
        return found

    def _key_of(self, video_id: str | None) -> _Key | None:
        video = self._store.get(video_id) if video_id is not None else None
        return _key(video) if video is not None else None

    # --- first page and paging -----------------------------------------------------------

    async def _load_first(self) -> None:
        page = await self._list(None)
        self._first_done = True
        self._emit(self._apply(page, top=True))
        self._advance_cursor(page, after=None)

    async def _load_page(self) -> None:
        after: str | None = self._cursor
        if after is None:
            self._finish("server sent no cursor; stopped paging", END_NO_CURSOR)
            return
        bulk = self._load_all
        tried: set[str] = set()
        page = await self._page_after(after, bulk=bulk)
        while page is None:  # the cursor job is gone (or refused): page on from another one
            tried.add(after)
            after = self._fallback_cursor(tried)
            if after is None:
                if self._restarted:
                    self._finish("paging cursor lost again; stopped paging", END_CURSOR_LOST)
                    return
                # From the top: slower (loaded pages come again) but nothing is skipped.
                self._restarted = True
                self._used_cursors.clear()
                page = await self._list(None, bulk=bulk)
                break
            page = await self._page_after(after, bulk=bulk)
        if not tried:
            self._restarted = False
        after_key = self._key_of(after)
        if after_key is not None and any(_key(video) >= after_key for video in page.data):
            # Jobs newer than the cursor on a page "after" it: the server ignored `after`.
            self._finish(REPEATED_NOTE, END_IGNORES_PAGING)
        else:
            self._advance_cursor(page, after=after, bulk=bulk)
        if self._load_all and self._cursor is not None:
            self._start_prefetch(self._cursor)
        change = self._apply(page, top=after is None, cursor=after_key, bulk=bulk)
        if bulk:
            self._bulk_pages += 1
            self._bulk_jobs += len(change.added)
        # Decided before the change goes out: a listener may ask for another page at once.
        self._page_wanted = self._load_all and not self._end_reached
        if self._end_reached:
            self._load_all = False
        self._emit(change)
        self._publish()

    def _limit_of(self, bulk: bool) -> int:
        return BULK_PAGE_SIZE if bulk else self._page_size

    def _start_prefetch(self, after: str) -> None:
        self._drop_prefetch()
        self._prefetch = (after, asyncio.ensure_future(self._list(after, bulk=True)))

    def _drop_prefetch(self) -> None:
        if self._prefetch is None:
            return
        task = self._prefetch[1]
        self._prefetch = None
        if task.done():
            if not task.cancelled():
                task.exception()  # retrieved: a failure of a page nobody wants is no news
        else:
            task.cancel()

    def _take_prefetch(self, after: str, bulk: bool) -> asyncio.Task[VideoList] | None:
        """The page after ``after`` already on its way (asked for at the same size), if any."""
        prefetch = self._prefetch
        if prefetch is None or prefetch[0] != after or not bulk:
            self._drop_prefetch()
            return None
        self._prefetch = None
        return prefetch[1]

    async def _page_after(self, after: str, *, bulk: bool = False) -> VideoList | None:
        """The page after ``after``, or None when that job is gone (it leaves the store)."""
        try:
            task = self._take_prefetch(after, bulk)
            page = await (task if task is not None else self._list(after, bulk=bulk))
        except _CallFailed as failure:
            if not isinstance(failure.error, (NotFoundError, BadRequestError)):
                raise
            if isinstance(failure.error, NotFoundError) or await self._cursor_gone(after):
                self._emit(self._store.remove(after))
            return None
        if not page.data and await self._cursor_gone(after):
            # Some servers (vLLM, SGLang) answer an unknown cursor with an empty page.
            self._emit(self._store.remove(after))
            return None
        return page

    def _fallback_cursor(self, tried: set[str]) -> str | None:
        """The oldest loaded job not tried yet, or None after a few lost cursors in a row."""
        if len(tried) >= MAX_LOST_CURSORS:
            return None
        return next((i for i in reversed(self._store.ordered_ids()) if i not in tried), None)

    def _advance_cursor(self, page: VideoList, *, after: str | None, bulk: bool = False) -> None:
        cursor = page.next_cursor
        if cursor is None:
            self._finish(*self._end_note_for(page, bulk=bulk))
        elif cursor == after or cursor in self._used_cursors:
            self._finish(REPEATED_NOTE, END_IGNORES_PAGING)
        else:
            self._cursor = cursor
            self._used_cursors.add(cursor)

    def _end_note_for(self, page: VideoList, *, bulk: bool = False) -> tuple[str, str]:
        """Why a page without a next cursor ends paging: (note, END_* kind)."""
        if _is_end(page, self._limit_of(bulk)):
            return f"end of list: all {LOADED} jobs loaded", END_COMPLETE
        if page.has_more is None and page.last_id is None:
            note = f"server does not page (no cursor); showing the first {LOADED} jobs"
            return note, END_NO_CURSOR
        return "server sent no cursor; stopped paging", END_NO_CURSOR

    def _finish(self, note: str, kind: str) -> None:
        self._end_reached, self._end_note, self._end_kind = True, note, kind
        self._page_wanted = self._load_all = False
        self._cursor = None

    async def _cursor_gone(self, cursor: str) -> bool:
        """An empty page after a cursor: some servers answer so for a deleted cursor job."""
        try:
            await self._call(self._client.retrieve(cursor))
        except _CallFailed as failure:
            return isinstance(failure.error, NotFoundError)
        return False

    # --- the tick ------------------------------------------------------------------------

    async def _tick(self) -> None:
        store = self._store
        newest = store.get(store.ordered_ids()[0]) if len(store) else None
        head = await self._list(None)
        self._emit(self._apply(head, top=True))
        seen = {video.id for video in head.data}
        if newest is None and self._end_reached and head.next_cursor:
            # The list was empty at start and has grown past one page: paging is possible again.
            self._end_reached, self._end_note, self._end_kind = False, None, None
            self._cursor = head.next_cursor
            self._used_cursors.add(head.next_cursor)
        elif newest is not None and head.next_cursor and not _reaches(head, newest.created_at):
            # New jobs (created at or after the newest one loaded) fill more than the head page.
            self._gaps.append((head.next_cursor, newest.created_at))
        seen |= await self._walk_gaps()
        if not self._gaps:  # a gap still open: the sweep waits until it is closed
            seen |= await self._sweep(head)
        await self._refresh_in_flight(seen)

    async def _walk_gaps(self) -> set[str]:
        """Follow the cursor below a head page until it reaches the gap's floor (bounded a tick).

        A gap is (cursor, floor): jobs created at or after ``floor`` may be missing below
        ``cursor``. New jobs can share a second with loaded ones and sort below them by id, so
        a gap closes on reaching below its floor second, not on the first known id.
        """
        seen: set[str] = set()
        budget = self._max_head_pages
        while self._gaps and budget > 0:
            cursor, floor = self._gaps[-1]
            budget -= 1
            cursor_key = self._key_of(cursor)
            try:
                page = await self._list(cursor)
            except _CallFailed as failure:
                if not isinstance(failure.error, (NotFoundError, BadRequestError)):
                    raise
                page = None
            if page is not None and not page.data and await self._cursor_gone(cursor):
                page = None
            if page is None:  # the cursor job vanished: go on from the next loaded job above it
                self._emit(self._store.remove(cursor))
                above = self._ids_within(cursor_key, None, inclusive=True) if cursor_key else []
                if above:
                    self._gaps[-1] = (above[-1], floor)
                else:
                    self._gaps.pop()
                continue
            seen.update(video.id for video in page.data)
            self._emit(self._apply(page, top=False, cursor=cursor_key))
            following = page.next_cursor
            if following is None or following == cursor or _reaches(page, floor):
                self._gaps.pop()
            else:
                self._gaps[-1] = (following, floor)
        return seen

    async def _sweep(self, head: VideoList) -> set[str]:
        """Re-list the loaded range below the head page, a few pages a tick (see module doc)."""
        seen: set[str] = set()
        now = self._clock()
        if self._sweep_from is None:
            if self._sweep_due is None:
                self._sweep_due = now + self._reconcile_every
            if now < self._sweep_due or head.next_cursor is None or not head.data:
                return seen
            self._sweep_from = head.data[-1]
        for _ in range(self._reconcile_pages):
            start = self._sweep_from
            oldest = self._store.ordered_ids()[-1] if len(self._store) else None
            oldest_key = self._key_of(oldest)
            if start is None or oldest_key is None or _key(start) <= oldest_key:
                self._end_sweep()
                break
            try:
                page = await self._list(start.id)
            except _CallFailed as failure:
                if not isinstance(failure.error, (NotFoundError, BadRequestError)):
                    raise
                self._sweep_from, self._sweep_due = None, now  # its cursor vanished: start over
                break
            if not page.data and await self._cursor_gone(start.id):
                self._sweep_from, self._sweep_due = None, now
                break
            seen.update(video.id for video in page.data)
            self._emit(self._apply_swept(page, start, oldest_key))
            ignored = bool(page.data) and _key(page.data[-1]) >= _key(start)  # `after` ignored
            if ignored or _is_end(page, self._page_size) or page.next_cursor is None:
                self._end_sweep()
                break
            self._sweep_from = page.data[-1]
        return seen

    def _apply_swept(self, page: VideoList, start: Video, oldest: _Key) -> StoreChange:
        """Merge a sweep page (nothing below what the user has paged to) and drop the vanished."""
        keys = [_key(video) for video in page.data]
        lower = None if _is_end(page, self._page_size) else min(keys)
        if not self._end_reached:
            lower = oldest if lower is None else max(lower, oldest)
        data = [video for video in page.data if lower is None or _key(video) >= lower]
        on_page = {video.id for video in data}
        within = self._ids_within(lower, _key(start), inclusive=False)
        store = self._store
        return store.merge(data) | store.remove_many(i for i in within if i not in on_page)

    def _end_sweep(self) -> None:
        self._sweep_from = None
        self._sweep_due = self._clock() + self._reconcile_every

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
