"""What the dashboard sets in the interpreter while it runs, and gives back when it ends."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator

import pytest

from tests.app_helpers import app_for
from tui.app.interpreter import SWITCH_SECONDS, restore_gil_switch, share_the_gil
from tui.emulator import EmulatorServer


@pytest.fixture
def process_interval() -> Iterator[float]:
    """The process's own GIL interval (Python's default), put back whatever a test does."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(0.005)
    yield 0.005
    sys.setswitchinterval(before)


async def test_threads_wait_at_most_a_millisecond_for_the_gil_while_the_dashboard_runs(
    make_emulator: Callable[..., EmulatorServer], process_interval: float
) -> None:
    """The history's reader and writer threads must not hold the event loop's frame for 5 ms."""
    app = app_for(make_emulator(jobs=5))
    async with app.run_test():
        assert sys.getswitchinterval() == SWITCH_SECONDS
    assert sys.getswitchinterval() == process_interval  # the process's own, once it ends


def test_a_shorter_interval_the_process_chose_is_kept(process_interval: float) -> None:
    sys.setswitchinterval(0.0002)
    chosen = pytest.approx(0.0002, abs=2e-6)  # kept in whole microseconds, rounded down
    before = share_the_gil()
    assert sys.getswitchinterval() == chosen
    restore_gil_switch(before)
    assert sys.getswitchinterval() == chosen
