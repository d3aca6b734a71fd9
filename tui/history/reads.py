"""The history's reads, one function a question, each given a connection.

Pages run on the indexes over ``(created_at, id)`` (one for the jobs on the server, one for the
gone ones), newest first, strictly below a ``(created_at, id)`` cursor: 200 rows of a 100k-job
file are read without a scan.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from typing import Final

from tui.api.models import Video
from tui.history.notes import Download, GoneNote
from tui.history.rows import gone_note, video_of

LIVE: Final = "gone_at IS NULL"
GONE: Final = "gone_at IS NOT NULL"
_NEWEST: Final = "ORDER BY created_at DESC, id DESC"
_CHUNK: Final = 500  # ids a statement asks for at once (SQLite's bound is 32766 values)
STREAM_ROWS: Final = 500


def page_query(
    which: str, limit: int, before: tuple[int, str] | None
) -> tuple[str, tuple[object, ...]]:
    """The SQL and values of a page of ``which`` jobs (`LIVE` or `GONE`)."""
    cursor, values = ("", ()) if before is None else (" AND (created_at, id) < (?, ?)", before)
    sql = (
        f"SELECT video, last_seen, gone_at, gone_reason FROM jobs WHERE {which}{cursor} "
        f"{_NEWEST} LIMIT ?"
    )
    return sql, (*values, limit)


def _page(
    connection: sqlite3.Connection, which: str, limit: int, before: tuple[int, str] | None
) -> sqlite3.Cursor:
    return connection.execute(*page_query(which, limit, before))


def recent(
    connection: sqlite3.Connection, limit: int, before: tuple[int, str] | None
) -> list[Video]:
    return [video_of(row[0]) for row in _page(connection, LIVE, limit, before)]


def gone(
    connection: sqlite3.Connection, limit: int, before: tuple[int, str] | None
) -> list[tuple[Video, GoneNote]]:
    return [
        (video_of(video), GoneNote(last_seen=seen, gone_at=at, reason=reason or ""))
        for video, seen, at, reason in _page(connection, GONE, limit, before)
    ]


def count(connection: sqlite3.Connection, which: str) -> int:
    (found,) = connection.execute(f"SELECT count(*) FROM jobs WHERE {which}").fetchone()
    return int(found)


def get(
    connection: sqlite3.Connection, ids: Iterable[str]
) -> dict[str, tuple[Video, GoneNote | None]]:
    wanted = list(dict.fromkeys(ids))
    found: dict[str, tuple[Video, GoneNote | None]] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        sql = f"SELECT id, video, last_seen, gone_at, gone_reason FROM jobs WHERE id IN ({marks})"
        for job_id, video, seen, at, reason in connection.execute(sql, chunk):
            found[job_id] = (video_of(video), gone_note(seen, at, reason))
    return found


def downloads(connection: sqlite3.Connection, job_id: str) -> list[Download]:
    sql = (
        "SELECT job_id, variant, path, size, at FROM downloads WHERE job_id = ? "
        "ORDER BY at DESC, seq DESC"
    )
    return [Download(*row) for row in connection.execute(sql, (job_id,))]


def all_jobs(connection: sqlite3.Connection) -> Iterator[tuple[Video, GoneNote | None]]:
    """Every job, newest first, read a few hundred rows at a time."""
    cursor = connection.execute(
        f"SELECT video, last_seen, gone_at, gone_reason FROM jobs {_NEWEST}"
    )
    while rows := cursor.fetchmany(STREAM_ROWS):
        for video, seen, at, reason in rows:
            yield video_of(video), gone_note(seen, at, reason)
