"""Demo mode end to end: the embedded emulator starts in-process and the same client path reads it."""

from __future__ import annotations

import httpx
import pytest

from tests.app_helpers import status_line_text, wait_for
from tui.api.models import COMPLETED, FAILED, IN_PROGRESS, QUEUED
from tui.app import SoraApp
from tui.emulator import EmulatorConfig
from tui.settings import Settings
from tui.widgets.status_filter import StatusFilterBar


async def test_demo_starts_the_embedded_emulator_with_jobs_in_every_status() -> None:
    app = SoraApp(Settings(demo=True, fast_interval=0.25), demo_config=EmulatorConfig(seed=1))
    async with app.run_test(size=(160, 45)) as pilot:
        await wait_for(
            lambda: app.link.emulator is not None and app.poller is not None, "the emulator"
        )
        assert app.link.emulator is not None
        base_url = app.link.emulator.base_url
        assert base_url.startswith("http://127.0.0.1:")
        assert app.client is not None and app.client.base_url.rstrip("/") == base_url.rstrip("/")
        every = (QUEUED, IN_PROGRESS, COMPLETED, FAILED)
        await wait_for(
            lambda: all(app.store.counts()[status] > 0 for status in every),
            "jobs in every status",
        )
        assert "DEMO" in app.sub_title and base_url in app.sub_title
        line = status_line_text(app)
        assert "DEMO" in line and "live" in line
        # The tabs count what is loaded, and say so.
        assert app.query_one(StatusFilterBar).tab_text("queued") not in ("", "Queued 0")
        await pilot.press("q")
        await wait_for(lambda: not app.is_running, "the app to exit")
    async with httpx.AsyncClient() as http:  # quitting stopped the embedded emulator
        with pytest.raises(httpx.ConnectError):
            await http.get(f"{base_url}/videos", timeout=2.0)


async def test_a_frozen_demo_world_is_left_as_seeded() -> None:
    """Screenshots and snapshots rely on it: no demo traffic on a manual clock."""
    config = EmulatorConfig(seed=3, jobs=40, manual_clock=True, epoch=1_795_600_000.0)
    app = SoraApp(Settings(demo=True, fast_interval=0.25, slow_interval=0.25), demo_config=config)
    async with app.run_test(size=(160, 45)):
        await wait_for(lambda: len(app.store) == 40, "the seeded jobs")
        emulator = app.link.emulator
        assert emulator is not None
        polls = len(emulator.requests)
        await wait_for(lambda: len(emulator.requests) >= polls + 4, "a few more polls")
        assert len(app.store) == len(emulator.world) == 40
