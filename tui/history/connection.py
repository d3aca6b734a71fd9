"""One connection to a history file, as every part of the history opens it."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Final

BUSY_TIMEOUT: Final = 5.0  # seconds a statement waits for another process's lock


def connect(path: Path) -> sqlite3.Connection:
    """Autocommit (transactions are explicit), usable from the thread that is handed it."""
    return sqlite3.connect(
        path, timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False
    )
