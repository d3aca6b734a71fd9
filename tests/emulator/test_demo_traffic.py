"""Demo traffic: the emulator submits seeded jobs on its own, and never on a manual clock."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.waiting import wait_until
from tui.emulator import EmulatorConfig, EmulatorServer, World
from tui.emulator.demo_traffic import DemoTraffic

CHOSEN = ("prompt", "model", "size", "seconds")


def test_a_job_is_submitted_at_once_and_then_every_interval(
    make_emulator: Callable[..., EmulatorServer],
) -> None:
    server = make_emulator(jobs=0, demo_traffic=True, demo_traffic_seconds=0.05)
    assert len(server.world) >= 1  # in the world before start() returned
    job = server.world.snapshot()[-1]
    assert job["status"] == "queued" and job["prompt"]


async def test_submissions_keep_coming_until_the_server_stops(
    make_emulator: Callable[..., EmulatorServer],
) -> None:
    server = make_emulator(jobs=0, demo_traffic=True, demo_traffic_seconds=0.02)
    await wait_until(lambda: len(server.world) >= 4, what="four demo submissions")
    server.stop()
    count = len(server.world)
    second = make_emulator(jobs=0, demo_traffic=True, demo_traffic_seconds=0.02)
    await wait_until(lambda: len(second.world) >= 3, what="another emulator's submissions")
    assert len(server.world) == count  # the stopped one submits no more


def test_submissions_are_seeded() -> None:
    def picks(seed: int) -> list[tuple[Any, ...]]:
        traffic = DemoTraffic(World(jobs=0, seed=seed), seed=seed, interval=1.0)
        return [tuple(traffic.submit()[name] for name in CHOSEN) for _ in range(5)]

    assert picks(4) == picks(4)
    assert picks(4) != picks(5)


@pytest.mark.parametrize("demo_traffic", [True, False])
async def test_no_traffic_on_a_manual_clock_or_unless_asked(
    make_emulator: Callable[..., EmulatorServer], demo_traffic: bool
) -> None:
    manual = make_emulator(jobs=5, manual_clock=True, demo_traffic=demo_traffic)
    unasked = make_emulator(jobs=5, demo_traffic_seconds=0.01)
    assert manual.traffic is None and unasked.traffic is None
    control = make_emulator(jobs=0, demo_traffic=True, demo_traffic_seconds=0.01)
    await wait_until(lambda: len(control.world) >= 3, what="time for a few submissions")
    assert (len(manual.world), len(unasked.world)) == (5, 5)


def test_the_interval_must_be_positive() -> None:
    with pytest.raises(ValueError, match="demo_traffic_seconds"):
        EmulatorConfig(demo_traffic=True, demo_traffic_seconds=0)
