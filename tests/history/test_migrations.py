"""Schema versions: a version-1 file is migrated in place; a newer one is refused, untouched."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.history.helpers import Clock, job, open_here, opened
from tui.history import GONE_NOT_LISTED, HistoryUnavailable, schema, search

# The DDL of version 1 as it shipped, written out here so a change to it cannot go unnoticed.
V1_DDL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE jobs (
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
);
CREATE INDEX jobs_newest ON jobs (created_at, id);
PRAGMA user_version = 1;
"""


def version_one_file(path: Path) -> None:
    rows = [
        job("video_kept", 1_760_000_100, prompt="an owl in the rain"),
        job("video_gone", 1_760_000_000, prompt="a fox", error={"code": "x", "message": "Lost"}),
    ]
    with sqlite3.connect(path) as connection:
        connection.executescript(V1_DDL)
        for video in rows:
            gone = (5.0, GONE_NOT_LISTED) if video.id == "video_gone" else (None, None)
            connection.execute(
                "INSERT INTO jobs (id, created_at, status, model, prompt, video, first_seen,"
                " last_seen, gone_at, gone_reason) VALUES (?, ?, ?, ?, ?, ?, 1.0, 2.0, ?, ?)",
                (
                    video.id,
                    video.created_at,
                    video.status,
                    video.model,
                    video.prompt,
                    json.dumps(video.model_dump()),
                    *gone,
                ),
            )
    connection.close()


@pytest.mark.parametrize("fts", [True, False], ids=["fts5", "like"])
def test_a_version_one_file_becomes_version_two_with_its_jobs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fts: bool
) -> None:
    if not fts:
        monkeypatch.setattr(search, "fts5_available", lambda: False)
    path = tmp_path / "old.sqlite3"
    version_one_file(path)
    with opened(path, Clock()) as history:
        assert history.schema_version == schema.CURRENT_VERSION == 2
        assert [v.id for v in history.recent(10)] == ["video_kept"]
        ((gone, note),) = history.gone(10)
        assert (gone.id, gone.error, note.reason) == ("video_gone", gone.error, GONE_NOT_LISTED)
        assert gone.error is not None and gone.error.message == "Lost"
        assert history.search("owl rain") == ["video_kept"]
        assert history.search("lost") == ["video_gone"]
        assert history.summary()[0].cost == 1.60  # size and seconds filled from the JSON
        history.record([job("video_new", prompt="a heron")])
        assert history.flush()
        assert history.search("heron") == ["video_new"]
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA user_version").fetchone() == (2,)
    connection.close()


def test_a_failed_step_leaves_the_file_at_its_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.sqlite3"
    version_one_file(path)

    to_two = schema.MIGRATIONS[1]

    def half_done(connection: sqlite3.Connection) -> None:
        to_two(connection)
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(schema, "MIGRATIONS", (schema.MIGRATIONS[0], half_done))
    with pytest.raises(HistoryUnavailable):
        open_here(path)
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA user_version").fetchone() == (1,)
        columns = {row[1] for row in connection.execute("PRAGMA table_info(jobs)")}
        assert "search_text" not in columns  # the half-done step was rolled back
    connection.close()
    monkeypatch.undo()
    with opened(path) as history:
        assert history.schema_version == 2
        assert history.count() == 1


def test_a_file_from_a_newer_version_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("CREATE TABLE jobs_of_the_future (id TEXT)")
        connection.execute(f"PRAGMA user_version = {schema.CURRENT_VERSION + 1}")
    connection.close()
    before = path.read_bytes()
    with pytest.raises(HistoryUnavailable) as refused:
        open_here(path)
    assert "newer" in str(refused.value) and str(path) in str(refused.value)
    assert refused.value.moved_to is None
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if "corrupt" in p.name) == []


def test_search_written_without_fts5_is_indexed_when_fts5_returns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not search.fts5_available():
        pytest.skip("this Python's SQLite has no FTS5")
    path = tmp_path / "h.sqlite3"
    with opened(path) as history:
        history.record([job("video_early", prompt="a whale")])
    monkeypatch.setattr(search, "fts5_available", lambda: False)
    with opened(path) as history:
        assert not history.fts
        history.record([job("video_late", prompt="a walrus")])  # no triggers: index falls behind
    monkeypatch.undo()
    with opened(path) as history:
        assert history.fts
        assert history.search("walrus") == ["video_late"]
        assert history.search("wha") == ["video_early"]
