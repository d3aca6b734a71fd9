"""A fleet's status line: each server's state in a few cells, then what holds for them all.

``a ● live · b ⟳ 503 · retry in 4s · c ✖ connection refused  │  updated 2s ago  │  12 in flight``

Each server says its badge and, while it fails, the start of its error (the status code, or
the first words) and when it retries; one that has not answered since the start says it is
offline (its rows, if any, are its history's). A line too narrow gives up the shared parts first,
then each server's error words, then the retry countdowns; the names and badges stay.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from rich.text import Text

from tui.text import one_line
from tui.widgets.progress_text import short_duration
from tui.widgets.status_line_text import SEPARATOR, badge, split_request_id

if TYPE_CHECKING:
    from tui.feed.poller import FeedReport

ERROR_CELLS: Final = 24  # the words of a server's error the line keeps
SERVER_SEPARATOR: Final = (" · ", "dim")


def error_words(error: str) -> str:
    """'503 Service Unavailable' of '503 Service Unavailable · message (request req_1)'."""
    message, _ = split_request_id(one_line(error, limit=300))
    head = message.split(" · ", 1)[0]
    return head if len(head) <= ERROR_CELLS else head[: ERROR_CELLS - 1] + "…"


def server_state(name: str, report: FeedReport, now: float, *, detail: int) -> Text:
    """One server: ``detail`` 2 with its error words and retry, 1 the retry only, 0 neither."""
    look = badge(report.state)
    text = Text(one_line(name, limit=40), style="bold")
    text.append(f" {look.symbol}", style=look.style)
    if not report.error:
        label = "loading" if report.loading_all else look.label
        if detail:
            text.append(f" {label}", style=look.style)
        return text
    if report.last_success is None and detail >= 1:  # never answered: what shows is history
        text.append(" offline", style="bold yellow")
    if detail >= 2:
        text.append(f" {error_words(report.error)}", style="red")
    if report.retry_at is not None and detail >= 1:
        left = report.retry_at - now
        text.append(f" retry in {short_duration(left)}" if left >= 0.5 else " retrying…", "red")
    return text


def fleet_status_text(
    reports: Sequence[tuple[str, FeedReport]],
    merged: FeedReport | None,
    now: float,
    *,
    width: int | None = None,
) -> Text:
    shared: list[Text] = []
    if merged is not None:
        if merged.last_success is not None:
            shared.append(Text(f"updated {short_duration(now - merged.last_success)} ago"))
        if merged.loading_page:
            shared.append(Text("loading more…", style="cyan"))
        if merged.in_flight:
            shared.append(Text(f"{merged.in_flight} in flight", style="dodger_blue1"))
    join = Text(SEPARATOR[0], style=SEPARATOR[1])
    between = Text(SERVER_SEPARATOR[0], style=SERVER_SEPARATOR[1])
    text = Text("")
    for detail, keep in ((2, len(shared)), (2, 0), (1, 0), (0, 0)):
        servers = between.join(server_state(n, r, now, detail=detail) for n, r in reports)
        text = join.join([servers, *shared[:keep]])
        if width is None or text.cell_len <= width:
            return text
    return text
