"""The VideoTable's columns and which of them show at a given width (the prompt takes the rest)."""

from __future__ import annotations

from collections.abc import Sequence
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
    def for_width(cls, width: int, servers: int = 0) -> Layout:
        """``servers``: the Server column's width (a fleet's), 0 for none."""
        return _layout_for(width, servers)


SERVER_CELLS_MAX: Final = 12


def server_cells(names: Sequence[str]) -> int:
    """The Server column's width for these profile names (0: no column, one server)."""
    if not names:
        return 0
    return max(len("Server"), min(SERVER_CELLS_MAX, max(cells.cells_of(n) for n in names)))


@lru_cache(maxsize=16)
def _layout_for(width: int, servers: int = 0) -> Layout:
    columns: tuple[Column, ...] = COLUMNS
    if servers:  # first: in a fleet, where a job is comes before what it is
        columns = (Column("server", "Server", servers), *columns)
    for key in DROP_ORDER:
        if _needed(columns) <= width:
            break
        columns = tuple(column for column in columns if column.key != key)
    width = max(width, _needed(columns))
    spare = width - _needed(columns)
    widths = tuple(c.width + (spare if c.key == FLEX else 0) for c in columns)
    return Layout(width, columns, widths)
