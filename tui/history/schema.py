"""The schema, by version (``PRAGMA user_version``), and the migrations from one to the next.

Version 1: ``meta`` (what server and profile the file is for) and ``jobs`` (one row a job:
the columns queries sort and filter on, and the whole job as JSON). ``seq`` is an explicit
INTEGER PRIMARY KEY, so the search index's rowids survive a VACUUM; ``id`` is unique.
Version 2: ``jobs.search_text`` (what search looks in), ``size`` and ``seconds`` (what the
summary prices), indexes for the jobs on the server and
the gone ones, and ``downloads``. The FTS5 index over ``search_text`` is `tui.history.search`'s.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Final

from tui.history.rows import search_text_of

V1: Final = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE jobs (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        status TEXT NOT NULL,
        model TEXT NOT NULL,
        prompt TEXT,
        video TEXT NOT NULL,
        first_seen REAL NOT NULL,
        last_seen REAL NOT NULL,
        gone_at REAL,
        gone_reason TEXT
    )""",
    "CREATE INDEX jobs_newest ON jobs (created_at, id)",
)

V2: Final = (
    "ALTER TABLE jobs ADD COLUMN size TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE jobs ADD COLUMN seconds TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE jobs ADD COLUMN search_text TEXT NOT NULL DEFAULT ''",
    """UPDATE jobs SET search_text = search_text_of(video),
        size = coalesce(json_extract(video, '$.size'), ''),
        seconds = coalesce(json_extract(video, '$.seconds'), '')""",
    "CREATE INDEX jobs_live ON jobs (created_at, id) WHERE gone_at IS NULL",
    "CREATE INDEX jobs_gone ON jobs (created_at, id) WHERE gone_at IS NOT NULL",
    """CREATE TABLE downloads (
        seq INTEGER PRIMARY KEY,
        job_id TEXT NOT NULL,
        variant TEXT NOT NULL,
        path TEXT NOT NULL,
        size INTEGER NOT NULL,
        at REAL NOT NULL
    )""",
    "CREATE INDEX downloads_by_job ON downloads (job_id, at)",
)


def _run(statements: tuple[str, ...]) -> Callable[[sqlite3.Connection], None]:
    def migrate(connection: sqlite3.Connection) -> None:
        for statement in statements:
            connection.execute(statement)

    return migrate


# MIGRATIONS[v] takes a file from version v to v + 1.
MIGRATIONS: Final = (_run(V1), _run(V2))
CURRENT_VERSION: Final = len(MIGRATIONS)


def version_of(connection: sqlite3.Connection) -> int:
    (version,) = connection.execute("PRAGMA user_version").fetchone()
    return int(version)


def migrate(connection: sqlite3.Connection) -> int:
    """Bring the file to `CURRENT_VERSION`, one transaction a step (another process opening it
    at once waits for the lock, then finds the step done). The version reached."""
    connection.create_function("search_text_of", 1, search_text_of, deterministic=True)
    while True:
        connection.execute("BEGIN IMMEDIATE")
        try:
            version = version_of(connection)
            if version >= CURRENT_VERSION:
                connection.execute("COMMIT")
                return version
            MIGRATIONS[version](connection)
            connection.execute(f"PRAGMA user_version = {version + 1}")
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
