"""The table and the detail pane: side by side on a wide screen, one above the other on a narrow one."""

from __future__ import annotations

from typing import Final

from textual import events
from textual.containers import Horizontal

# Below this width the table (60 columns at least) and a readable pane (44: a full id, an exact
# time on one line) do not fit side by side (.textual.css: #table, #detail).
NARROW_BELOW: Final = 104
NARROW: Final = "-narrow"


class MainArea(Horizontal):
    """Textual has no media queries: the container sets ``-narrow`` on itself from its own width
    and the stylesheet (.textual.css, ``#main.-narrow``) stacks the pane under the table."""

    def on_resize(self, event: events.Resize) -> None:
        # Switching the layout does not change the container's own width: no resize loop.
        self.set_class(event.size.width < NARROW_BELOW, NARROW)

    @property
    def narrow(self) -> bool:
        """The pane is below the table."""
        return self.has_class(NARROW)
