"""SearchBar: the one-line search input plus a note of what the table shows (matches, sort, watching).

The bar holds no state of its own beyond the text being typed: the app tells it what to show
(`show`) and answers its messages (Changed while typing, Submitted on Enter, Cleared on Esc).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Static

PLACEHOLDER = "search id, prompt, model, error…  (Enter keeps, Esc clears)"


@dataclass
class BarMessage(Message):
    """A message from one SearchBar (its ``control``)."""

    bar: SearchBar

    @property
    def control(self) -> SearchBar:
        return self.bar


class SearchBar(Horizontal):
    """``/`` query input (shown while a search is open or kept) and a summary on the right."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "clear", "Clear search and close", show=False),
    ]

    @dataclass
    class Changed(BarMessage):
        """The query text changed (each keystroke)."""

        query: str

    @dataclass
    class Submitted(BarMessage):
        """Enter: keep the filter and go back to the table."""

        query: str

    @dataclass
    class Cleared(BarMessage):
        """Esc: drop the query and close the input."""

    _summary = ""  # what the summary Static says

    def compose(self) -> ComposeResult:
        yield Static("/", id="search-prompt", markup=False)
        yield Input(placeholder=PLACEHOLDER, id="search-input", select_on_focus=False)
        yield Static("", id="search-summary", markup=False)

    @property
    def input(self) -> Input:
        return self.query_one("#search-input", Input)

    @property
    def summary(self) -> str:
        return str(self.query_one("#search-summary", Static).visual)

    def open(self) -> None:
        """Show the input with its current text and put the caret at the end."""
        self.set_class(True, "-query", "-shown")
        field = self.input
        field.focus()
        field.cursor_position = len(field.value)

    def show(self, summary: str, *, query_shown: bool) -> None:
        """What to show: the summary text, and whether the query input stays on screen. The bar
        hides itself when there is nothing to say and no query to show."""
        self.set_class(query_shown, "-query")
        self.set_class(query_shown or bool(summary), "-shown")
        if summary != self._summary:  # each update re-lays out the screen: only on change
            self._summary = summary
            self.query_one("#search-summary", Static).update(summary)

    def clear(self) -> None:
        """Empty the input without announcing it (the app already dropped the query)."""
        with self.prevent(Input.Changed):
            self.input.value = ""

    def action_clear(self) -> None:
        self.clear()
        self.post_message(self.Cleared(self))

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self, event.value))

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(self, event.value))
