"""The API key is never written: not from the environment, not from the base URL's userinfo."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.history.helpers import jobs
from tui.history import Download, history_file, open_history

SENTINEL = "sk-sentinel-5f1c0e9a7b"


def every_byte(folder: Path) -> bytes:
    return b"".join(path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file())


def test_the_key_never_reaches_the_history_files(
    history_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", SENTINEL)
    base_url = f"https://user:{SENTINEL}@api.example.test/v1"
    path = history_file(base_url, "work")
    assert SENTINEL not in str(path)
    assert path == history_file("https://api.example.test/v1", "work")
    history = open_history(path, base_url=base_url, profile="work")
    try:
        history.record(jobs(300))
        history.mark_gone(["video_00001"], reason="deleted here")
        history.record_download(Download("video_00002", "video", "/tmp/v.mp4", 10, 1.0))
        assert history.flush()
        assert path.with_name(path.name + "-wal").exists()  # the WAL is scanned too
        written = every_byte(history_folder)
        assert b"api.example.test" in written  # the server is recorded (the scan sees text)
        assert SENTINEL.encode() not in written
        assert SENTINEL.encode("utf-16-le") not in written
    finally:
        history.close()
    assert SENTINEL.encode() not in every_byte(history_folder)
