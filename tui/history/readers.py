"""Connections for reads: one a reading thread at a time, kept for the next read.

sqlite3 connections are not shared between threads at once; a read takes an idle connection
(or opens one), and gives it back. Reads in WAL mode never wait for the writer.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tui.history import connection as connections
from tui.history.failures import closed


class Readers:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock = threading.Lock()
        self.idle: list[sqlite3.Connection] = []
        self.closed = False

    @contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        with self.lock:
            if self.closed:
                raise closed(self.path)
            taken = self.idle.pop() if self.idle else None
        if taken is None:
            taken = connections.connect(self.path)
        try:
            yield taken
        except BaseException:
            taken.close()  # a connection that failed is not trusted again
            raise
        with self.lock:
            if self.closed:
                taken.close()
            else:
                self.idle.append(taken)

    def close(self) -> None:
        """Close the idle connections; one in use is closed when it is given back."""
        with self.lock:
            self.closed = True
            idle, self.idle = self.idle, []
        for connection in idle:
            connection.close()
