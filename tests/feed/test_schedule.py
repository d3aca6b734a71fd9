"""The Schedule: intervals, backoff, the auth wait, pause, `refresh_now`, the connection state."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from tui.api.errors import AuthenticationError, NotFoundError, RateLimitError, ServerError
from tui.feed.fetch import CallFailed
from tui.feed.policy import PollPolicy
from tui.feed.schedule import STATES, Schedule

URL = "http://x.invalid/v1/"


def schedule(**policy: Any) -> tuple[Schedule, list[float]]:
    """A Schedule on a manual clock (the list's one value); the wall clock reads 1000 + it."""
    now = [0.0]
    made = Schedule(PollPolicy(**policy), clock=lambda: now[0], wall=lambda: 1000.0 + now[0])
    return made, now


def test_a_first_turn_ticks_at_once_and_success_picks_the_interval() -> None:
    made, now = schedule(fast_interval=2, slow_interval=15)
    assert made.state == "connecting" and made.take_turn()
    made.succeeded(ticked=True, busy=False)
    assert made.state == "live" and made.next_poll_at == 1015.0
    assert not made.take_turn()  # not due yet: a page-only turn
    now[0] = 15.0
    assert made.take_turn()
    made.succeeded(ticked=True, busy=True)
    assert made.next_poll_at == 1017.0
    made.succeeded(ticked=False, busy=False)  # a page alone does not move the next tick
    assert made.next_poll_at == 1017.0


def test_backoff_doubles_to_the_cap_and_success_resets_it() -> None:
    made, _ = schedule(backoff_base=2, backoff_cap=60)
    failure = CallFailed(ServerError("boom", status=503))
    waits = [made.failed(failure, URL) for _ in range(7)]
    assert waits == [2, 4, 8, 16, 32, 60, 60]
    assert made.state == "retrying" and made.retry_at == 1060.0 and "503" in (made.error or "")
    made.succeeded(ticked=True, busy=False)
    assert made.error is None and made.retry_at is None
    assert made.failed(failure, URL) == 2


def test_retry_after_is_honoured() -> None:
    made, _ = schedule()
    assert made.failed(CallFailed(RateLimitError("slow", status=429, retry_after=30)), URL) == 30


def test_a_rejected_key_waits_long_and_a_missing_list_route_names_the_url() -> None:
    made, _ = schedule(auth_wait=300, backoff_cap=60)
    assert made.failed(CallFailed(AuthenticationError("no", status=401)), URL) == 300
    assert made.state == "auth" and (made.error or "").startswith("API key rejected (401)")
    assert made.failed(CallFailed(NotFoundError("?", status=404), head=True), URL) == 60
    assert made.state == "error"
    assert made.error == f"list endpoint not found (404): is the base URL right? {URL}videos"


def test_an_unexpected_error_is_named_by_its_type() -> None:
    made, _ = schedule()
    made.failed(CallFailed(ValueError("bad id")), URL)
    assert made.error == "ValueError: bad id"


def test_pause_shows_over_the_connection_state_and_stop_over_both() -> None:
    made, _ = schedule()
    assert made.set_paused(True) and not made.set_paused(True)
    assert made.state == "paused" and not made.take_turn()
    made.stopped = True
    assert made.state == "stopped"
    assert set(STATES) >= {"connecting", "live", "retrying", "paused", "error", "auth"}


async def test_refresh_now_cuts_a_wait_short_even_while_paused() -> None:
    made, _ = schedule(slow_interval=3600)
    made.succeeded(ticked=True, busy=False)
    made.set_paused(True)
    waiting = asyncio.ensure_future(made.wait_for_turn(lambda: True))
    await asyncio.sleep(0)  # ok: let it start waiting
    assert not waiting.done()
    made.refresh_now()
    await asyncio.wait_for(waiting, 1)
    assert made.take_turn() and not made.take_turn()  # one turn for one refresh_now


async def test_unpausing_ticks_at_once() -> None:
    made, _ = schedule(slow_interval=3600)
    made.succeeded(ticked=True, busy=False)
    made.set_paused(True)
    made.set_paused(False)
    await asyncio.wait_for(made.wait_for_turn(lambda: False), 1)
    assert made.take_turn()


@pytest.mark.parametrize("live", [True, False])
async def test_a_wanted_page_ends_the_wait_only_while_live(live: bool) -> None:
    made, _ = schedule(slow_interval=3600, auth_wait=3600)
    if live:
        made.succeeded(ticked=True, busy=False)
    else:
        made.failed(CallFailed(AuthenticationError("no", status=401)), URL)
    waiting = asyncio.ensure_future(made.wait_for_turn(lambda: True))
    made.wake()
    await asyncio.sleep(0.01)  # ok: a few loop turns to react to the bell
    assert waiting.done() == live
    waiting.cancel()
