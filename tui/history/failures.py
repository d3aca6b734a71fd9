"""sqlite3's errors as one sentence for people (`HistoryUnavailable`), and which mean damage."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tui.history.errors import HistoryUnavailable


class Damaged(Exception):
    """The file opened but fails its check (``PRAGMA quick_check``)."""


class Moved(Exception):
    """The file was renamed or deleted while the history had it open."""


def error_name(error: BaseException) -> str:
    return getattr(error, "sqlite_errorname", "") if isinstance(error, sqlite3.Error) else ""


def is_damage(error: BaseException) -> bool:
    """Not a database, or a corrupt one: the file is moved aside."""
    return isinstance(error, Damaged) or error_name(error).startswith(
        ("SQLITE_CORRUPT", "SQLITE_NOTADB")
    )


def _what(error: BaseException) -> str:
    name = error_name(error)
    if isinstance(error, Damaged) or name.startswith("SQLITE_CORRUPT"):
        return "is damaged"
    if name.startswith("SQLITE_NOTADB"):
        return "is not a database"
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return "is locked by another program"
    if isinstance(error, Moved) or name == "SQLITE_READONLY_DBMOVED":
        return "was moved or deleted while in use"
    if name.startswith("SQLITE_READONLY"):
        return "is read-only (the file or its folder cannot be written)"
    if name.startswith("SQLITE_CANTOPEN"):
        return "cannot be opened (its folder is missing or cannot be written)"
    if name.startswith("SQLITE_FULL"):
        return "cannot be written: the disk is full"
    if name.startswith("SQLITE_IOERR"):
        return "cannot be read or written (an input/output error)"
    if isinstance(error, OSError):
        return f"cannot be used ({error.strerror or error})"
    return f"cannot be used ({error})"


def explain(error: BaseException, path: Path, moved_to: Path | None = None) -> HistoryUnavailable:
    """``The history /x/y.sqlite3 is damaged; it was moved aside to /x/y….corrupt-…``."""
    tail = f"; it was moved aside to {moved_to}" if moved_to else ""
    return HistoryUnavailable(f"The history {path} {_what(error)}{tail}.", moved_to=moved_to)


def newer(path: Path, version: int, known: int) -> HistoryUnavailable:
    return HistoryUnavailable(
        f"The history {path} was written by a newer sora-tui (schema version {version}; "
        f"this one knows up to {known}), so it was left as it is."
    )


def closed(path: Path) -> HistoryUnavailable:
    return HistoryUnavailable(f"The history {path} is closed.")
