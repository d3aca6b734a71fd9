"""The one writer thread: writes applied in call order, one transaction a batch.

A batch is whatever is queued when the writer wakes (it wakes at once and gathers for at most
`GATHER` seconds). A failed batch is rolled back, the connection closed and ``on_error`` told
once; every later write is dropped. `gate` is a seam for tests: while it is clear the writer,
woken, waits before gathering its batch (a test proves a write returns before it is committed).
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import sqlite3
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from tui.history.failures import Moved
from tui.history.writes import Write

log = logging.getLogger(__name__)
GATHER: Final = 0.1  # seconds a batch may gather writes after the first


@dataclass
class Task:
    write: Write
    result: Future[object] | None = None


@dataclass
class Flush:
    done: threading.Event = field(default_factory=threading.Event)


_STOP: Final = None


def identity(path: Path) -> tuple[int, int] | None:
    """Which file is at ``path`` (None: none is)."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


_Item = Task | Flush | None


class Writer:
    def __init__(
        self,
        connection: sqlite3.Connection,
        path: Path,
        on_error: Callable[[BaseException], None],
    ) -> None:
        self.connection: sqlite3.Connection | None = connection
        self.path = path
        self.identity = identity(path)
        self.on_error = on_error
        self.gate = threading.Event()
        self.gate.set()
        self.queue: queue.SimpleQueue[_Item] = queue.SimpleQueue()
        self.lock = threading.Lock()
        self.stopped = False
        self.broken = False  # a batch failed: later writes are dropped
        self.thread = threading.Thread(target=self.run, name="sora-tui history", daemon=True)
        self.thread.start()

    def submit(self, write: Write, result: Future[object] | None = None) -> None:
        """Queue ``write``; after `stop` it is dropped (and ``result`` told so)."""
        with self.lock:
            if not self.stopped:
                self.queue.put(Task(write, result))
                return
        if result is not None:
            result.set_exception(RuntimeError("the history is closed"))

    def flush(self, timeout: float | None = None) -> bool:
        """True once everything queued before it is committed."""
        flush = Flush()
        with self.lock:
            if self.stopped:
                return not self.broken
            self.queue.put(flush)
        return flush.done.wait(timeout) and not self.broken

    def stop(self) -> None:
        """Apply what is queued, then stop the thread and close the connection."""
        with self.lock:
            if self.stopped:
                return
            self.stopped = True
            self.queue.put(_STOP)
        if threading.current_thread() is not self.thread:  # close() from on_failure: no join
            self.thread.join()

    def run(self) -> None:
        stopping = False
        while not stopping:
            batch = [self.queue.get()]
            self.gate.wait()
            deadline = time.monotonic() + GATHER
            while batch[-1] is not _STOP and time.monotonic() < deadline:
                try:
                    batch.append(self.queue.get_nowait())
                except queue.Empty:
                    break
            stopping = batch[-1] is _STOP
            self.apply([item for item in batch if isinstance(item, Task)])
            for item in batch:
                if isinstance(item, Flush):
                    item.done.set()
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def apply(self, tasks: list[Task]) -> None:
        connection = self.connection
        if not tasks:
            return
        if connection is None:
            self.refuse(tasks, RuntimeError("the history writer has stopped"))
            return
        try:
            if identity(self.path) != self.identity:  # SQLite would write on into the old file
                raise Moved(self.path)
            connection.execute("BEGIN IMMEDIATE")
            results = [task.write(connection) for task in tasks]
            connection.execute("COMMIT")
        except Exception as error:  # any failure, not only sqlite3's: the writer never dies
            log.debug("history: a write failed", exc_info=True)  # on_error tells the user
            with contextlib.suppress(sqlite3.Error):
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
            connection.close()
            self.connection = None
            self.broken = True
            self.on_error(error)
            self.refuse(tasks, error)
            return
        for task, result in zip(tasks, results, strict=True):
            if task.result is not None:
                task.result.set_result(result)

    def refuse(self, tasks: list[Task], error: BaseException) -> None:
        for task in tasks:
            if task.result is not None:
                task.result.set_exception(error)
