"""Writes never block the caller; one writer applies them in call order, a batch a transaction."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tests.history.helpers import job, jobs, opened
from tui.api.models import Video
from tui.history import GONE_DELETED_HERE, History, HistoryUnavailable, writes
from tui.history.rows import columns


def test_record_returns_before_anything_is_committed(history: History) -> None:
    history.writer.gate.clear()  # the writer, woken, waits here
    history.record(jobs(3))
    history.mark_gone(["video_00000"], reason=GONE_DELETED_HERE)
    assert history.recent(10) == []  # returned, and nothing is written yet
    assert not history.flush(timeout=0.05)  # nothing can be committed while the writer waits
    history.writer.gate.set()
    assert history.flush()
    assert [v.id for v in history.recent(10)] == ["video_00002", "video_00001"]


def test_encoding_happens_in_the_writer_thread(
    history: History, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[str] = []

    def spy(video: Video) -> tuple[object, ...]:
        threads.append(threading.current_thread().name)
        return columns(video)

    monkeypatch.setattr(writes, "columns", spy)
    history.record(jobs(2))
    assert threads == []  # the caller only queued the records
    assert history.flush()
    assert threads == [history.writer.thread.name] * 2 != [threading.current_thread().name] * 2


def test_writes_queued_together_commit_in_one_transaction(history: History) -> None:
    statements: list[str] = []
    history.writer.gate.clear()
    history.record([job("video_first")])  # wakes the writer, which waits at the gate
    assert history.writer.connection is not None
    history.writer.connection.set_trace_callback(statements.append)
    for n in range(50):
        history.record([job(f"video_{n}")])
    history.mark_gone(["video_3"], reason=GONE_DELETED_HERE)
    history.writer.gate.set()
    assert history.flush()
    assert statements.count("BEGIN IMMEDIATE") == 1
    assert statements.count("COMMIT") == 1
    assert history.count() == 50 and history.gone_count() == 1


def test_writes_apply_in_call_order(history: History) -> None:
    history.record([job("video_1", status="queued")])
    history.mark_gone(["video_1"], reason=GONE_DELETED_HERE)
    history.record([job("video_1", status="in_progress")])  # seen again: back on the server
    history.record([job("video_1", status="completed")])
    history.record([job("video_2")])
    history.mark_gone(["video_2"], reason=GONE_DELETED_HERE)
    assert history.flush()
    assert [(v.id, v.status) for v in history.recent(10)] == [("video_1", "completed")]
    assert [v.id for v, _ in history.gone(10)] == ["video_2"]


def test_a_failing_write_is_reported_once_and_later_writes_are_dropped(
    history: History,
) -> None:
    reports: list[tuple[str, HistoryUnavailable]] = []
    history.on_failure = lambda error: reports.append((threading.current_thread().name, error))
    history.record([job("video_kept")])
    history.writer.submit(lambda connection: connection.execute("PRAGMA query_only = ON"))
    assert history.flush()
    history.record([job("video_refused")])  # the file is now read-only to this connection
    assert not history.flush()
    history.record([job("video_dropped")])
    history.mark_gone(["video_kept"], reason=GONE_DELETED_HERE)
    assert not history.flush()
    assert len(reports) == 1
    thread, error = reports[0]
    assert thread == history.writer.thread.name
    assert history.failed is error
    assert (
        str(error)
        == f"The history {history.path} is read-only (the file or its folder cannot be written)."
    )
    assert error.moved_to is None and history.path.exists()
    with pytest.raises(HistoryUnavailable):
        history.recent(10)
    with pytest.raises(HistoryUnavailable):
        history.prune(0)


def test_a_file_deleted_under_the_history_is_a_failure(history: History) -> None:
    reports: list[HistoryUnavailable] = []
    history.on_failure = reports.append
    history.record(jobs(2))
    assert history.flush()
    for path in history.path.parent.iterdir():
        path.unlink()
    history.record(jobs(3))
    assert not history.flush()
    assert [str(error) for error in reports] == [
        f"The history {history.path} was moved or deleted while in use."
    ]


def test_close_writes_what_is_queued_and_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    with opened(path) as history:
        history.writer.gate.clear()
        history.record(jobs(500))
        history.writer.gate.set()
        history.close()
        history.close()
        history.record(jobs(3, prefix="video_late_"))  # after close: dropped, not an error
        assert history.flush()
        with pytest.raises(HistoryUnavailable):
            history.recent(1)
        with pytest.raises(HistoryUnavailable):
            history.prune(0)
    with opened(path) as again:
        assert again.count() == 500


def test_the_failure_listener_may_close_the_history(history: History) -> None:
    closed: list[bool] = []

    def give_up(error: HistoryUnavailable) -> None:
        history.close()  # from the writer thread itself
        closed.append(True)

    history.on_failure = give_up
    history.writer.submit(lambda connection: connection.execute("PRAGMA query_only = ON"))
    history.record([job("video_refused")])
    history.writer.thread.join(timeout=10)
    assert closed == [True] and not history.writer.thread.is_alive()
