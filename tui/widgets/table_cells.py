"""The text of each VideoTable cell, as plain strings fitted to a width (no styling here)."""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable
from datetime import timedelta
from functools import lru_cache
from typing import Final

import humanize
from rich.cells import cell_len, set_cell_size

from tui.api.ids import upstream_id
from tui.text import one_line

ELLIPSIS: Final = "…"
ID_PREFIX: Final = "video_"
ID_CHARS: Final = 12  # like a git short hash: no ellipsis, every id is cut (c copies it whole)
BAR_CELLS: Final = 6
COST_CELLS: Final = 6  # "$10.00": the dearest known job (20 s at $0.50/s)
# Partial blocks by eighths: index n draws n/8 of a cell.
_EIGHTHS: Final = ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")
_FULL: Final = "█"
_EMPTY: Final = "░"


def cells_of(text: str) -> int:
    """The cells ``text`` takes; printable ASCII (most of what the table shows) is one cell a character."""
    if text.isascii() and text.isprintable():
        return len(text)
    return cell_len(text)


def clip(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` cells, with an ellipsis when cut."""
    if width <= 0:
        return ""
    if cells_of(text) <= width:
        return text
    # A wide character cut in half leaves a pad space: drop it so the ellipsis follows the text.
    return set_cell_size(text, width - 1).rstrip(" ") + ELLIPSIS


def clip_words(text: str, width: int, separators: str = "-") -> str:
    """``text`` cut to ``width`` cells at a separator when one leaves at least half the room, so a
    cut name still reads as a name ("sora-2-pro…" for "sora-2-pro-2025-10-06", not "sora-2-pro-2…")."""
    if cells_of(text) <= width:
        return text
    cut = max((i for i, char in enumerate(text) if char in separators and 0 < i < width), default=0)
    if cut and cells_of(text[:cut]) + 1 <= width and 2 * cut >= width:
        return text[:cut] + ELLIPSIS
    return clip(text, width)


def fit(text: str, width: int) -> str:
    """``text`` padded or cut to exactly ``width`` cells."""
    return set_cell_size(clip(text, width), max(0, width))


def plain(value: str | None, *, limit: int = 400) -> str:
    """``tui.text.one_line``, with a fast path for printable ASCII (nothing there to make inert)."""
    if not value:
        return ""
    if value.isascii() and value.isprintable():
        return " ".join(value[: limit * 2].split())[:limit]
    return one_line(value, limit=limit)


def short_id(video_id: str, skip: int = 0) -> str:
    """The part of the id that tells it apart, cut to ID_CHARS: for a LiteLLM id the upstream id
    inside it; for any other id what follows the first ``skip`` characters (the prefix every
    loaded id shares, see shared_prefix_length) or at least the ``video_`` prefix."""
    upstream = _litellm_upstream(video_id)
    if upstream is not None:
        video_id, skip = upstream, 0
    if 0 < skip < len(video_id):
        start = max(skip, len(ID_PREFIX) if video_id.startswith(ID_PREFIX) else 0)
        return plain(video_id[start : start + ID_CHARS * 4], limit=ID_CHARS * 4)[:ID_CHARS]
    text = plain(video_id, limit=ID_CHARS * 4)
    if text.startswith(ID_PREFIX) and len(text) > len(ID_PREFIX):
        text = text[len(ID_PREFIX) :]
    return text[:ID_CHARS]


@lru_cache(maxsize=4096)
def _litellm_upstream(video_id: str) -> str | None:
    """Decoding costs microseconds, and the same few screenfuls of rows are drawn again and again."""
    return upstream_id(video_id)


class IdRange:
    """The lowest and the highest of some ids and the shortest length: all that the prefix they
    share needs (the lowest and the highest id's common prefix is everyone's). Kept as ids
    arrive at the cost of the new ones; ``leaves`` says when a departure calls for measuring
    again."""

    def __init__(self, ids: Collection[str] = ()) -> None:
        self.lowest: str | None = None
        self.highest: str | None = None
        self.shortest = 0
        self.measure(ids)

    def measure(self, ids: Collection[str]) -> None:
        """Start over from these ids (three passes at C speed)."""
        if ids:
            self.lowest, self.highest, self.shortest = min(ids), max(ids), min(map(len, ids))
        else:
            self.lowest = self.highest = None
            self.shortest = 0

    def add(self, ids: Collection[str]) -> None:
        if not ids:
            return
        lowest, highest, shortest = min(ids), max(ids), min(map(len, ids))
        if self.lowest is None or self.highest is None:
            self.lowest, self.highest, self.shortest = lowest, highest, shortest
            return
        self.lowest = min(self.lowest, lowest)
        self.highest = max(self.highest, highest)
        self.shortest = min(self.shortest, shortest)

    def leaves(self, ids: Iterable[str]) -> bool:
        """Whether these ids leaving narrow the range (then ``measure`` again): the lowest or
        the highest. A shortest length kept after its id left only caps the skip lower than it
        could be, which never hides what tells ids apart."""
        return any(i in (self.lowest, self.highest) for i in ids)

    @property
    def skip(self) -> int:
        """How many leading characters every id shares, for short_id's ``skip``: never so many
        that an id is left with nothing, 0 when fewer than two different ids (nothing to tell
        apart). LiteLLM ids are decoded by short_id instead, and need no skip."""
        lowest, highest = self.lowest, self.highest
        if lowest is None or highest is None or lowest == highest:
            return 0
        shared = len(os.path.commonprefix((lowest, highest)))
        return min(shared, self.shortest - 1)


def shared_prefix_length(ids: Iterable[str]) -> int:
    """IdRange(ids).skip, for any iterable of ids."""
    return IdRange(ids if isinstance(ids, Collection) else list(ids)).skip


def bar(progress: int, cells: int = BAR_CELLS) -> tuple[str, str]:
    """A progress bar as (filled part, empty part), drawn with partial blocks."""
    progress = max(0, min(100, progress))
    eighths = round(progress * cells * 8 / 100)
    full, part = divmod(eighths, 8)
    filled = _FULL * full + _EIGHTHS[part]
    return filled, _EMPTY * (cells - len(filled))


def percent(progress: int) -> str:
    return f"{max(0, min(100, progress)):>3}%"


DAY: Final = 86_400


def age(created_at: int, now: float) -> str:
    """How long ago a job was created, for people ("3 minutes ago"); blank when unknown."""
    if created_at <= 0:
        return ""
    elapsed = int(max(0.0, now - created_at))
    if elapsed >= DAY:  # past a day, humanize reads whole days only ("3 days", "a month")
        elapsed -= elapsed % DAY
    return _age_text(elapsed)


@lru_cache(maxsize=4096)
def _age_text(elapsed: int) -> str:
    """humanize's words for whole seconds: ~30 µs a call, a third of painting a row, and a
    screenful of old jobs shares a few dozen distinct ages."""
    return str(humanize.naturaltime(timedelta(seconds=elapsed)))


def seconds(value: str) -> str:
    text = plain(value, limit=16)
    return f"{text}s" if text.isdigit() else text
