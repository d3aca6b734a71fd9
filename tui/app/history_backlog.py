"""What the history is to record later: while ``G`` loads page after page, recording each job
as it arrives would take the CPU the pages need (encoding, the search index), so the jobs wait
here and go to the history in one go once the load is over. Nothing is lost meanwhile: every
job waiting is still on the server, and a crash only means it is recorded at the next sight."""

from __future__ import annotations

from collections.abc import Iterable

from tui.api.models import Video


class Backlog:
    """Jobs seen and jobs gone, not yet written; the latest word on each job wins."""

    def __init__(self) -> None:
        self._seen: dict[str, Video] = {}
        self._gone: set[str] = set()

    def __bool__(self) -> bool:
        return bool(self._seen or self._gone)

    def add(self, seen: Iterable[Video], gone: Iterable[str]) -> None:
        for video in seen:
            self._seen[video.id] = video
            self._gone.discard(video.id)
        for video_id in gone:
            self._seen.pop(video_id, None)
            self._gone.add(video_id)

    def take(self) -> tuple[list[Video], list[str]]:
        """Everything waiting (seen, gone), and the backlog empty again."""
        seen, gone = list(self._seen.values()), sorted(self._gone)
        self._seen, self._gone = {}, set()
        return seen, gone
