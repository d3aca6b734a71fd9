"""Shared fixtures: an emulator on a free loopback port, with a seeded world; a history folder."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tui.emulator import EmulatorConfig, EmulatorServer
from tui.history import HISTORY_DIR_ENV


@pytest.fixture(autouse=True)
def history_folder(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test has its own history folder: none touches the user's data dir, none shares one."""
    folder = tmp_path_factory.mktemp("history")
    monkeypatch.setenv(HISTORY_DIR_ENV, str(folder))
    return folder


@pytest.fixture
def make_emulator() -> Iterator[Callable[..., EmulatorServer]]:
    """Start emulators with any EmulatorConfig fields; every one is stopped at teardown."""
    started: list[EmulatorServer] = []

    def start(**config: Any) -> EmulatorServer:
        config.setdefault("seed", 7)
        server = EmulatorServer(EmulatorConfig(**config))
        server.start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def emulator(make_emulator: Callable[..., EmulatorServer]) -> EmulatorServer:
    """A default emulator: 120 jobs on a manual clock (time moves only when a test says so)."""
    return make_emulator(jobs=120, manual_clock=True)
