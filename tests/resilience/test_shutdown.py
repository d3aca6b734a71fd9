"""Quitting is prompt and clean whatever the feed is doing."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Callable

import pytest

from tests.app_helpers import (
    KEY,
    RESILIENCE_SIZE,
    fast_app,
)
from tests.waiting import wait_until
from tui.app import SoraApp
from tui.emulator import EmulatorConfig, EmulatorServer, Fault
from tui.settings import Settings

LIST = "/v1/videos"


def live_threads() -> set[threading.Thread]:
    """Non-daemon threads, bar the main one and the test loop's default executor (it belongs to
    the loop, which pytest closes after the test; the app's own threads are what matter)."""
    return {
        t
        for t in threading.enumerate()
        if not t.daemon and t is not threading.main_thread() and not t.name.startswith("asyncio_")
    }


async def quit_promptly(app: SoraApp, pilot: object) -> None:
    await pilot.press("q")  # type: ignore[attr-defined]
    await wait_until(lambda: not app.is_running, timeout=5.0, what="the app to stop")


@pytest.mark.parametrize(
    "moment", ["request", "retry_wait", "paging", "ticking", *["teardown"] * 3]
)
async def test_quitting_exits_cleanly(
    make_emulator: Callable[..., EmulatorServer], moment: str
) -> None:
    before = live_threads()
    server = make_emulator(jobs=200, manual_clock=True, api_key=KEY)
    app = fast_app(server, timeout=30.0, page_size=10)
    async with asyncio.timeout(10):
        async with app.run_test(size=RESILIENCE_SIZE) as pilot:
            await wait_until(lambda: app.poller is not None and app.poller.report.state == "live")
            if moment == "request":  # a request hangs (longer than we would wait)
                hang = Fault("hang", count=1000, path=LIST)
                server.faults.add(hang)
                await pilot.press("r")
                await wait_until(lambda: hang.count < 1000, what="a request to hang")
            elif moment == "retry_wait":
                server.faults.add(Fault("status", status=503, count=-1, should_retry="false"))
                await pilot.press("r")
                await wait_until(
                    lambda: app.poller is not None and app.poller.report.state == "retrying"
                )
            elif moment == "teardown":  # the app goes down straight after its first page
                assert len(app.store) >= 10
            elif moment == "ticking":  # answers keep coming in (fast ticks, pages, jobs in flight)
                calls = len(server.requests)
                await wait_until(lambda: len(server.requests) > calls + 5)
                app.table.focus()
                await pilot.press("end")  # pages on their way as the app goes down
            else:  # pages are on their way, slowly
                server.faults.add(Fault("slow", delay=5.0, count=-1, path=LIST))
                await pilot.press("end")
                await wait_until(lambda: app.poller is not None and app.poller.report.loading_page)
            if moment != "teardown":
                await quit_promptly(app, pilot)
    assert app.return_code in (0, None)
    assert app._exception is None
    assert live_threads() <= before


async def test_quitting_the_demo_frees_the_emulator_port() -> None:
    before = live_threads()
    app = SoraApp(
        Settings(demo=True, fast_interval=0.05),
        demo_config=EmulatorConfig(jobs=30, manual_clock=True),
    )
    async with asyncio.timeout(10):
        async with app.run_test(size=RESILIENCE_SIZE) as pilot:
            await wait_until(lambda: app.poller is not None and app.poller.report.state == "live")
            assert app.link.emulator is not None
            port = app.link.emulator.port
            app.link.emulator.faults.add(Fault("hang", count=-1))
            await pilot.press("r")
            await quit_promptly(app, pilot)
    assert app._exception is None
    assert live_threads() <= before
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", port))  # the port is free again
