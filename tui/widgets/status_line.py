"""The status line: server, feed state, freshness, next poll, and a sticky error with its retry countdown."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Final, NamedTuple

from rich.text import Text
from textual.reactive import reactive
from textual.timer import Timer
from textual.widget import Widget

from tui.text import one_line
from tui.widgets.progress_text import short_duration

if TYPE_CHECKING:
    from tui.feed.poller import FeedStatus


class Badge(NamedTuple):
    symbol: str
    label: str
    style: str


BADGES: Final = {
    "live": Badge("●", "live", "bold green"),
    "connecting": Badge("◌", "connecting", "cyan"),
    "paused": Badge("⏸", "paused", "bold"),
    "retrying": Badge("⟳", "retrying", "bold yellow"),
    "error": Badge("✖", "error", "bold red"),
    "auth": Badge("🔒", "auth", "bold red"),
    "stopped": Badge("■", "stopped", "dim"),
}
SEPARATOR: Final = ("  │  ", "dim")


def badge(state: str) -> Badge:
    return BADGES.get(state) or Badge("?", one_line(state, limit=40) or "unknown", "magenta")


def _error_segment(status: FeedStatus, now: float) -> Text:
    text = Text(one_line(status.error, limit=300), style="bold red")
    if status.state == "auth":
        text.append(" — press r to retry", style="red")
    elif status.retry_at is not None:
        left = status.retry_at - now
        tail = f"retrying in {short_duration(left)}" if left >= 0.5 else "retrying now…"
        text.append(f" — {tail}", style="red")
    return text


def status_text(
    status: FeedStatus | None, now: float, *, demo: bool = False, server_label: str | None = None
) -> Text:
    """The whole line as Text (all server-derived text made inert). ``server_label`` replaces the URL."""
    parts: list[Text] = []
    if demo:
        parts.append(Text(" DEMO ", style="bold black on yellow"))
    if status is None:
        parts.append(Text("◌ starting…", style="cyan"))
        return Text(" ").join(parts)
    look = badge(status.state)
    parts.append(Text(f"{look.symbol} {look.label}", style=look.style))
    # Most important first: a narrow terminal cuts the line from the right.
    parts.append(Text(one_line(server_label or status.server, limit=200), style="dim"))
    if status.error:
        parts.append(_error_segment(status, now))
    if status.last_success is not None:
        parts.append(Text(f"updated {short_duration(now - status.last_success)} ago"))
    else:
        parts.append(Text("not updated yet", style="dim"))
    if status.next_poll_at is not None and status.state not in ("paused", "stopped"):
        left = status.next_poll_at - now
        parts.append(Text(f"next poll in {short_duration(left)}" if left >= 0.5 else "polling…"))
    if status.loading_page:
        parts.append(Text("loading more…", style="cyan"))
    if status.in_flight:
        parts.append(Text(f"{status.in_flight} in flight", style="dodger_blue1"))
    if status.end_note:
        parts.append(Text(one_line(status.end_note, limit=120), style="dim"))
    return Text(SEPARATOR[0], style=SEPARATOR[1]).join(parts)


class StatusLine(Widget):
    """One line at the bottom. ``update_status`` sets what it says; a 1 s timer keeps the countdowns moving."""

    DEFAULT_CSS = """
    StatusLine { height: 1; }
    """

    demo: reactive[bool] = reactive(False)

    def __init__(
        self,
        *,
        demo: bool = False,
        clock: Callable[[], float] = time.time,
        server_label: str | None = None,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._clock = clock
        self._server_label = server_label
        self._status: FeedStatus | None = None
        self._ticker: Timer | None = None
        self.set_reactive(StatusLine.demo, demo)

    @property
    def status(self) -> FeedStatus | None:
        return self._status

    def on_mount(self) -> None:
        self._ticker = self.set_interval(1.0, self.refresh, name="status-clock")

    def update_status(self, status: FeedStatus) -> None:
        self._status = status
        self.set_class(bool(status.error), "-error")
        self.refresh()

    def render(self) -> Text:
        text = status_text(
            self._status, self._clock(), demo=self.demo, server_label=self._server_label
        )
        text.no_wrap = True
        text.overflow = "ellipsis"
        return text
