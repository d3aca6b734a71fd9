"""The dashboard's history (tui/history): opened before the first request, fed every change the
poller makes, read for the cached start, the gone jobs and older rows.

* **Open**: in a thread, before the poller's first request; the newest jobs it knows go into
  the store *unconfirmed* (dimmed rows, "cached" on the status line) and the first pages
  reconcile them. A history that cannot be opened is said once; the dashboard goes on without.
* **Heard**: what the poller adds, changes or confirms is recorded (the writer thread encodes
  and commits it: nothing here waits on the disk); what it proves gone is marked gone and joins
  the gone jobs (`tui.feed.gone`), read back from the history once committed.
* **Older rows**: near the end of the rows, the next page of the history joins the store.

Every read runs in a thread (``asyncio.to_thread``); only the event loop touches the store.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable, Coroutine, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Protocol

from textual.notifications import SeverityLevel

from tui import clock
from tui.app import history_reads
from tui.app.history_backlog import Backlog
from tui.app.history_place import close_history, history_place
from tui.feed.filters import GONE
from tui.feed.gone import GoneJobs
from tui.feed.poller import FeedReport
from tui.feed.store import SortKey, StoreChange, VideoStore, sort_key
from tui.history.errors import HistoryUnavailable
from tui.history.notes import GONE_NOT_LISTED
from tui.settings import Settings

if TYPE_CHECKING:
    from tui.api.models import Video
    from tui.history import GoneNote, History

RECALL_ROWS: Final = 200  # jobs shown from the history at start: a few screenfuls
OLDER_ROWS: Final = 200  # jobs recalled each time the rows near their end
DAY: Final = 86_400.0


class Say(Protocol):
    """How the link tells the user something (the app's toast)."""

    def __call__(self, text: str, *, severity: SeverityLevel, timeout: float) -> None: ...


class HistoryLink:
    """The history of the server the feed is on (None: off, or unavailable)."""

    def __init__(
        self,
        store: VideoStore,
        *,
        on_change: Callable[[StoreChange], None],
        on_gone: Callable[[], None],
        on_failure: Say,
    ) -> None:
        self.store = store
        self.gone = GoneJobs()
        self.history: History | None = None
        self.recalled = 0  # jobs the cached start showed
        self._on_change = on_change  # the app applies a store change (rows, counts)
        self._on_gone = on_gone  # the gone jobs or their count changed
        self._on_failure = on_failure  # one sentence for people: the history is off
        self._older_done = False  # the history has nothing older than `_older_from`
        self._older_from: SortKey | None = None  # the oldest job read in order (start, older)
        self._recalling = False
        self._tasks: set[asyncio.Task[None]] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._scratch: Path | None = None  # the demo's history directory, removed at close
        self.backlog = Backlog()  # what waits to be recorded (G loading; a new file opening)
        self._opening = False  # a new history file is being made (its jobs wait meanwhile)
        self._open_task: asyncio.Task[None] | None = None

    # --- opening and closing ---------------------------------------------------------------

    async def open(self, settings: Settings) -> None:
        """Open ``settings``' history (if on) and show its newest jobs, before any request."""
        self.close_soon()
        if not settings.history:
            return
        path, self._scratch = history_place(settings)
        if not path.exists():  # nothing to show yet: the first request need not wait for it
            self._opening = True
            self._open_task = self._start(self._open(path, settings))
            return
        await self._open(path, settings)

    async def _open(self, path: Path, settings: Settings) -> None:
        try:
            await self._open_file(path, settings)
        finally:
            self._opening = False

    async def _open_file(self, path: Path, settings: Settings) -> None:
        from tui.history import open_history

        try:
            history = await asyncio.to_thread(
                open_history, path, base_url=settings.base_url, profile=settings.profile or ""
            )
        except HistoryUnavailable as error:
            self._on_failure(f"History off: {error}", severity="warning", timeout=10)
            return
        self._loop = asyncio.get_running_loop()
        history.on_failure = self._write_failed
        self.history, self._older_done, self._older_from = history, False, None
        if self.backlog:  # what the poller brought while a new file was being made
            self.write_backlog()
        try:
            recalled, total = await asyncio.to_thread(self._read_start, history)
        except HistoryUnavailable as error:
            self.fail(error)
            return
        self.gone.total = total
        self.recalled = len(recalled)
        self._older_done = len(recalled) < RECALL_ROWS
        self._older_from = sort_key(recalled[-1]) if recalled else None
        self._on_change(self.store.recall(recalled))
        self._on_gone()
        if settings.history_keep_days:  # after the first rows: pruning may take a while
            self._start(self._prune(history, settings.history_keep_days * DAY))

    @staticmethod
    def _read_start(history: History) -> tuple[list[Video], int]:
        return list(history.recent(RECALL_ROWS)), history.gone_count()

    def close_soon(self) -> None:
        """Stop using the history; it flushes and closes in a thread of its own."""
        history, self.history = self.history, None
        self.gone.clear()
        self.recalled = 0
        scratch, self._scratch = self._scratch, None
        self.backlog.take()  # the old server's: not for the next one's history
        if history is not None or scratch is not None:
            closing = threading.Thread(
                target=close_history, args=(history, scratch), name="history-close"
            )
            closing.start()

    async def opened(self) -> History | None:
        """The history, once a new file still being made is open (None: off or unavailable)."""
        opening = self._open_task
        if opening is not None and not opening.done():
            with contextlib.suppress(Exception):
                await asyncio.shield(opening)
        return self.history

    async def close(self) -> None:
        """Flush what is queued and close (the app is ending), a file being made made first."""
        await self.opened()  # the jobs seen meanwhile wait in the backlog for it
        self.write_backlog()
        history, self.history = self.history, None
        scratch, self._scratch = self._scratch, None
        await asyncio.to_thread(close_history, history, scratch)

    # --- what the poller did ---------------------------------------------------------------

    def heard(self, change: StoreChange, *, bulk: bool = False) -> None:
        """Record what a poller change brought; mark what it proved gone. ``bulk``: ``G`` is
        loading page after page: it all waits in the backlog until the load is over."""
        store = self.store
        seen = [
            video
            for ids in (change.added, change.changed, change.confirmed)
            for video in map(store.get, ids)
            if video is not None
        ]
        back = self.gone.discard(video.id for video in seen)
        if back:
            self.gone.total = max(0, self.gone.total - len(back))
            self._on_gone()
        if self.history is None and not self._opening:  # no history: nothing to keep
            return
        if bulk or self.history is None:  # (None: a new file is being made)
            self.backlog.add(seen, change.removed)
            return
        self.write_backlog()  # first, so that this change's word on a job is the last
        if seen:
            self.history.record(seen, seen_at=clock.now())
        if change.removed:
            self.mark_gone(change.removed, reason=GONE_NOT_LISTED)

    def write_backlog(self) -> None:
        """The load is over (or the history is open): what waited goes to the history."""
        if self.history is None or not self.backlog:
            return
        seen, gone = self.backlog.take()
        if seen:
            self.history.record(seen, seen_at=clock.now())
        if gone:
            self.mark_gone(gone, reason=GONE_NOT_LISTED)

    def mark_gone(self, ids: Iterable[str], *, reason: str) -> None:
        """These jobs left the server: marked in the history, then shown among the gone."""
        history = self.history
        if history is None:
            return
        gone = list(ids)
        history.mark_gone(gone, reason=reason, at=clock.now())
        self._start(self._read_gone(history, gone))

    def _start(self, work: Coroutine[Any, Any, None]) -> asyncio.Task[None]:
        task = asyncio.get_running_loop().create_task(work)
        self._tasks.add(task)  # a task nobody holds may be collected before it ends
        task.add_done_callback(self._tasks.discard)
        return task

    async def _prune(self, history: History, older_than: float) -> None:
        try:
            await asyncio.to_thread(history.prune, older_than)
        except HistoryUnavailable as error:
            self.fail(error)

    async def _read_gone(self, history: History, ids: list[str]) -> None:
        def read() -> dict[str, tuple[Video, GoneNote | None]]:
            history.flush()  # the mark is committed before it is read back
            return history.get(ids)

        try:
            found = await asyncio.to_thread(read)
        except HistoryUnavailable as error:
            self.fail(error)
            return
        if history is not self.history:
            return
        entries = [(video, note) for video, note in found.values() if note is not None]
        new = self.gone.add(entries)
        self.gone.total += len(new)
        self._on_gone()

    # --- older rows, and the gone view ----------------------------------------------------

    async def near_end(self, bucket: str, report: FeedReport | None) -> None:
        """The rows near their end: the next gone jobs in the Gone view, else older ones."""
        if bucket == GONE:
            await self.load_gone()
        else:
            await self.recall_older(complete=bool(report and report.complete))

    async def recall_older(self, *, complete: bool) -> None:
        """Near the end of the rows: the history's next jobs, in order below the last ones read
        (not below the oldest loaded: a search may have brought one from far down).
        ``complete``: the server's whole list is loaded, so older jobs are gone from it. Jobs
        the server's pages already passed are proven gone by the next sweep."""
        history, before = self.history, self._older_from
        if history is None or self._older_done or self._recalling or before is None:
            return
        self._recalling = True
        try:
            older = await asyncio.to_thread(history.recent, OLDER_ROWS, before=before)
        except HistoryUnavailable as error:
            self.fail(error)
            return
        finally:
            self._recalling = False
        if history is not self.history:
            return
        if len(older) < OLDER_ROWS:
            self._older_done = True
        if older:
            self._older_from = sort_key(older[-1])
        if complete:  # below the end of the server's list: not on the server any more
            self.mark_gone((video.id for video in older), reason=GONE_NOT_LISTED)
        else:
            self._on_change(self.store.recall(older))

    async def recall_matching(self, text: str) -> None:
        await history_reads.recall_matching(self, text)

    async def load_gone(self) -> None:
        await history_reads.load_gone(self)

    # --- failures -------------------------------------------------------------------------

    def _write_failed(self, error: HistoryUnavailable) -> None:
        """From the writer thread: the history cannot be written any more."""
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self.fail, error)

    def gone_changed(self) -> None:
        self._on_gone()

    def apply(self, change: StoreChange) -> None:
        self._on_change(change)

    def fail(self, error: HistoryUnavailable) -> None:
        """The history cannot be used any more: said once, and the dashboard goes on without."""
        if self.history is None:
            return
        self.history = None
        self._on_failure(f"History off: {error}", severity="warning", timeout=10)
