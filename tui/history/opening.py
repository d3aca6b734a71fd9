"""`open_history`: connect, check, migrate; a damaged file moved aside, never deleted.

Opening does not scan the file: a small one (up to `CHECKED_BYTES`) gets ``PRAGMA quick_check``,
a larger one only has its header and schema read, and damage found later by a read or a write
moves it aside then (sqlite3 raises SQLITE_CORRUPT / SQLITE_NOTADB on use).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Final

from tui.history import connection as connections
from tui.history import schema, search
from tui.history.aside import move_aside
from tui.history.errors import HistoryUnavailable
from tui.history.failures import Damaged, error_name, explain, is_damage, newer
from tui.history.history import History
from tui.history.location import public_url

CHECKED_BYTES: Final = 16 * 1024 * 1024  # quick_check reads every page: only this small
WAL_KEPT_BYTES: Final = 16 * 1024 * 1024  # the WAL is cut back to this after a checkpoint
WAL_RETRY: Final = 0.01  # seconds between tries to switch a new file to WAL


def _check(connection: sqlite3.Connection, path: Path) -> None:
    """Damaged raised when a small file fails quick_check (a large one: its schema is read)."""
    size = path.stat().st_size if path.exists() else 0
    if size > CHECKED_BYTES:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return
    problems = [row[0] for row in connection.execute("PRAGMA quick_check")]
    if problems != ["ok"]:
        raise Damaged("; ".join(problems[:3]))


def _remember(connection: sqlite3.Connection, base_url: str, profile: str, at: float) -> None:
    """Which server and profile the file is for (the URL without credentials), and when it was
    opened: a write on every open, so a file that cannot be written says so now."""
    facts = {"base_url": public_url(base_url), "profile": profile, "opened_at": repr(at)}
    with connection:
        connection.execute("BEGIN IMMEDIATE")
        connection.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", facts.items())


def _use_wal(connection: sqlite3.Connection) -> None:
    """WAL mode, once per file. Switching to it takes an exclusive lock that SQLite does not
    wait for (another process opening the new file at that moment): so wait here."""
    deadline = time.monotonic() + connections.BUSY_TIMEOUT
    while True:
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if error_name(error) != "SQLITE_BUSY" or time.monotonic() > deadline:
                raise
        time.sleep(WAL_RETRY)


def _prepare(
    connection: sqlite3.Connection,
    path: Path,
    base_url: str,
    profile: str,
    clock: Callable[[], float],
) -> History:
    version = schema.version_of(connection)  # a file that is not a database fails here
    if version > schema.CURRENT_VERSION:
        raise newer(path, version, schema.CURRENT_VERSION)
    _use_wal(connection)
    connection.execute("PRAGMA synchronous = NORMAL")  # WAL: a crash loses no commit
    connection.execute(f"PRAGMA journal_size_limit = {WAL_KEPT_BYTES}")
    _check(connection, path)
    version = schema.migrate(connection)
    _remember(connection, base_url, profile, clock())
    fts = search.prepare(connection)
    return History(path, connection, schema_version=version, fts=fts, clock=clock)


def open_history(
    path: Path, *, base_url: str, profile: str, clock: Callable[[], float] = time.time
) -> History:
    """Blocking (call it in a thread): the history at ``path``, created or migrated."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = connections.connect(path)
    except (OSError, sqlite3.Error) as error:
        raise explain(error, path) from None
    try:
        history = _prepare(connection, path, base_url, profile, clock)
    except HistoryUnavailable:
        connection.close()
        raise
    except (sqlite3.Error, Damaged, OSError) as error:
        connection.close()
        moved = move_aside(path) if is_damage(error) else None
        raise explain(error, path, moved) from None
    return history
