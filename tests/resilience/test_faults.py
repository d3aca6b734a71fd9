"""Server trouble, seen through the app: it keeps running, says what happened and when it retries,
keeps what it showed, and after recovery holds every job exactly once."""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Callable, Iterator
from functools import partial

import pytest

from tests.app_helpers import (
    KEY,
    RESILIENCE_SIZE,
    fast_app,
    feed_report,
    screen_text,
    status_line_text,
    store_matches_world,
)
from tests.waiting import wait_until
from tui.api import retry
from tui.app import SoraApp
from tui.emulator import EmulatorServer, Fault

LIST = "/v1/videos"


@pytest.fixture(autouse=True)
def quick_client_retries(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The client's own (SDK) retries wait 0.5-8 s; these tests only need them to happen."""
    monkeypatch.setattr(retry, "INITIAL_RETRY_DELAY", 0.01)
    yield


def list_calls(server: EmulatorServer) -> int:
    return sum(1 for r in list(server.requests) if r.path == LIST)


async def loaded_everything(app: SoraApp, server: EmulatorServer) -> None:
    await wait_until(
        lambda: (
            (s := feed_report(app)) is not None
            and s.state == "live"
            and s.end_reached
            and store_matches_world(app, server)
        ),
        what=lambda: f"all jobs loaded; {feed_report(app)}",
    )


# (id, fault, what the status line must say, the feed state)
CASES = [
    ("500", Fault("status", status=500, count=-1), "500 Internal Server Error", "retrying"),
    ("502", Fault("status", status=502, count=-1), "502 Bad Gateway", "retrying"),
    ("503", Fault("status", status=503, count=-1), "503 Service Unavailable", "retrying"),
    ("429-retry-after", Fault("status", status=429, retry_after="1", count=-1), "429", "retrying"),
    (
        "429-retry-after-ms",
        Fault("status", status=429, retry_after_ms="20", count=-1),
        "429",
        "retrying",
    ),
    ("408", Fault("status", status=408, count=-1), "408 Request Timeout", "retrying"),
    ("401", Fault("status", status=401, count=-1), "API key rejected (401)", "auth"),
    ("403", Fault("status", status=403, count=-1), "API key rejected (403)", "auth"),
    ("404-list", Fault("status", status=404, count=-1), "is the base URL right?", "error"),
    ("truncated", Fault("truncated", count=-1), "truncated JSON", "retrying"),
    ("html", Fault("html", status=502, count=-1), "HTML error page", "retrying"),
    ("garbage", Fault("garbage", count=-1), "not JSON", "retrying"),
    ("reset", Fault("reset", count=-1), "connection reset", "retrying"),
    ("hang", Fault("hang", count=-1), "no answer from", "retrying"),
]


@pytest.mark.parametrize(
    ("fault", "says", "state"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
async def test_a_fault_is_shown_keeps_the_data_and_recovers(
    make_emulator: Callable[..., EmulatorServer], fault: Fault, says: str, state: str
) -> None:
    server = make_emulator(jobs=30, manual_clock=True, api_key=KEY)
    app = fast_app(server, timeout=0.3)
    async with app.run_test(size=RESILIENCE_SIZE) as pilot:
        await loaded_everything(app, server)
        shown = list(app.store.ordered_ids())
        server.faults.add(fault)
        await pilot.press("r")
        await wait_until(
            lambda: (s := feed_report(app)) is not None and s.state == state and s.error,
            what=lambda: f"state {state}; {feed_report(app)}",
        )
        await pilot.pause()
        line = status_line_text(app)
        assert says in line
        if state == "auth":
            assert "press r to retry" in line
        else:  # when it retries: "retrying in 4s", or "retrying now…" for a short wait
            assert re.search(r"— retrying (in \d|now)", line), line
        assert list(app.store.ordered_ids()) == shown  # the data already shown stays
        assert shown[0][-8:] in screen_text(app) or shown[0][:12] in screen_text(app)
        if state == "auth":  # a rejected key is not hammered: the next try is minutes away
            status = feed_report(app)
            assert status is not None and status.retry_at is not None
            assert status.retry_at - time.time() > 60
        server.faults.clear()
        server.world.create("made while the server was down")
        await pilot.press("r")  # a user's r retries at once
        await wait_until(
            lambda: (
                (s := feed_report(app)) is not None
                and s.state == "live"
                and s.error is None
                and store_matches_world(app, server)
            ),
            what=lambda: f"recovery; {feed_report(app)}",
        )
        ids = list(app.store.ordered_ids())
        assert len(ids) == len(set(ids)) == 31  # nothing lost, nothing doubled
        assert "retrying" not in status_line_text(app)


async def test_r_retries_at_once_and_backoff_grows_to_a_cap(
    make_emulator: Callable[..., EmulatorServer], caplog: pytest.LogCaptureFixture
) -> None:
    server = make_emulator(jobs=10, manual_clock=True, api_key=KEY)
    app = fast_app(server)
    caplog.set_level(logging.INFO, logger="tui.feed.poller")
    async with app.run_test(size=RESILIENCE_SIZE) as pilot:
        await loaded_everything(app, server)
        server.faults.add(Fault("status", status=503, count=-1))
        waits: list[float] = []
        for attempt in range(7):
            calls = list_calls(server)
            await pilot.press("r")
            await wait_until(partial(lambda c: list_calls(server) > c, calls), what="a request")
            status = feed_report(app)
            if attempt:  # the request came before the scheduled retry: r did not wait
                assert status is not None and status.retry_at is not None
                assert time.time() < status.retry_at
            await wait_until(
                partial(lambda a: len(re.findall("next try in", caplog.text)) > a, attempt)
            )
            waits = [float(w) for w in re.findall(r"next try in ([\d.]+)s", caplog.text)]
        # a tick may fail on its own before the first r: the doubling shows either way
        assert waits[:5] == [2.0, 4.0, 8.0, 16.0, 32.0] and len(waits) >= 7
        assert set(waits[5:]) == {60.0}
        assert len(app.store) == 10


async def test_connection_refused_at_start_is_shown_and_the_app_recovers_when_the_server_comes(
    make_emulator: Callable[..., EmulatorServer],
) -> None:
    server = make_emulator(jobs=12, manual_clock=True, api_key=KEY)
    port = server.port
    server.stop()  # nothing listens on the port now
    app = fast_app(server)
    async with app.run_test(size=RESILIENCE_SIZE) as pilot:
        await wait_until(lambda: (s := feed_report(app)) is not None and s.state == "retrying")
        await pilot.pause()
        assert "connection refused" in status_line_text(app)
        assert "retrying in" in status_line_text(app)
        assert len(app.store) == 0
        revived = make_emulator(jobs=12, manual_clock=True, api_key=KEY, port=port)
        await pilot.press("r")
        await loaded_everything(app, revived)
        assert len(app.store) == 12
        await asyncio.sleep(0)  # ok: one loop turn for the last status to paint
        assert "refused" not in status_line_text(app)
