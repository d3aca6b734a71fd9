"""A fleet's server tabs: ``Servers  All 100 · a 40 · b 30 · c 30``, the chosen one marked.

Shown only in a fleet (one line under the status filter bar). It is given the counts and the
chosen server; a click on a tab posts `ServerBar.Chosen` (the servers feature filters).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final, NamedTuple

from rich.text import Text
from textual import events
from textual.message import Message
from textual.widget import Widget

from tui.text import one_line

ALL_SERVERS: Final = ""  # the tab that shows every server's jobs
LEAD: Final = "Servers "
BETWEEN: Final = " · "


class _Tab(NamedTuple):
    server: str
    start: int
    end: int


def server_tabs(
    names: Sequence[str], counts: Mapping[str, int], chosen: str
) -> tuple[Text, list[_Tab]]:
    """The line and where each tab is on it."""
    text = Text(LEAD, style="dim")
    tabs: list[_Tab] = []
    entries = [(ALL_SERVERS, "All", sum(counts.get(n, 0) for n in names))]
    entries += [(name, one_line(name, limit=40), counts.get(name, 0)) for name in names]
    for index, (server, label, count) in enumerate(entries):
        if index:
            text.append(BETWEEN, style="dim")
        start = text.cell_len
        style = "bold reverse" if server == chosen else ""
        text.append(f"{label} {count:,}", style=style)
        tabs.append(_Tab(server, start, text.cell_len))
    return text, tabs


class ServerBar(Widget):
    """The server tabs of a fleet."""

    DEFAULT_CSS = """
    ServerBar { height: 1; padding: 0 1; }
    """

    class Chosen(Message):
        """A server's tab was clicked (``server`` "" for all of them)."""

        def __init__(self, server: str) -> None:
            super().__init__()
            self.server = server

    def __init__(
        self, names: Sequence[str], *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.names = tuple(names)
        self._counts: dict[str, int] = {}
        self._chosen = ALL_SERVERS
        self._tabs: list[_Tab] = []

    @property
    def chosen(self) -> str:
        return self._chosen

    def show(self, counts: Mapping[str, int], chosen: str) -> None:
        counts = {name: counts.get(name, 0) for name in self.names}
        if counts != self._counts or chosen != self._chosen:
            self._counts, self._chosen = counts, chosen
            self.refresh()

    def render(self) -> Text:
        text, self._tabs = server_tabs(self.names, self._counts, self._chosen)
        text.no_wrap = True
        text.overflow = "ellipsis"
        return text

    def on_click(self, event: events.Click) -> None:
        x = event.x - self.styles.padding.left
        for tab in self._tabs:
            if tab.start <= x < tab.end:
                self.post_message(self.Chosen(tab.server))
                return
