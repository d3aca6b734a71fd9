"""A fleet's jobs as text: each job with the server it is on (the profile's name).

The table gains a SERVER column first, CSV a ``server`` column first and JSON a ``server`` key
first; the rest is exactly what one server's output holds (``output``, ``history_output``).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from tui.api.models import Video
from tui.commands.history_output import (
    HISTORY_CSV_HEADER,
    HISTORY_TABLE_HEADER,
    entry_json,
    history_csv_row,
    history_table_row,
    write_json_items,
)
from tui.commands.output import CSV_COLUMNS, TABLE_COLUMNS, aligned_text, csv_row, table_row
from tui.history import GoneNote
from tui.text import one_line

SERVER_FIELD = "server"
SERVER_COLUMN = "SERVER"
Tagged = tuple[str, Video]  # (server, job)
TaggedEntry = tuple[str, Video, GoneNote | None]  # (server, job, why it is gone)


def tagged(server: str, fields: dict[str, Any]) -> dict[str, Any]:
    """``fields`` with ``server`` first; ours wins over a server's own ``server`` extra."""
    return {SERVER_FIELD: server, **fields} | {SERVER_FIELD: server}


def fleet_json_text(jobs: Iterable[Tagged]) -> str:
    items = [tagged(server, video.model_dump(mode="json")) for server, video in jobs]
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"


def fleet_json_one(server: str, video: Video) -> str:
    return (
        json.dumps(tagged(server, video.model_dump(mode="json")), indent=2, ensure_ascii=False)
        + "\n"
    )


def fleet_csv_text(jobs: Iterable[Tagged]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow((SERVER_FIELD, *CSV_COLUMNS))
    writer.writerows((server, *csv_row(video)) for server, video in jobs)
    return buffer.getvalue()


def fleet_table_text(jobs: Sequence[Tagged], *, width: int | None = None) -> str:
    rows = [(one_line(server), *table_row(video)) for server, video in jobs]
    return aligned_text([(SERVER_COLUMN, *TABLE_COLUMNS), *rows], width=width)


# --- the fleet's histories: every job with its server and whether the server still has it ---


def fleet_entry_json(server: str, video: Video, note: GoneNote | None) -> dict[str, Any]:
    return tagged(server, entry_json(video, note))


def fleet_entry_json_text(server: str, video: Video, note: GoneNote | None) -> str:
    """``show --json`` of a fleet's job from its server's history."""
    return json.dumps(fleet_entry_json(server, video, note), indent=2, ensure_ascii=False) + "\n"


def write_fleet_json(entries: Iterable[TaggedEntry], out: TextIO) -> int:
    return write_json_items((fleet_entry_json(*entry) for entry in entries), out)


def write_fleet_csv(entries: Iterable[TaggedEntry], out: TextIO) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow((SERVER_FIELD, *HISTORY_CSV_HEADER))
    count = 0
    for server, video, note in entries:
        writer.writerow((server, *history_csv_row(video, note)))
        count += 1
    return count


def fleet_history_table(entries: Sequence[TaggedEntry], *, width: int | None = None) -> str:
    rows = [(one_line(server), *history_table_row(video, note)) for server, video, note in entries]
    return aligned_text([(SERVER_COLUMN, *HISTORY_TABLE_HEADER), *rows], width=width)
