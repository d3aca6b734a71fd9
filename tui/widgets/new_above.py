"""The live head's ``↑ N new`` marker: which new jobs wait above the rows on screen."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from tui.widgets.view_follow import index_of


def new_marker(count: int) -> str:
    """What the header says while ``count`` new jobs are above the rows on screen."""
    return f" ↑ {count} new · g " if count else ""


class WaitingAbove:
    """Jobs new on the server that arrived while the view was scrolled away from the top, for as
    long as they stay above the first row on screen."""

    def __init__(self) -> None:
        self._ids: set[str] = set()
        self._told = 0  # the count last returned by recount

    def __len__(self) -> int:
        return len(self._ids)

    def recount(self, fresh: Collection[str], ids: Sequence[str], top: int) -> int | None:
        """Add ``fresh`` and keep those above row ``top`` of ``ids``: the new count when it
        differs from the one last told, else None."""
        waiting = self._ids
        waiting.update(fresh)
        if waiting:
            position = {video_id: index_of(ids, video_id) for video_id in waiting}
            waiting.intersection_update(i for i, at in position.items() if 0 <= at < top)
        count = len(waiting)
        if count == self._told:
            return None
        self._told = count
        return count
