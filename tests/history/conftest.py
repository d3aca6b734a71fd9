"""A history in the test's own folder, closed at teardown."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.history.helpers import Clock, opened
from tui.history import History


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def history(tmp_path: Path, clock: Clock) -> Iterator[History]:
    with opened(tmp_path / "history.sqlite3", clock) as history:
        yield history
