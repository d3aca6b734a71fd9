"""Churn: a world that changes on its own (jobs created, failed, deleted at random), for soak runs
and demos. Seeded, so a run can be repeated; runs in a daemon thread until stopped."""

from __future__ import annotations

import random
import threading
from collections import Counter

from .world import World

_OPS = (("create", 5), ("fail", 2), ("delete", 3), ("advance", 2))


class Churn:
    """Random changes to ``world``, one every ``interval`` seconds once started."""

    def __init__(self, world: World, *, seed: int = 1, interval: float = 0.05) -> None:
        self.world = world
        self.interval = interval
        self.done: Counter[str] = Counter()
        self._rng = random.Random(f"{seed}:churn")
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def step(self) -> str:
        """Make one random change; returns its kind."""
        kinds = [kind for kind, _ in _OPS]
        kind = self._rng.choices(kinds, weights=[weight for _, weight in _OPS])[0]
        world = self.world
        jobs = world.snapshot()
        if kind == "create" or not jobs:
            for number in range(self._rng.randint(1, 4)):
                world.create(f"churned clip {self.done['create']}-{number}")
            kind = "create"
        elif kind == "fail":
            victim = self._rng.choice(jobs)["id"]
            message = "churn: forced failure"
            world.force(
                victim, status="failed", error={"code": "internal_error", "message": message}
            )
        elif kind == "delete":
            world.delete(self._rng.choice(jobs)["id"])
        else:
            world.advance(self._rng.uniform(0.5, 5.0))
        self.done[kind] += 1
        return kind

    def start(self) -> None:
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="emulator-churn", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        thread, self._thread = self._thread, None
        self._stop.set()
        if thread is not None:
            thread.join(5.0)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.step()
