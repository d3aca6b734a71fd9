"""What the VideoTable tells the app: its messages, reachable as ``VideoTable.Highlighted`` etc.

They live here to keep the widget short; ``namespace`` keeps the handler names the nested classes
had (``on_video_table_highlighted``), so the app's handlers and ``@on`` selectors are unchanged.
"""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from tui.widgets.video_table import VideoTable

NAMESPACE = "video_table"


@dataclass
class TableMessage(Message):
    """A message from one VideoTable: ``control`` is that table (``@on(..., "#table")`` matches it)."""

    table: VideoTable

    @property
    def control(self) -> VideoTable:
        return self.table


@dataclass
class Highlighted(TableMessage, namespace=NAMESPACE):
    """The cursor landed on another job (None: the view is empty)."""

    video_id: str | None


@dataclass
class Selected(TableMessage, namespace=NAMESPACE):
    """Enter (or a click on the cursor row): show this job's details."""

    video_id: str


@dataclass
class NearEnd(TableMessage, namespace=NAMESPACE):
    """The cursor or the scroll position is within one screenful of the last row (or the
    view is shorter than a screen). ``by_user``: a key or the mouse brought it there."""

    _: KW_ONLY
    by_user: bool = False


@dataclass
class EndRequested(TableMessage, namespace=NAMESPACE):
    """``G`` / End: the user wants the real end of the list, not just of what is loaded."""


@dataclass
class FilterStep(TableMessage, namespace=NAMESPACE):
    """←/→ on the table: the previous (-1) or next (+1) status filter."""

    delta: int


@dataclass
class NewAbove(TableMessage, namespace=NAMESPACE):
    """How many new jobs wait above the rows on screen (0: none, or the view is at the top)."""

    count: int
