"""Jobs the server no longer has, as the history remembers them: kept apart from the store, so
they are never counted, paged or proven gone again as if they were on the server.

Ordered like the store (``created_at`` desc, then ``id`` desc). The history pages them in
(``add_page``, oldest last) and the dashboard adds each job that goes while it watches (``add``);
a job seen on the server again leaves (``discard``).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence

from tui.api.models import Video
from tui.feed.store import SortKey
from tui.history.notes import GoneNote
from tui.job_keys import job_key


class GoneJobs:
    """Gone jobs, newest first, each with its note. Not thread-safe: the event loop's only."""

    def __init__(self) -> None:
        self._jobs: dict[str, tuple[Video, GoneNote]] = {}
        self._keys: list[SortKey] = []  # ascending
        self.total = 0  # gone jobs in the whole history (the tab's count), loaded or not
        self.exhausted = False  # every gone job of the history is loaded

    def __len__(self) -> int:
        return len(self._jobs)

    def __contains__(self, video_id: object) -> bool:
        return video_id in self._jobs

    def __iter__(self) -> Iterator[str]:
        return iter(self._jobs)

    def entries(self) -> Iterator[tuple[Video, GoneNote]]:
        return iter(self._jobs.values())

    def get(self, video_id: str) -> Video | None:
        entry = self._jobs.get(video_id)
        return entry[0] if entry is not None else None

    def note(self, video_id: str) -> GoneNote | None:
        entry = self._jobs.get(video_id)
        return entry[1] if entry is not None else None

    def ordered_ids(self) -> list[str]:
        return [video_id for _, video_id in reversed(self._keys)]

    def oldest_key(self) -> SortKey | None:
        return self._keys[0] if self._keys else None

    def add(self, entries: Iterable[tuple[Video, GoneNote]], *, server: str = "") -> list[str]:
        """Add (or update) gone jobs; returns the keys that were not here before. ``server``:
        a fleet's merged gone jobs, keyed by server and id (tui/job_keys.py)."""
        new: list[str] = []
        for video, note in entries:
            job = job_key(server, video.id)
            if job in self._jobs:
                old = self._jobs[job][0]
                del self._keys[bisect_left(self._keys, (old.created_at, job))]
            else:
                new.append(job)
            self._jobs[job] = (video, note)
            key = (video.created_at, job)
            self._keys.insert(bisect_left(self._keys, key), key)
        return new

    def add_page(self, entries: Sequence[tuple[Video, GoneNote]], *, limit: int) -> None:
        """One page from the history, older than what is loaded; a short page is the last."""
        self.add(entries)
        if len(entries) < limit:
            self.exhausted = True

    def discard(self, ids: Iterable[str]) -> list[str]:
        """These jobs are on the server again; returns the ids that were here."""
        gone: list[str] = []
        for video_id in ids:
            entry = self._jobs.pop(video_id, None)
            if entry is not None:
                del self._keys[bisect_left(self._keys, (entry[0].created_at, video_id))]
                gone.append(video_id)
        return gone

    def clear(self) -> None:
        self._jobs.clear()
        self._keys.clear()
        self.total = 0
        self.exhausted = False
