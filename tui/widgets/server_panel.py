"""Every server's state in full (key ``F``): what the status line can only abbreviate.

One block a server: its name and badge, its URL, then the whole error (wrapped, never cut) with
its request id on a line of its own, when it retries, when it last answered, how many of its
jobs are loaded and whether its list is at its end. Server text is shown literally. The panel
reads the reports it is given once a second (the countdowns move) and on ``show``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui import clock
from tui.text import literal, one_line
from tui.widgets.progress_text import short_duration
from tui.widgets.status_line_text import badge, split_request_id

if TYPE_CHECKING:
    from tui.feed.poller import FeedReport

Reports = Sequence[tuple[str, "FeedReport"]]  # (profile name, or "" for the one server; report)


def _request_id(tail: str) -> str:
    """'req_1' of ' (request req_1)'."""
    return tail.strip().removeprefix("(request").removesuffix(")").strip()


def _answered(report: FeedReport, now: float) -> str:
    if report.last_success is None:
        return "no answer yet since the start"
    return f"last answer {short_duration(now - report.last_success)} ago"


def _paging(report: FeedReport) -> str:
    loaded = f"{report.loaded:,} job{'' if report.loaded == 1 else 's'} loaded"
    if report.last_success is None:
        return loaded
    if report.loading_all:
        return f"{loaded} · loading to the end"
    if report.end_reached:
        # The note says why the list ended ("end of list: all 50 loaded", "server ignores paging").
        note = one_line(report.end_note, limit=120) if report.end_note else "end of the list"
        return f"{loaded} · {note}"
    return f"{loaded} · more on the server"


def server_block(name: str, report: FeedReport, now: float) -> Text:
    """One server's lines."""
    look = badge(report.state)
    text = Text()
    text.append(one_line(name, limit=40) or "this server", style="bold")
    text.append(f"  {look.symbol} {look.label}", style=look.style)
    if report.last_success is None and report.error:  # as the status line says it
        text.append(" · offline", style="bold yellow")
    text.append("\n  ")
    text.append_text(literal(report.server, keep_newlines=False, style="dim"))
    if report.error:
        message, tail = split_request_id(report.error)
        text.append("\n  ")
        text.append_text(literal(message.strip(), style="red"))
        if tail:
            text.append("\n  request id ")
            text.append_text(literal(_request_id(tail), style="bold"))
    if report.retry_at is not None:
        left = report.retry_at - now
        retry = f"retry in {short_duration(left)}" if left >= 0.5 else "retrying…"
        text.append(f"\n  {retry}", style="red")
    text.append(f"\n  {_answered(report, now)}")
    if report.in_flight:
        text.append(f" · {report.in_flight} in flight", style="dodger_blue1")
    text.append(f"\n  {_paging(report)}")
    return text


def panel_text(reports: Reports, now: float) -> Text:
    """Every server's block, a blank line between them."""
    if not reports:
        return Text("No server has reported yet.", style="dim")
    return Text("\n\n").join(server_block(name, report, now) for name, report in reports)


class ServerPanel(ModalScreen[None]):
    """Every server's state in full; escape, q or F closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,F", "close", "Close"),
    ]
    DEFAULT_CSS = """
    ServerPanel { align: center middle; }
    ServerPanel > #server-panel-dialog { width: 96%; max-width: 110; height: auto; max-height: 94%; }
    ServerPanel #server-panel-scroll { height: auto; max-height: 100%; }
    """
    TICK_SECONDS: ClassVar[float] = 1.0

    def __init__(self, reports: Callable[[], Reports]) -> None:
        super().__init__()
        self._reports = reports

    def compose(self) -> ComposeResult:
        with Vertical(id="server-panel-dialog") as dialog:
            dialog.border_title = "Servers"
            dialog.border_subtitle = "escape · q · F to close"
            with VerticalScroll(id="server-panel-scroll"):
                yield Static(self.text(), id="server-panel-body")

    def on_mount(self) -> None:
        self.set_interval(self.TICK_SECONDS, self.show, name="server-panel-clock")

    def text(self) -> Text:
        return panel_text(self._reports(), clock.now())

    def show(self) -> None:
        """Read the reports again and paint them."""
        self.query_one("#server-panel-body", Static).update(self.text())

    def action_close(self) -> None:
        self.dismiss(None)
