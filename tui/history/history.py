"""`History`: reads from a pool of connections, writes queued to one writer thread.

Reads block (the app calls them through ``asyncio.to_thread``) and raise `HistoryUnavailable`
when the file fails them. Writes return at once; the writer applies them in call order. The
first failure of either (damage, a read-only or full disk, a lock held too long) is reported
once, from the writer thread, through ``on_failure``: a damaged file is moved aside first, and
from then on reads raise and writes are dropped.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import TypeVar

from tui.api.models import Video
from tui.history import reads, search, summary, writes
from tui.history.aside import move_aside
from tui.history.errors import HistoryUnavailable
from tui.history.failures import explain, is_damage
from tui.history.notes import DaySummary, Download, GoneNote
from tui.history.readers import Readers
from tui.history.writer import Writer

T = TypeVar("T")
log = logging.getLogger(__name__)


class History:
    """One open history file (made by `tui.history.open_history`)."""

    path: Path
    schema_version: int
    fts: bool
    failed: HistoryUnavailable | None
    on_failure: Callable[[HistoryUnavailable], None] | None

    def __init__(
        self,
        path: Path,
        connection: sqlite3.Connection,
        *,
        schema_version: int,
        fts: bool,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.path = path
        self.schema_version = schema_version
        self.fts = fts
        self.failed = None
        self.on_failure = None
        self.clock = clock
        self.closing = threading.Lock()
        self.readers = Readers(path)
        self.writer = Writer(connection, path, self._writer_failed)

    # --- reads ---

    def _read(self, query: Callable[[sqlite3.Connection], T]) -> T:
        if self.failed is not None:
            raise self.failed
        try:
            with self.readers.connection() as connection:
                return query(connection)
        except sqlite3.Error as error:
            if is_damage(error):  # the writer moves the file aside and reports it
                self.writer.submit(writes.fail_with(error))
            raise explain(error, self.path) from None

    def recent(self, limit: int, *, before: tuple[int, str] | None = None) -> list[Video]:
        return self._read(lambda connection: reads.recent(connection, limit, before))

    def count(self) -> int:
        return self._read(lambda connection: reads.count(connection, reads.LIVE))

    def gone(
        self, limit: int, *, before: tuple[int, str] | None = None
    ) -> list[tuple[Video, GoneNote]]:
        return self._read(lambda connection: reads.gone(connection, limit, before))

    def gone_count(self) -> int:
        return self._read(lambda connection: reads.count(connection, reads.GONE))

    def search(self, text: str, limit: int = 1000) -> list[str]:
        return self._read(lambda connection: search.matching(connection, text, limit, fts=self.fts))

    def get(self, ids: Iterable[str]) -> dict[str, tuple[Video, GoneNote | None]]:
        wanted = tuple(ids)
        return self._read(lambda connection: reads.get(connection, wanted))

    def downloads(self, job_id: str) -> list[Download]:
        return self._read(lambda connection: reads.downloads(connection, job_id))

    def summary(self) -> list[DaySummary]:
        return self._read(summary.summary)

    def all_jobs(self) -> Iterator[tuple[Video, GoneNote | None]]:
        """Newest first, streamed: a few hundred rows in memory at a time."""
        if self.failed is not None:
            raise self.failed
        try:
            with self.readers.connection() as connection:
                yield from reads.all_jobs(connection)
        except sqlite3.Error as error:
            raise explain(error, self.path) from None

    # --- writes ---

    def record(self, videos: Iterable[Video], *, seen_at: float | None = None) -> None:
        batch = tuple(videos)
        if batch:
            self.writer.submit(writes.record(batch, self.clock() if seen_at is None else seen_at))

    def mark_gone(self, ids: Iterable[str], *, reason: str, at: float | None = None) -> None:
        batch = tuple(ids)
        if batch:
            self.writer.submit(writes.mark_gone(batch, reason, self.clock() if at is None else at))

    def record_download(self, download: Download) -> None:
        self.writer.submit(writes.add_download(download))

    def prune(self, older_than: float) -> int:
        """Blocking: delete the jobs last seen more than ``older_than`` seconds ago."""
        done: Future[object] = Future()
        self.writer.submit(writes.prune(self.clock() - older_than), done)
        try:
            deleted = done.result()
        except Exception as error:
            raise self.failed or explain(error, self.path) from error
        assert isinstance(deleted, int)
        return deleted

    def flush(self, timeout: float | None = None) -> bool:
        return self.writer.flush(timeout)

    def close(self) -> None:
        """Flush, stop the writer, close every connection. Idempotent."""
        with self.closing:
            self.writer.stop()
            self.readers.close()

    # --- failure (the writer thread) ---

    def _writer_failed(self, error: BaseException) -> None:
        moved = None
        if is_damage(error):
            self.readers.close()
            moved = move_aside(self.path)
        failure = explain(error, self.path, moved)
        self.failed = failure
        if self.on_failure is not None:
            try:
                self.on_failure(failure)
            except Exception:  # the listener's own bug must not stop the writer
                log.debug("history: on_failure raised", exc_info=True)
