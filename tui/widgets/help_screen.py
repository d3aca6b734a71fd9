"""The help screen: every key the user can press on the screen beneath it, in sections.

What it lists and how is tui/widgets/help_collect.py; how it is laid out, help_text.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from tui.actions import SECTIONS, Action
from tui.widgets.help_collect import collect_bindings
from tui.widgets.help_rows import BindingGroup, BindingRow
from tui.widgets.help_text import bindings_text, side_by_side, split_columns, text_width

__all__ = [
    "SECTIONS",
    "BindingGroup",
    "BindingRow",
    "HelpScreen",
    "bindings_text",
    "side_by_side",
    "split_columns",
]


class HelpScreen(ModalScreen[None]):
    """Every key the user can press on the screen beneath; escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close help"),
    ]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > #help-dialog { width: auto; max-width: 96%; height: auto; max-height: 94%; }
    HelpScreen #help-scroll { height: auto; max-height: 100%; width: auto; }
    HelpScreen #help-bindings { width: auto; }
    """
    COLUMN_GAP: ClassVar[int] = 6
    DIALOG_CHROME: ClassVar[tuple[int, int]] = (6, 2)  # border and padding: (width, height)

    def __init__(
        self,
        registry: Mapping[str, Action] | None = None,
        keymap: Mapping[str, str] | None = None,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.registry = registry
        self.keymap = keymap
        self.groups: list[BindingGroup] = []
        self.columns = 1

    def _screen_beneath(self) -> Screen[object]:
        stack = self.app.screen_stack
        index = stack.index(self) if self in stack else len(stack)
        return stack[index - 1] if index > 0 else self.app.screen

    def _layout(self) -> tuple[int, Text]:
        """One column when it fits the terminal's height (or two would not fit its width),
        else two: (columns, text)."""
        width, height = self.app.size
        chrome_width, chrome_height = self.DIALOG_CHROME
        one = bindings_text(self.groups)
        if len(one.split("\n")) + chrome_height <= int(height * 0.94):
            return 1, one
        two = side_by_side(
            [bindings_text(column) for column in split_columns(self.groups, 2)], self.COLUMN_GAP
        )
        if text_width(two) + chrome_width <= int(width * 0.96):
            return 2, two
        return 1, one  # too narrow for two: one column, scrolled

    def compose(self) -> ComposeResult:
        self.groups = collect_bindings(self._screen_beneath(), self.registry, self.keymap)
        self.columns, text = self._layout()
        with Vertical(id="help-dialog") as dialog:
            dialog.border_title = "Keys"
            dialog.border_subtitle = "escape · q · ? to close"
            with VerticalScroll(id="help-scroll"):
                yield Static(text, id="help-bindings")

    def on_resize(self, event: events.Resize) -> None:
        columns, text = self._layout()
        if columns != self.columns:
            self.columns = columns
            self.query_one("#help-bindings", Static).update(text)

    def action_close(self) -> None:
        self.dismiss(None)
