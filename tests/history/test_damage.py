"""A bad file gives one clear message: damaged ones are moved aside (never deleted), a locked,
read-only or full one is left where it is. The next open starts a fresh history."""

from __future__ import annotations

import os
import random
import sqlite3
from pathlib import Path

import pytest

from tests.history.helpers import job, jobs, open_here, opened
from tui.history import HistoryUnavailable, connection, opening

ROOT_IGNORES_PERMISSIONS = pytest.mark.skipif(
    os.geteuid() == 0, reason="root writes read-only files (the mode=ro test covers the path)"
)


def real_history(path: Path, count: int = 3_000) -> None:
    with opened(path) as history:
        history.record(jobs(count))
        assert history.flush()


def aside(folder: Path) -> list[Path]:
    return sorted(path for path in folder.iterdir() if ".corrupt-" in path.name)


def assert_moved_aside(error: HistoryUnavailable, path: Path, what: str, before: bytes) -> None:
    moved = error.moved_to
    assert moved is not None and moved.name.startswith(path.name + ".corrupt-")
    assert str(error) == f"The history {path} {what}; it was moved aside to {moved}."
    assert moved.read_bytes() == before  # moved, never deleted nor changed
    assert not path.exists()


def test_random_bytes_are_moved_aside_and_a_fresh_history_follows(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    garbage = random.Random(13).randbytes(20_000)
    path.write_bytes(garbage)
    with pytest.raises(HistoryUnavailable) as failed:
        open_here(path)
    assert_moved_aside(failed.value, path, "is not a database", garbage)
    with opened(path) as fresh:
        assert fresh.count() == 0
        fresh.record([job("video_new")])
        assert fresh.flush()
    assert aside(tmp_path) == [failed.value.moved_to]


def test_a_truncated_database_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    real_history(path)
    with path.open("r+b") as file:
        file.truncate(path.stat().st_size // 2)
    before = path.read_bytes()
    with pytest.raises(HistoryUnavailable) as failed:
        open_here(path)
    assert_moved_aside(failed.value, path, "is damaged", before)
    with opened(path) as fresh:
        assert fresh.count() == 0


def test_damage_found_after_opening_moves_the_file_aside_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(opening, "CHECKED_BYTES", 0)  # as for a file too large to check
    path = tmp_path / "h.sqlite3"
    real_history(path)
    with path.open("r+b") as file:  # pages of the jobs overwritten, the schema page intact
        file.seek(8 * 4096)
        file.write(random.Random(5).randbytes(64 * 4096))
    history = open_here(path)
    try:
        reports: list[HistoryUnavailable] = []
        history.on_failure = reports.append
        with pytest.raises(HistoryUnavailable) as failed:
            history.get([f"video_{n:05d}" for n in range(3_000)])
            history.summary()
        assert str(failed.value) == f"The history {path} is damaged."
        assert not history.flush()  # the writer heard of it
        (report,) = reports
        assert report.moved_to is not None and report.moved_to.exists()
        assert (
            str(report)
            == f"The history {path} is damaged; it was moved aside to {report.moved_to}."
        )
        with pytest.raises(HistoryUnavailable):
            history.recent(1)
        history.record([job("video_dropped")])
        assert not history.flush()
        assert not path.exists()  # no write reached a new file at the old name
    finally:
        history.close()


def ro_connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(
        f"file:{path}?mode=ro", uri=True, isolation_level=None, check_same_thread=False
    )


def test_a_history_that_cannot_be_written_is_refused_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "h.sqlite3"
    real_history(path, 10)
    before = path.read_bytes()
    monkeypatch.setattr(connection, "connect", ro_connect)
    with pytest.raises(HistoryUnavailable) as failed:
        open_here(path)
    assert str(failed.value) == (
        f"The history {path} is read-only (the file or its folder cannot be written)."
    )
    assert failed.value.moved_to is None
    assert path.read_bytes() == before and aside(tmp_path) == []
    new = tmp_path / "new.sqlite3"
    with pytest.raises(HistoryUnavailable) as missing:
        open_here(new)
    assert str(missing.value) == (
        f"The history {new} cannot be opened (its folder is missing or cannot be written)."
    )


@ROOT_IGNORES_PERMISSIONS
def test_a_read_only_file_is_refused_in_place(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    real_history(path, 10)
    path.chmod(0o444)
    try:
        with pytest.raises(HistoryUnavailable) as failed:
            open_here(path)
        assert "is read-only" in str(failed.value) and failed.value.moved_to is None
        assert path.exists() and aside(tmp_path) == []
    finally:
        path.chmod(0o644)


@ROOT_IGNORES_PERMISSIONS
def test_a_read_only_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(HistoryUnavailable) as failed:
            open_here(folder / "h.sqlite3")
        assert str(folder / "h.sqlite3") in str(failed.value)
        assert failed.value.moved_to is None
    finally:
        folder.chmod(0o755)


def test_a_folder_that_cannot_be_made_is_one_message(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(HistoryUnavailable) as failed:
        open_here(blocker / "h.sqlite3")
    assert str(failed.value).startswith(f"The history {blocker / 'h.sqlite3'} cannot be used (")


def test_a_history_locked_past_the_timeout_is_refused_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "h.sqlite3"
    real_history(path, 10)
    monkeypatch.setattr(connection, "BUSY_TIMEOUT", 0.05)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        with pytest.raises(HistoryUnavailable) as failed:
            open_here(path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert str(failed.value) == f"The history {path} is locked by another program."
    assert failed.value.moved_to is None and aside(tmp_path) == []
    with opened(path) as history:
        assert history.count() == 10


def test_a_full_disk_is_reported_and_the_file_kept(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    with opened(path) as history:
        reports: list[HistoryUnavailable] = []
        history.on_failure = reports.append
        history.record(jobs(5))
        assert history.flush()
        # SQLite's own "disk full": the file may not grow by another page.
        history.writer.submit(lambda db: db.execute("PRAGMA max_page_count = 1"))
        assert history.flush()
        history.record(jobs(2_000, prefix="video_more_"))
        assert not history.flush()
        assert [str(error) for error in reports] == [
            f"The history {path} cannot be written: the disk is full."
        ]
    assert aside(tmp_path) == []
    with opened(path) as again:
        assert again.count() == 5
