"""The VideoTable's columns and which of them show at a given width (the prompt takes the rest)."""

from __future__ import annotations

from functools import lru_cache
from typing import Final, NamedTuple

from tui.widgets import table_cells as cells

PROGRESS_CELLS: Final = cells.BAR_CELLS + 5  # bar, a space, "100%"


class Column(NamedTuple):
    key: str
    title: str
    width: int  # for the flexible column: its minimum width
    right: bool = False
    words: bool = False  # cut at a "-" rather than mid-word (model names)


# Widths are as tight as the values allow, so that at 160 columns with the detail pane open
# (a 110-cell table) every column shows: "◐ in progress" is 13 cells, "1792x1024" 9, "12s" 3.
COLUMNS: Final = (
    Column("status", "Status", 13),
    Column("progress", "Progress", PROGRESS_CELLS),
    Column("id", "ID", cells.ID_CHARS),
    Column("model", "Model", 12, words=True),
    Column("size", "Size", 9),
    Column("seconds", "Len", 3, right=True),
    Column("cost", "Cost", cells.COST_CELLS, right=True),
    Column("prompt", "Prompt", 16),
    Column("created", "Created", 14),
)
FLEX: Final = "prompt"
GAP: Final = 1  # blank cells before each column
# On narrow screens columns are hidden in this order rather than scrolling sideways.
# Cost goes after model: it sums up model, size and length at a glance (all three are in the
# detail pane), so it is worth more room than the model name.
DROP_ORDER: Final = ("size", "model", "cost", "seconds", "created", "id")


def _needed(columns: tuple[Column, ...]) -> int:
    return sum(column.width + GAP for column in columns) + GAP


MIN_WIDTH: Final = _needed(COLUMNS)


class Layout(NamedTuple):
    """The columns shown at one table width and their cell widths (the prompt takes the rest)."""

    width: int
    columns: tuple[Column, ...]
    widths: tuple[int, ...]

    @classmethod
    def for_width(cls, width: int) -> Layout:
        return _layout_for(width)


@lru_cache(maxsize=16)
def _layout_for(width: int) -> Layout:
    columns: tuple[Column, ...] = COLUMNS
    for key in DROP_ORDER:
        if _needed(columns) <= width:
            break
        columns = tuple(column for column in columns if column.key != key)
    width = max(width, _needed(columns))
    spare = width - _needed(columns)
    widths = tuple(c.width + (spare if c.key == FLEX else 0) for c in columns)
    return Layout(width, columns, widths)
