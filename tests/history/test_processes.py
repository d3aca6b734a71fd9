"""Real processes: ``kill -9`` mid-write loses nothing committed; two writers share one file."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.history.helpers import opened

ROOT = Path(__file__).resolve().parents[2]


def child(path: Path, prefix: str, batches: int) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.history.writer_child", str(path), prefix, str(batches)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline() == "ready\n"
    return process


def go(process: subprocess.Popen[str]) -> None:
    assert process.stdin is not None
    process.stdin.write("go\n")
    process.stdin.flush()


def test_kill_9_mid_write_keeps_every_committed_job(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    writer = child(path, "video_", batches=0)  # writes until killed
    go(writer)
    assert writer.stdout is not None
    committed: list[str] = []
    for _ in range(30):
        line = writer.stdout.readline()
        assert line and not line.startswith("failed"), line
        committed.extend(line.split())
    os.kill(writer.pid, signal.SIGKILL)
    assert writer.wait(timeout=30) == -signal.SIGKILL
    writer.stdout.close()
    assert writer.stdin is not None
    writer.stdin.close()
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    raw.close()
    with opened(path) as history:
        found = history.get(committed)
        assert sorted(found) == sorted(committed)
        assert history.count() >= len(committed)  # perhaps a batch more, never one less
        assert history.search("video_0000000") == ["video_0000000"]


def test_two_processes_write_one_history_at_once(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    first, second = child(path, "video_a_", 40), child(path, "video_b_", 40)
    go(first)
    go(second)  # both open, migrate and write at once
    outputs = [process.communicate(timeout=120)[0] for process in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], outputs
    reported = [video_id for output in outputs for video_id in output.split()]
    assert len(reported) == 2 * 40 * 20
    with opened(path) as history:
        assert history.count() == 1_600
        assert sorted(history.get(reported)) == sorted(reported)
