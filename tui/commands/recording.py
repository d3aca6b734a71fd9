"""What ``list`` and ``show`` leave in the history: every job they saw, and the jobs a complete
walk of the list or a 404 proves gone. A history that cannot be opened or written is one line on
stderr ("history off: …"); the command goes on without it.

The history opens in a thread while the request is on its way, and is flushed and closed
before the command exits.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Collection, Iterable
from types import TracebackType
from typing import Self

from tui.api.models import Video
from tui.commands.history_file import history_file_for, history_profile
from tui.history import GONE_NOT_LISTED, GoneNote, History, HistoryUnavailable, open_history
from tui.settings import Settings

DAY = 86_400.0
CHUNK = 1000  # jobs read at a time when looking for the ones a walk did not see


class Recorder:
    """``async with Recorder(settings, warn)``: the command's history; ``warn`` prints a line
    on stderr. Does nothing when the history is off or could not be opened."""

    def __init__(self, settings: Settings, warn: Callable[[str], None]) -> None:
        self.settings = settings
        self.warn = warn
        self.history: History | None = None
        self.opening: asyncio.Task[None] | None = None

    async def __aenter__(self) -> Self:
        self.opening = asyncio.create_task(asyncio.to_thread(self.open))
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.ready()
        await asyncio.to_thread(self.close)

    async def ready(self) -> History | None:
        if self.opening is not None:
            await asyncio.shield(self.opening)
        return self.history

    async def record(self, videos: Iterable[Video]) -> None:
        history = await self.ready()
        if history is not None:
            history.record(list(videos))

    async def mark_unlisted(self, seen: Collection[Video], *, walk_started: float) -> int:
        history = await self.ready()
        if history is None:
            return 0
        return await asyncio.to_thread(mark_unlisted, history, seen, walk_started=walk_started)

    async def gone_entry(self, video_id: str) -> tuple[Video, GoneNote] | None:
        """The history's copy of a job the server answered 404 for, marked gone (if it was not
        yet), with its note; None when the history never saw it."""
        history = await self.ready()
        if history is None:
            return None
        return await asyncio.to_thread(gone_entry, history, video_id)

    def open(self) -> None:
        path = history_file_for(self.settings)
        if path is None:
            return
        try:
            history = open_history(
                path, base_url=self.settings.base_url, profile=history_profile(self.settings)
            )
        except HistoryUnavailable as error:
            self.warn(f"history off: {error}")
            return
        history.on_failure = self.failed
        self.history = history

    def failed(self, error: HistoryUnavailable) -> None:
        """Called once, from the history's writer thread; later writes are dropped."""
        self.warn(f"history off: {error}")

    def close(self) -> None:
        """Everything written, then jobs unseen for [history] keep_days pruned, then closed."""
        history, self.history = self.history, None
        if history is None:
            return
        try:
            days = self.settings.history_keep_days
            if days is not None and history.flush() and history.failed is None:
                history.prune(days * DAY)
        except HistoryUnavailable as error:
            self.warn(f"history off: {error}")
        finally:
            history.close()


def mark_unlisted(history: History, seen: Collection[Video], *, walk_started: float) -> int:
    """After a walk through every page: the history's jobs the server did not list are gone.

    Only jobs created before the newest one seen (or, seeing none, before the walk began): a
    job another dashboard recorded while this walk ran is not proved gone by it. Returns how
    many were marked.
    """
    listed = {video.id for video in seen}
    newest = max((video.created_at for video in seen), default=int(walk_started))
    before: tuple[int, str] | None = (newest, "")
    unlisted: list[str] = []
    while before is not None:
        page = history.recent(CHUNK, before=before)
        unlisted += [video.id for video in page if video.id not in listed]
        before = (page[-1].created_at, page[-1].id) if len(page) == CHUNK else None
    if unlisted:
        history.mark_gone(unlisted, reason=GONE_NOT_LISTED)
    return len(unlisted)


def gone_entry(history: History, video_id: str) -> tuple[Video, GoneNote] | None:
    found = history.get([video_id]).get(video_id)
    if found is None:
        return None
    video, note = found
    if note is None:
        history.mark_gone([video_id], reason=GONE_NOT_LISTED)
        history.flush()
        video, note = history.get([video_id]).get(video_id, found)
    if note is None:  # the write failed: say what is known
        note = GoneNote(last_seen=0.0, gone_at=time.time(), reason=GONE_NOT_LISTED)
    return video, note
