"""What the status line says: server, feed state, freshness, next poll, a sticky error with its
retry countdown, fitted to a width by giving up the least useful parts first."""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING, Final, NamedTuple
from urllib.parse import urlsplit

from rich.text import Text

from tui.text import one_line
from tui.widgets.progress_text import short_duration

if TYPE_CHECKING:
    from tui.feed.poller import FeedReport


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
TIGHT_SEPARATOR: Final = (" │ ", "dim")
# The tail str(ApiError) gives a request id: "503 Service Unavailable · … (request req_…)".
_REQUEST_ID: Final = re.compile(r"\s*\(request [^()]*\)\s*$")
_MIN_ERROR: Final = 12  # cells of error text kept before the line itself is cut
# What a line too narrow for everything gives up, in order: each step takes the named part to its
# next shorter form, or leaves it out after its last. The badge and the error's retry time stay.
KEPT: Final = frozenset({"error", "history"})  # parts a narrow line shortens, never leaves out
SHED_ORDER: Final = (
    "error",  # the request id
    "separators",
    "server",  # the URL without its scheme and path
    "end_note",
    "in_flight",
    "loading",
    "next_poll",
    "updated",
    "server",
    "history",  # its short form ("offline since 14:02"): never left out
)


def badge(state: str) -> Badge:
    return BADGES.get(state) or Badge("?", one_line(state, limit=40) or "unknown", "magenta")


def split_request_id(error: str) -> tuple[str, str]:
    """('503 … · message', ' (request req_1)'): the request id is the first thing a short line drops."""
    match = _REQUEST_ID.search(error)
    if match is None or match.start() == 0:
        return error, ""
    return error[: match.start()], error[match.start() :]


def short_server(server: str) -> str:
    """'127.0.0.1:8123' for 'http://127.0.0.1:8123/v1': the host is what tells servers apart."""
    parsed = urlsplit(server)
    return parsed.netloc or server


def _retry_tail(status: FeedReport, now: float) -> Text:
    if status.state == "auth":
        return Text(" — press r to retry", style="red")
    if status.retry_at is not None:
        left = status.retry_at - now
        tail = f"retrying in {short_duration(left)}" if left >= 0.5 else "retrying now…"
        return Text(f" — {tail}", style="red")
    return Text("")


def _error_segment(status: FeedReport, now: float, *, request_id: bool = True) -> Text:
    message, request = split_request_id(one_line(status.error, limit=300))
    text = Text(message + (request if request_id else ""), style="bold red")
    return text.append_text(_retry_tail(status, now))


def history_part(
    status: FeedReport | None, now: float, cached: int, offline_since: float | None
) -> list[Text]:
    """What the rows from the history are, while the server has not answered: being refreshed,
    or shown because the server is offline (with since when). Nothing once it has answered."""
    if not cached or (status is not None and status.last_success is not None):
        return []
    if status is not None and status.error:
        since = offline_since if offline_since is not None else now
        when = time.strftime("%H:%M", time.localtime(since))
        return [
            Text(f"offline since {when} · showing history", style="bold yellow"),
            Text(f"offline since {when}", style="bold yellow"),
        ]
    return [Text("cached · refreshing…", style="yellow")]


def _parts(
    status: FeedReport,
    now: float,
    *,
    demo: bool,
    server_label: str | None,
    history: list[Text],
) -> dict[str, list[Text]]:
    """Each part of the line by name, in the order shown, with its forms longest first."""
    parts: dict[str, list[Text]] = {}
    if demo:
        parts["demo"] = [Text(" DEMO ", style="bold black on yellow")]
    look = badge(status.state)
    parts["badge"] = [Text(f"{look.symbol} {look.label}", style=look.style)]
    if history:
        parts["history"] = history
    server = one_line(server_label or status.server, limit=200)
    short = server if server_label else one_line(short_server(server), limit=200)
    parts["server"] = [Text(server, style="dim"), Text(short, style="dim")]
    if status.error:
        with_id = _error_segment(status, now)
        without = _error_segment(status, now, request_id=False)
        parts["error"] = [with_id, without] if with_id != without else [with_id]
    if status.last_success is not None:
        parts["updated"] = [Text(f"updated {short_duration(now - status.last_success)} ago")]
    else:
        parts["updated"] = [Text("not updated yet", style="dim")]
    if status.next_poll_at is not None and status.state not in ("paused", "stopped"):
        left = status.next_poll_at - now
        parts["next_poll"] = [
            Text(f"next poll in {short_duration(left)}" if left >= 0.5 else "polling…")
        ]
    if status.loading_page:
        parts["loading"] = [Text("loading more…", style="cyan")]
    if status.in_flight:
        parts["in_flight"] = [Text(f"{status.in_flight} in flight", style="dodger_blue1")]
    if status.end_note:
        parts["end_note"] = [Text(one_line(status.end_note, limit=120), style="dim")]
    return parts


def _cut_error(error: Text, tail: Text, room: int) -> Text:
    """The error in ``room`` cells: its message cut (to _MIN_ERROR cells at least), its retry
    ``tail`` kept."""
    message = error[: len(error) - len(tail)] if tail.plain else error.copy()
    message.truncate(max(_MIN_ERROR, room - tail.cell_len), overflow="ellipsis")
    return message.append_text(tail)


def _fit(forms: dict[str, list[Text]], width: int, tail: Text) -> Text:
    """The parts joined in at most ``width`` cells where it can be: SHED_ORDER step by step,
    then the error's message cut short of its retry ``tail``."""
    chosen = dict.fromkeys(forms, 0)
    separator = SEPARATOR

    def line() -> Text:
        shown = [forms[name][i] for name, i in chosen.items() if i < len(forms[name])]
        return Text(separator[0], style=separator[1]).join(shown)

    text = line()
    for step in SHED_ORDER:
        if text.cell_len <= width:
            return text
        if step == "separators":
            separator = TIGHT_SEPARATOR
        elif step in chosen:
            # The error (cut below) and the history keep their last forms; others go after theirs.
            last = len(forms[step]) - (1 if step in KEPT else 0)
            chosen[step] = min(chosen[step] + 1, last)
        text = line()
    if text.cell_len > width and "error" in chosen:
        error = forms["error"][chosen["error"]]
        room = width - (text.cell_len - error.cell_len)
        forms["error"][chosen["error"]] = _cut_error(error, tail, room)
        text = line()
    return text


def status_text(
    status: FeedReport | None,
    now: float,
    *,
    demo: bool = False,
    server_label: str | None = None,
    width: int | None = None,
    cached: int = 0,
    offline_since: float | None = None,
) -> Text:
    """The whole line as Text (all server-derived text made inert). ``server_label`` replaces the URL.
    Given a ``width``, the line gives up its least useful parts (SHED_ORDER) until it fits.
    ``cached``: rows from the history not yet confirmed (the line says so until an answer)."""
    history = history_part(status, now, cached, offline_since)
    if status is None:
        start = [Text(" DEMO ", style="bold black on yellow")] if demo else []
        starting = [Text("◌ starting…", style="cyan"), *history[-1:]]
        return Text(" ").join([*start, Text(" · ").join(starting)])
    forms = _parts(status, now, demo=demo, server_label=server_label, history=history)
    if width is None:
        return Text(SEPARATOR[0], style=SEPARATOR[1]).join(f[0] for f in forms.values())
    return _fit(forms, width, _retry_tail(status, now))
