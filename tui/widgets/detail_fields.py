"""The text of each detail pane field: exact and humanised times, inert server text, the failure box."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Final

import humanize
from rich.text import Text

from tui.api.models import FAILED, Video
from tui.contract import VIDEO_FIELDS
from tui.cost import FAILED_NOTE, estimate
from tui.text import literal, one_line
from tui.widgets.progress_text import eta_text, progress_bar
from tui.widgets.status_style import look

# The contract's 13 fields, the prompt last: the one value that may run to many lines.
FIELDS: Final = (*(name for name in VIDEO_FIELDS if name != "prompt"), "prompt")
TIME_FIELDS: Final = ("created_at", "completed_at", "expires_at")
# Label above, value below at full width: values too long for the label column's side
# (a full id is 38 characters) or labels too long for it.
WIDE_FIELDS: Final = ("id", "remixed_from_video_id", "prompt")
FAILURE: Final = "failure"  # the failure's box (not the "error" field)
COST: Final = "cost"
EXTRA: Final = "extra"  # the row of fields beyond the 13
JOB_ROWS: Final = (FAILURE, *FIELDS, COST, EXTRA)  # the pane's rows made from the job itself
CLOCK_ROWS: Final = frozenset((*TIME_FIELDS, "progress"))  # the rows the clock moves too
# What each row is made of beyond its own field: the same values make the same text.
_INPUTS: Final[dict[str, tuple[str, ...]]] = {
    FAILURE: ("status", "error"),
    COST: ("model", "size", "seconds", "status"),
    EXTRA: ("model_extra",),
}
NONE: Final = "—"
NO_CODE: Final = "(no code)"
_DIM: Final = "dim"
_ERROR_ROW_LIMIT: Final = 100


def exact_time(stamp: int) -> str:
    """Local time, ISO 8601 with its UTC offset: 2026-11-25T09:14:03+01:00."""
    return datetime.fromtimestamp(stamp).astimezone().isoformat(timespec="seconds")


def relative_time(stamp: int, now: float) -> str:
    """'3 minutes ago' / '2 hours from now'."""
    return str(
        humanize.naturaltime(datetime.fromtimestamp(stamp), when=datetime.fromtimestamp(now))
    )


def expiry_text(stamp: int, now: float) -> str:
    """'expires in 23 hours' / 'expired 2 hours ago'."""
    delta = stamp - now
    if delta > 0:
        return f"expires in {humanize.naturaldelta(delta)}"
    return f"expired {humanize.naturaldelta(-delta)} ago"


def _time_value(stamp: int | None, now: float, *, expiry: bool = False) -> Text:
    if stamp is None or stamp <= 0:
        return Text(NONE, style=_DIM)
    human = expiry_text(stamp, now) if expiry else relative_time(stamp, now)
    style = "red" if expiry and stamp <= now else ""
    # Two lines: side by side they take 43 columns and would wrap mid-phrase in a narrow pane.
    return Text.assemble(exact_time(stamp), "\n", (human, style or _DIM))


def _text_or_none(value: str | None) -> Text:
    if value is None:
        return Text(NONE, style=_DIM)
    if value == "":
        return Text('""', style=_DIM)
    return literal(value)


def _progress_value(video: Video, now: float, *, live: bool) -> Text:
    text = Text.assemble(
        (progress_bar(video.progress), look(video.status).style), f" {video.progress}%"
    )
    if video.in_flight and live:
        text.append(f"\n{eta_text(video.created_at, video.progress, now)}", style=_DIM)
    elif video.in_flight:  # from the history: no estimate pretends it is still moving
        text.append("\nas last seen", style=_DIM)
    return text


def _status_value(status: str) -> Text:
    status_look = look(status)
    return Text.assemble(
        (f"{status_look.symbol} ", status_look.style),
        literal(status or "(none)", style=status_look.style, keep_newlines=False),
    )


def _error_value(video: Video) -> Text:
    if video.error is None:
        return Text(NONE, style=_DIM)
    code = one_line(video.error.code, limit=80) or NO_CODE
    message = one_line(video.error.message, limit=_ERROR_ROW_LIMIT + 1)
    if len(message) > _ERROR_ROW_LIMIT:  # the box above holds all of it
        message = message[: _ERROR_ROW_LIMIT - 1] + "…"
    return Text.assemble((code, "bold red"), (f": {message}" if message else "", ""))


def field_value(video: Video, name: str, now: float, *, live: bool = True) -> Text:
    """The displayed value of one of the 13 fields. ``live`` False: the job as the history
    last saw it (unconfirmed, or gone from the server)."""
    if name in TIME_FIELDS:
        return _time_value(getattr(video, name), now, expiry=name == "expires_at")
    if name == "status":
        return _status_value(video.status)
    if name == "progress":
        return _progress_value(video, now, live=live)
    if name == "error":
        return _error_value(video)
    if name == "prompt":
        return _text_or_none(video.prompt)
    return _text_or_none(getattr(video, name))


def error_box_text(video: Video) -> Text | None:
    """'Failed: <code>' and the full message, or None when the job has no failure to report."""
    if video.error is None and video.status != FAILED:
        return None
    code = one_line(video.error.code, limit=200) if video.error else ""
    heading = "Failed" if video.status == FAILED else "Error"
    text = Text.assemble((f"{heading}: ", "bold red"), (code or NO_CODE, "bold red"), "\n")
    message = video.error.message if video.error else ""
    text.append_text(
        literal(message) if message else Text("The server gave no reason.", style=_DIM)
    )
    return text


def cost_text(video: Video) -> Text:
    """'$0.80 (8 s × $0.10/s, sora-2 720p)'; struck through for a failed job; '?' and why when unknown."""
    cost = estimate(video)
    line = one_line(cost.explain(video.size), limit=200)
    if not cost.known:
        return Text(line, style=_DIM)
    if cost.failed:
        return Text.assemble((line, "dim strike"), (f"  ({FAILED_NOTE})", _DIM))
    return Text(line)


def extra_fields_text(video: Video) -> Text | None:
    """Fields the server sent beyond the 13, as literal 'key: value' lines."""
    extra: dict[str, Any] = dict(video.model_extra or {})
    if not extra:
        return None
    text = Text()
    for index, (key, value) in enumerate(sorted(extra.items())):
        shown = (
            value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
        )
        text.append_text(literal(f"{key}: ", style="bold", keep_newlines=False))
        text.append_text(literal(shown))
        if index < len(extra) - 1:
            text.append("\n")
    return text


def row_text(video: Video, name: str, now: float, *, live: bool = True) -> Text | None:
    """The text of one of ``JOB_ROWS`` (None: the row is hidden)."""
    if name == FAILURE:
        return error_box_text(video)
    if name == COST:
        return cost_text(video)
    if name == EXTRA:
        return extra_fields_text(video)
    return field_value(video, name, now, live=live)


def same_row(before: Video, after: Video, name: str) -> bool:
    """The row has the same text for both versions of a job (for ``CLOCK_ROWS``, at one time):
    a poll that moved the progress leaves the prompt, the cost and the rest as they are."""
    return all(getattr(before, key) == getattr(after, key) for key in _INPUTS.get(name, (name,)))
