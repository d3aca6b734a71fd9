"""What the dashboard sets in the interpreter while it runs, and gives back when it ends; and the
loaded jobs it keeps out of the cyclic collector."""

from __future__ import annotations

import asyncio
import gc
import sys
from collections.abc import Callable, Iterator

import pytest

from tests.app_helpers import app_for, wait_for
from tui.app.interpreter import (
    FREEZE_AFTER,
    FREEZE_DELAY,
    SWITCH_SECONDS,
    JobsFreeze,
    restore_gil_switch,
    share_the_gil,
)
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


# --- the loaded jobs kept out of the cyclic collector ---------------------------------------


class _Frames:
    """Stands in for the app's ``call_after_refresh``: the callbacks wait for `paint`."""

    def __init__(self) -> None:
        self.waiting: list[Callable[[], None]] = []

    def __call__(self, callback: Callable[[], None]) -> bool:
        self.waiting.append(callback)
        return True

    def paint(self) -> None:
        waiting, self.waiting = self.waiting, []
        for callback in waiting:
            callback()


async def _after_the_timers() -> None:
    """Until a ``call_later(FREEZE_DELAY)`` made just before has run."""
    done = asyncio.Event()
    asyncio.get_running_loop().call_later(FREEZE_DELAY, done.set)
    await done.wait()


@pytest.fixture
def freezes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each ``gc.freeze()`` from here on (counted, not done)."""
    done: list[str] = []
    monkeypatch.setattr(gc, "freeze", lambda: done.append("freeze"))
    return done


async def test_the_first_jobs_are_frozen_after_their_frame_in_a_loop_turn_of_their_own(
    freezes: list[str],
) -> None:
    frames = _Frames()
    freeze = JobsFreeze(frames)
    freeze.arrived(0)  # a change that added nothing: nothing to freeze
    assert frames.waiting == []
    freeze.arrived(5)
    freeze.arrived(3)  # one freeze is enough for both
    assert len(frames.waiting) == 1 and freezes == []  # not during the merge
    frames.paint()
    assert freezes == []  # not in the frame's own callback either
    await _after_the_timers()
    assert freezes == ["freeze"]


async def test_later_jobs_are_frozen_every_freeze_after_arrivals(freezes: list[str]) -> None:
    frames = _Frames()
    freeze = JobsFreeze(frames)
    freeze.arrived(1)
    frames.paint()
    await _after_the_timers()
    freeze.arrived(FREEZE_AFTER - 1)
    assert frames.waiting == []
    freeze.arrived(1)
    frames.paint()
    await _after_the_timers()
    assert freezes == ["freeze", "freeze"]


async def test_the_dashboard_freezes_the_jobs_it_loads(
    make_emulator: Callable[..., EmulatorServer], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first page, then each FREEZE_AFTER jobs that ``G`` loads."""
    frozen: list[int] = []
    app = app_for(make_emulator(jobs=FREEZE_AFTER + 300))
    real = JobsFreeze.freeze

    def freeze(self: JobsFreeze) -> None:
        frozen.append(len(app.store))
        real(self)

    monkeypatch.setattr(JobsFreeze, "freeze", freeze)
    async with app.run_test() as pilot:
        await wait_for(lambda: frozen, "the first page's freeze")
        assert 0 < frozen[0] < FREEZE_AFTER
        await pilot.press("G")
        await wait_for(lambda: len(app.store) == FREEZE_AFTER + 300, "every job", timeout=30)
        await wait_for(lambda: len(frozen) >= 2, "a freeze after FREEZE_AFTER more jobs")
