"""The history's writes, as the writer thread applies them inside its transaction.

Each is a function of the connection; the caller's records (immutable) are encoded here, in
the writer thread, never on the caller's.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Final

from tui.api.models import Video
from tui.history.notes import GONE_EXPIRED, GONE_NOT_LISTED, Download
from tui.history.rows import JOB_COLUMNS, columns

Write = Callable[[sqlite3.Connection], object]

_UPSERT: Final = (
    f"INSERT INTO jobs ({', '.join(JOB_COLUMNS)}, first_seen, last_seen) "
    f"VALUES ({', '.join('?' * len(JOB_COLUMNS))}, ?, ?) "
    "ON CONFLICT (id) DO UPDATE SET "
    + ", ".join(f"{name} = excluded.{name}" for name in JOB_COLUMNS[1:])
    + ", last_seen = excluded.last_seen, gone_at = NULL, gone_reason = NULL"
)
# A job no longer listed whose content had expired went because it expired.
_GONE: Final = f"""
    UPDATE jobs SET gone_at = :at, gone_reason = CASE
        WHEN :reason = '{GONE_NOT_LISTED}' AND json_extract(video, '$.expires_at') <= :at
        THEN '{GONE_EXPIRED}' ELSE :reason END
    WHERE id = :id AND gone_at IS NULL
"""
_DOWNLOAD: Final = "INSERT INTO downloads (job_id, variant, path, size, at) VALUES (?, ?, ?, ?, ?)"
_PRUNE_DOWNLOADS: Final = """
    DELETE FROM downloads WHERE job_id IN (SELECT id FROM jobs WHERE last_seen < :cutoff)
        OR (at < :cutoff AND job_id NOT IN (SELECT id FROM jobs))
"""
_PRUNE_JOBS: Final = "DELETE FROM jobs WHERE last_seen < :cutoff"


def record(videos: tuple[Video, ...], seen_at: float) -> Write:
    def write(connection: sqlite3.Connection) -> None:
        rows = ((*columns(video), seen_at, seen_at) for video in videos)
        connection.executemany(_UPSERT, rows)

    return write


def mark_gone(ids: tuple[str, ...], reason: str, at: float) -> Write:
    def write(connection: sqlite3.Connection) -> None:
        rows = ({"at": at, "reason": reason, "id": job_id} for job_id in ids)
        connection.executemany(_GONE, rows)

    return write


def add_download(download: Download) -> Write:
    def write(connection: sqlite3.Connection) -> None:
        values = (download.job_id, download.variant, download.path, download.size, download.at)
        connection.execute(_DOWNLOAD, values)

    return write


def prune(cutoff: float) -> Write:
    def write(connection: sqlite3.Connection) -> int:
        connection.execute(_PRUNE_DOWNLOADS, {"cutoff": cutoff})
        return connection.execute(_PRUNE_JOBS, {"cutoff": cutoff}).rowcount

    return write


def fail_with(error: BaseException) -> Write:
    """A write that fails as a read did (damage found by a read stops the writer too)."""

    def write(connection: sqlite3.Connection) -> None:
        raise error

    return write
