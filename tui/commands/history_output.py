"""Jobs from the history as text: the list's table, JSON and CSV, each job saying whether the
server still has it (``gone``, ``gone_reason``, ``last_seen``, ``gone_at``).

JSON and CSV are written as they are read, so an export of 100k jobs never sits in memory.
"""

from __future__ import annotations

import csv
import json
import textwrap
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from tui.api.models import Video
from tui.commands.output import (
    CSV_COLUMNS,
    TABLE_COLUMNS,
    aligned_text,
    csv_row,
    iso_time,
    show_text,
    table_row,
)
from tui.history import GoneNote
from tui.text import inert, one_line

Entry = tuple[Video, GoneNote | None]
HISTORY_COLUMNS = ("gone", "gone_reason", "last_seen", "gone_at")
GONE_COLUMN = "GONE"  # the table's marker: why the job is gone, "-" while the server has it


def _when(seconds: float | None) -> str | None:
    """Wall-clock seconds as UTC ISO 8601; None for no time."""
    if not seconds:
        return None
    return iso_time(int(seconds))


def history_fields(note: GoneNote | None) -> dict[str, Any]:
    """What the history adds to a job. ``last_seen`` is known here only for gone jobs."""
    return {
        "gone": note is not None,
        "gone_reason": note.reason if note else None,
        "last_seen": _when(note.last_seen) if note else None,
        "gone_at": _when(note.gone_at) if note else None,
    }


def entry_json(video: Video, note: GoneNote | None) -> dict[str, Any]:
    return video.model_dump(mode="json") | history_fields(note)


def entry_json_text(video: Video, note: GoneNote | None) -> str:
    """``show --json`` of a job from the history."""
    return json.dumps(entry_json(video, note), indent=2, ensure_ascii=False) + "\n"


def write_json(entries: Iterable[Entry], out: TextIO) -> int:
    """One JSON array (``list --json``'s layout), item by item; returns how many were written."""
    return write_json_items((entry_json(video, note) for video, note in entries), out)


def write_json_items(items: Iterable[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for fields in items:
        item = json.dumps(fields, indent=2, ensure_ascii=False)
        out.write(("[\n" if count == 0 else ",\n") + textwrap.indent(item, "  "))
        count += 1
    out.write("\n]\n" if count else "[]\n")
    return count


def write_csv(entries: Iterable[Entry], out: TextIO) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HISTORY_CSV_HEADER)
    count = 0
    for video, note in entries:
        writer.writerow(history_csv_row(video, note))
        count += 1
    return count


HISTORY_CSV_HEADER = (*CSV_COLUMNS, *HISTORY_COLUMNS)
HISTORY_TABLE_HEADER = (*TABLE_COLUMNS[:2], GONE_COLUMN, *TABLE_COLUMNS[2:])


def history_csv_row(video: Video, note: GoneNote | None) -> tuple[object, ...]:
    fields = history_fields(note)
    extra = ("true" if note else "false", *(fields[name] or "" for name in HISTORY_COLUMNS[1:]))
    return (*csv_row(video), *extra)


def history_table_row(video: Video, note: GoneNote | None) -> tuple[str, ...]:
    row = table_row(video)
    marker = (one_line(note.reason) or "gone") if note else "-"
    return (*row[:2], marker, *row[2:])


def history_table(entries: Sequence[Entry], *, width: int | None = None) -> str:
    """``list``'s table with a GONE column after STATUS."""
    rows = [HISTORY_TABLE_HEADER, *(history_table_row(video, note) for video, note in entries)]
    return aligned_text(rows, width=width)


def gone_text(video: Video, note: GoneNote, *, server: str | None = None) -> str:
    """``show``'s fields for a job the server no longer has, headed by why and since when
    (``server``: the fleet's server it was on)."""
    last_seen = _when(note.last_seen) if note.last_seen else None
    head = [
        f"GONE: {inert(note.reason) or 'gone'} (from the history)",
        f"last seen: {last_seen or 'unknown'}",
        f"gone since: {_when(note.gone_at) or 'unknown'}",
    ]
    return "\n".join(head) + "\n" + show_text(video, server=server)
