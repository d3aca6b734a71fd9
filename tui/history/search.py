"""Search over the whole history: FTS5 where the Python build has it, else LIKE.

``jobs.search_text`` (version 2) always holds what is searched. Where FTS5 exists it is indexed
by ``jobs_fts``, an external-content table kept in step by triggers; a build without FTS5 drops
the triggers (its writes would fail on them) and reads ``search_text`` with LIKE, and the next
open with FTS5 puts them back and rebuilds the index. Every word of the query must match: with
FTS5 as the prefix of a word of a field, with LIKE anywhere in a field. A word with no letter
or digit (``-``, ``"``) is matched with LIKE alone, and one with punctuation (``sora-2``,
``"hello"``) with LIKE as well, so punctuation counts as written. Words are data, never syntax.
"""

from __future__ import annotations

import contextlib
import functools
import sqlite3
from typing import Final

_TABLE: Final = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS jobs_fts USING fts5"
    "(search_text, content='jobs', content_rowid='seq')"
)
_TRIGGERS: Final = {
    "jobs_fts_insert": """CREATE TRIGGER IF NOT EXISTS jobs_fts_insert AFTER INSERT ON jobs BEGIN
        INSERT INTO jobs_fts (rowid, search_text) VALUES (new.seq, new.search_text); END""",
    "jobs_fts_delete": """CREATE TRIGGER IF NOT EXISTS jobs_fts_delete AFTER DELETE ON jobs BEGIN
        INSERT INTO jobs_fts (jobs_fts, rowid, search_text)
        VALUES ('delete', old.seq, old.search_text); END""",
    "jobs_fts_update": """CREATE TRIGGER IF NOT EXISTS jobs_fts_update
        AFTER UPDATE OF search_text ON jobs WHEN old.search_text IS NOT new.search_text BEGIN
        INSERT INTO jobs_fts (jobs_fts, rowid, search_text)
        VALUES ('delete', old.seq, old.search_text);
        INSERT INTO jobs_fts (rowid, search_text) VALUES (new.seq, new.search_text); END""",
}


@functools.cache
def fts5_available() -> bool:
    """Whether this Python's SQLite has FTS5 (tests replace this to force LIKE)."""
    with contextlib.closing(sqlite3.connect(":memory:")) as probe:
        try:
            probe.execute("CREATE VIRTUAL TABLE probe USING fts5(text)")
        except sqlite3.Error:
            return False
    return True


def _triggers(connection: sqlite3.Connection) -> set[str]:
    rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    return {name for (name,) in rows} & set(_TRIGGERS)


def prepare(connection: sqlite3.Connection) -> bool:
    """Put the FTS5 index in step with ``jobs`` (cheap when it is), or take its triggers away
    when FTS5 is missing. True when search uses FTS5."""
    use_fts = fts5_available()
    wanted = set(_TRIGGERS) if use_fts else set()
    if _triggers(connection) == wanted:
        return use_fts
    connection.execute("BEGIN IMMEDIATE")
    try:
        present = _triggers(connection)  # another process may have done it meanwhile
        if use_fts and present != wanted:
            connection.execute(_TABLE)
            for statement in _TRIGGERS.values():
                connection.execute(statement)
            connection.execute("INSERT INTO jobs_fts (jobs_fts) VALUES ('rebuild')")
        elif not use_fts:
            for name in present:
                connection.execute(f"DROP TRIGGER {name}")
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    return use_fts


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _phrase(word: str) -> str:
    """One word as an FTS5 string (quotes doubled: nothing in it is syntax), as a prefix."""
    return '"' + word.replace('"', '""') + '"*'


def matching(connection: sqlite3.Connection, text: str, limit: int, *, fts: bool) -> list[str]:
    """Ids of the jobs (gone included) where every word of ``text`` matches, newest first."""
    words = list(dict.fromkeys(text.lower().split()))
    indexed = [word for word in words if fts and any(char.isalnum() for char in word)]
    # Punctuation is no separator to LIKE: checked there too, on the rows FTS5 found.
    scanned = [word for word in words if word not in indexed or not word.isalnum()]
    where: list[str] = []
    values: list[object] = []
    if indexed:
        where.append("seq IN (SELECT rowid FROM jobs_fts WHERE jobs_fts MATCH ?)")
        values.append(" AND ".join(_phrase(word) for word in indexed))
    for word in scanned:
        where.append("search_text LIKE ? ESCAPE '\\'")
        values.append(_like(word))
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    sql = f"SELECT id FROM jobs {clause} ORDER BY created_at DESC, id DESC LIMIT ?"
    return [job_id for (job_id,) in connection.execute(sql, (*values, limit))]
