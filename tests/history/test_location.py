"""Where a history lives: the data dir (or the override), one file per server and profile."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest

from tui.history import HISTORY_DIR_ENV, history_dir, history_file


def test_the_override_folder_is_used(history_folder: Path) -> None:
    assert history_dir() == history_folder
    assert history_file("https://api.openai.com/v1", "default").parent == history_folder


def test_without_the_override_the_platform_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(HISTORY_DIR_ENV)
    assert history_dir() == platformdirs.user_data_path("sora-tui") / "history"


def test_one_file_per_server_and_profile() -> None:
    openai = history_file("https://api.openai.com/v1", "default")
    assert openai.name.startswith("default-") and openai.suffix == ".sqlite3"
    assert len(openai.stem.removeprefix("default-")) == 12
    same = [
        "https://api.openai.com/v1/",
        "HTTPS://API.OpenAI.com/v1",
        "https://someone:secret@api.openai.com/v1",
    ]
    assert {history_file(url, "default") for url in same} == {openai}
    others = {
        history_file("https://api.openai.com/v2", "default"),
        history_file("http://api.openai.com/v1", "default"),
        history_file("https://api.openai.com:8443/v1", "default"),
        history_file("http://localhost:8000/v1", "default"),
        history_file("https://api.openai.com/v1", "work"),
    }
    assert len(others) == 5 and openai not in others


def test_a_profile_name_becomes_a_safe_file_name() -> None:
    path = history_file("https://api.openai.com/v1", "My Team/../Prod")
    assert path.parent == history_dir()
    assert path.name.startswith("my-team-prod-")
    assert history_file("https://x.test/v1", "").name.startswith("default-")


def test_the_demo_has_its_own_file() -> None:
    assert history_file("http://127.0.0.1:1234/v1", "default", demo=True) == (
        history_dir() / "demo.sqlite3"
    )
