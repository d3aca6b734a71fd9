"""What the dialogs share while a request runs: the focus they lend and give back, and the
line that says why a request failed."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from tui.text import literal


class BusyFocus:
    """Disabling a dialog's controls moves the focus away; this gives it back afterwards."""

    def __init__(self) -> None:
        self.busy = False
        self._before: Widget | None = None

    def change(self, screen: Screen[Any], busy: bool) -> bool:
        """Note the new state; True when the dialog has just stopped being busy."""
        was_busy, self.busy = self.busy, busy
        if busy and not was_busy:
            self._before = screen.focused
        return was_busy and not busy

    def give_back(self, fallback: Widget | None = None) -> None:
        before, self._before = self._before, None
        target = before if before is not None and before.is_attached else fallback
        if target is not None:
            target.focus()


def show_failure(line: Static, message: str) -> None:
    """Why a request failed, server text shown literally (an empty message hides the line)."""
    line.update(literal(message, keep_newlines=False))
    line.set_class(bool(message), "-shown")
