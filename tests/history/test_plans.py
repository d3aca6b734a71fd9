"""Speed by construction: pages come from an index (no scan, no sort), opening a large file
reads no more than its schema."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.history.helpers import jobs, opened
from tui.history import History, connection, opening, reads


def plan(history: History, sql: str, values: tuple[object, ...]) -> list[str]:
    with history.readers.connection() as db:
        return [row[-1] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}", values)]


@pytest.mark.parametrize("which", [reads.LIVE, reads.GONE])
@pytest.mark.parametrize("before", [None, (1_760_000_000, "video_1")])
def test_a_page_walks_an_index_newest_first(
    history: History, which: str, before: tuple[int, str] | None
) -> None:
    history.record(jobs(50))
    assert history.flush()
    steps = plan(history, *reads.page_query(which, 200, before))
    index = "jobs_live" if which == reads.LIVE else "jobs_gone"
    assert len(steps) == 1, steps
    assert steps[0].startswith(("SCAN", "SEARCH")), steps
    assert f"USING INDEX {index}" in steps[0], steps  # no table scan
    assert not any("TEMP B-TREE" in step for step in steps)  # no sort: the index is the order


def test_counting_reads_an_index_not_the_table(history: History) -> None:
    for which, index in ((reads.LIVE, "jobs_live"), (reads.GONE, "jobs_gone")):
        steps = plan(history, f"SELECT count(*) FROM jobs WHERE {which}", ())
        assert steps == [f"SCAN jobs USING INDEX {index}"]  # the partial index: its rows only


def traced_connect(statements: list[str]) -> object:
    plain = connection.connect

    def connect(path: Path) -> sqlite3.Connection:
        db = plain(path)
        db.set_trace_callback(statements.append)
        return db

    return connect


@pytest.mark.parametrize("large", [False, True])
def test_only_a_small_file_is_checked_whole_on_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, large: bool
) -> None:
    path = tmp_path / "h.sqlite3"
    with opened(path) as history:
        history.record(jobs(100))
    if large:
        monkeypatch.setattr(opening, "CHECKED_BYTES", path.stat().st_size - 1)
    statements: list[str] = []
    monkeypatch.setattr(connection, "connect", traced_connect(statements))
    with opened(path) as history:
        assert history.count() == 100
    assert ("PRAGMA quick_check" in statements) is not large
    assert not any(
        s.upper().startswith(("PRAGMA INTEGRITY_CHECK", "SELECT VIDEO")) for s in statements[:8]
    )
