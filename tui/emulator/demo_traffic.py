"""Demo traffic: the emulator submits a job now and every few seconds, as a busy project would, so
a demo shows a queued job at once and keeps moving after the seeded jobs have finished."""

from __future__ import annotations

import asyncio
import random
from typing import Any

from . import catalog
from .world import World


class DemoTraffic:
    """Seeded submissions to `world`, one every `interval` seconds while `run()` runs."""

    def __init__(self, world: World, *, seed: int, interval: float) -> None:
        self.world = world
        self.interval = interval
        self._rng = random.Random(f"{seed}:demo-traffic")

    def submit(self) -> dict[str, Any]:
        """Submit one job with a prompt, model, size and length drawn like the seeded ones."""
        rng = self._rng
        model = catalog.pick_model(rng)
        return self.world.create(
            catalog.make_prompt(rng),
            model=model,
            size=catalog.pick_size(rng, model),
            seconds=catalog.pick_seconds(rng),
        )

    async def run(self) -> None:
        """Submit now, then every `interval` seconds until cancelled."""
        while True:
            self.submit()
            await asyncio.sleep(self.interval)
