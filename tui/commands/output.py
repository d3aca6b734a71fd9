"""Jobs as text: an aligned table or a field list for people, JSON and CSV for programs.

People's output passes server text through ``tui.text`` so a prompt cannot move the cursor,
retitle the window or write the clipboard; JSON and CSV carry it raw (JSON escapes controls).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import sys
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from rich.cells import cell_len, set_cell_size

from tui.api.models import Video
from tui.text import inert, one_line

TABLE_COLUMNS = ("ID", "STATUS", "PROGRESS", "MODEL", "SIZE", "SECONDS", "CREATED", "PROMPT")
CSV_COLUMNS = (
    "id",
    "status",
    "progress",
    "model",
    "size",
    "seconds",
    "created_at",
    "created",
    "completed_at",
    "expires_at",
    "remixed_from_video_id",
    "error_code",
    "error_message",
    "prompt",
)
_GAP = "  "


def terminal_width() -> int | None:
    """A terminal's width cuts long prompts; a pipe gets whole lines."""
    if not sys.stdout.isatty():
        return None
    return shutil.get_terminal_size().columns


def iso_time(timestamp: int | None) -> str:
    """UTC ISO 8601 to the second; empty when the server gave no time."""
    if not timestamp:
        return ""
    try:
        moment = datetime.fromtimestamp(timestamp, UTC)
    except (OverflowError, OSError, ValueError):
        return str(timestamp)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def table_row(video: Video) -> tuple[str, ...]:
    return (
        one_line(video.id),
        one_line(video.status) or "-",
        f"{video.progress}%",
        one_line(video.model) or "-",
        one_line(video.size) or "-",
        one_line(video.seconds) or "-",
        iso_time(video.created_at) or "-",
        one_line(video.prompt, limit=2000),
    )


def table_text(videos: Sequence[Video], *, width: int | None = None) -> str:
    """An aligned table, one job a line; ``width`` (a terminal's) cuts the prompt to fit."""
    return aligned_text([TABLE_COLUMNS, *(table_row(video) for video in videos)], width=width)


def aligned_text(rows: Sequence[Sequence[str]], *, width: int | None = None) -> str:
    """``rows`` (the header first) aligned in columns; the last column, the prompt, is cut to
    ``width`` when one is given."""
    columns = len(rows[0]) - 1
    widths = [max(cell_len(row[column]) for row in rows) for column in range(columns)]
    lines = []
    for row in rows:
        cells = [
            cell + " " * (size - cell_len(cell)) for cell, size in zip(row, widths, strict=False)
        ]
        head = _GAP.join(cells) + _GAP
        prompt = row[-1]
        if width is not None and cell_len(head) + cell_len(prompt) > width:
            room = max(width - cell_len(head) - 1, 0)
            prompt = set_cell_size(prompt, room) + "…" if room else ""
        lines.append((head + prompt).rstrip())
    return "\n".join(lines) + "\n"


def json_text(videos: Iterable[Video]) -> str:
    return (
        json.dumps(
            [video.model_dump(mode="json") for video in videos], indent=2, ensure_ascii=False
        )
        + "\n"
    )


def json_one(video: Video) -> str:
    return json.dumps(video.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def csv_text(videos: Iterable[Video]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_row(video) for video in videos)
    return buffer.getvalue()


def csv_row(video: Video) -> tuple[object, ...]:
    """One job's CSV_COLUMNS."""
    error = video.error
    return (
        video.id,
        video.status,
        video.progress,
        video.model,
        video.size,
        video.seconds,
        video.created_at,
        iso_time(video.created_at),
        video.completed_at if video.completed_at is not None else "",
        video.expires_at if video.expires_at is not None else "",
        video.remixed_from_video_id or "",
        (error.code or "") if error else "",
        error.message if error else "",
        video.prompt or "",
    )


def show_text(video: Video, *, server: str | None = None) -> str:
    """Every field of one job, the full prompt last (it may span lines); ``server`` first
    when the job is one server's of a fleet."""
    fields: list[tuple[str, str]] = [("server", inert(server))] if server is not None else []
    fields += [
        ("id", inert(video.id)),
        ("object", inert(video.object)),
        ("status", inert(video.status)),
        ("progress", f"{video.progress}%"),
        ("model", inert(video.model)),
        ("size", inert(video.size)),
        ("seconds", inert(video.seconds)),
        ("created", _time_field(video.created_at)),
        ("completed", _time_field(video.completed_at)),
        ("expires", _time_field(video.expires_at)),
        ("remixed from", inert(video.remixed_from_video_id)),
    ]
    if video.error is not None:
        fields.append(("error code", inert(video.error.code)))
        fields.append(("error", inert(video.error.message, keep_newlines=True)))
    for name, value in (video.model_extra or {}).items():
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        fields.append((inert(name), inert(shown, keep_newlines=True)))
    width = max(len(name) for name, _ in fields)
    lines = [
        f"{name + ':':<{width + 1}} {_indent(value, width + 2) or '-'}" for name, value in fields
    ]
    lines.append("prompt:")
    prompt = inert(video.prompt, keep_newlines=True)
    lines.extend(f"  {line}" for line in (prompt.splitlines() or ["-"]))
    return "\n".join(lines) + "\n"


def _time_field(timestamp: int | None) -> str:
    shown = iso_time(timestamp)
    return f"{shown} ({timestamp})" if shown else ""


def _indent(value: str, by: int) -> str:
    return value.replace("\n", "\n" + " " * by)
