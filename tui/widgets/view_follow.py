"""Where the cursor and the first row on screen go when the table is given another view.

Plain functions over id lists, so the rules are tested without a screen. Lookups search from the
front: new jobs and the rows on screen are near the top of a newest-first view.
"""

from __future__ import annotations

from collections.abc import Sequence


def index_of(ids: Sequence[str], video_id: str) -> int:
    """The row of ``video_id`` in ``ids``, or -1."""
    try:
        return ids.index(video_id)
    except ValueError:
        return -1


def cursor_after(
    ids: Sequence[str], old_ids: Sequence[str], old_cursor: int, old_id: str | None
) -> int:
    """The cursor's row in ``ids``: its job's, else the nearest surviving neighbour's (the row
    below before the one above), else its old index (within the rows)."""
    if not ids or old_id is None:
        return 0
    if old_cursor < len(ids) and ids[old_cursor] == old_id:
        return old_cursor
    found = index_of(ids, old_id)
    if found >= 0:
        return found
    present = set(ids)
    for distance in range(1, len(old_ids)):
        for index in (old_cursor + distance, old_cursor - distance):
            if 0 <= index < len(old_ids) and old_ids[index] in present:
                return ids.index(old_ids[index])
    return min(old_cursor, len(ids) - 1)


def top_after(ids: Sequence[str], old_top: int, old_top_id: str | None, shift: int) -> int:
    """The first row on screen in ``ids``: the top stays the top (the head is live); elsewhere
    the same job stays first on screen, else the top moves by the cursor's ``shift``."""
    if old_top == 0:
        return 0
    if old_top_id is not None:
        if old_top < len(ids) and ids[old_top] == old_top_id:
            return old_top
        found = index_of(ids, old_top_id)
        if found >= 0:
            return found
    return max(0, old_top + shift)
