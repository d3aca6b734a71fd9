"""StatusLine: each state's badge, freshness and countdowns, the sticky error, DEMO, no key."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App, ComposeResult

from tui.feed.poller import FeedStatus
from tui.widgets.status_line import StatusLine

NOW = 1_795_000_000.0
SERVER = "http://127.0.0.1:8123/v1"


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> float:
        return self.now


class LineApp(App[None]):
    def __init__(self, *, demo: bool = False) -> None:
        super().__init__()
        self.clock = Clock()
        self.demo = demo

    def compose(self) -> ComposeResult:
        yield StatusLine(demo=self.demo, clock=self.clock)


def make_status(**fields: Any) -> FeedStatus:
    base: dict[str, Any] = {
        "server": SERVER,
        "state": "live",
        "last_success": NOW - 3,
        "next_poll_at": NOW + 2,
        "error": None,
        "retry_at": None,
        "loaded": 40,
        "end_reached": False,
        "end_note": None,
        "loading_page": False,
        "in_flight": 0,
    }
    base.update(fields)
    return FeedStatus(**base)


def visible_text(line: StatusLine) -> str:
    strips = line.app.screen._compositor.render_strips()
    return strips[line.region.y].crop(line.region.x, line.region.right).text.rstrip()


@pytest.mark.parametrize(
    ("state", "badge"),
    [
        ("live", "● live"),
        ("connecting", "◌ connecting"),
        ("paused", "⏸ paused"),
        ("retrying", "⟳ retrying"),
        ("error", "✖ error"),
        ("auth", "🔒 auth"),
        ("stopped", "stopped"),
        ("weird-state", "? weird-state"),
    ],
)
async def test_state_badges(state: str, badge: str) -> None:
    async with LineApp().run_test(size=(160, 3)) as pilot:
        line = pilot.app.query_one(StatusLine)
        line.update_status(make_status(state=state))
        await pilot.pause()
        text = visible_text(line)
        assert badge in text
        assert SERVER in text
        assert "updated 3s ago" in text
        if state in ("paused", "stopped"):
            assert "next poll" not in text
        else:
            assert "next poll in 2s" in text


async def test_countdowns_move_with_the_clock() -> None:
    app = LineApp()
    async with app.run_test(size=(160, 3)) as pilot:
        line = pilot.app.query_one(StatusLine)
        line.update_status(make_status(next_poll_at=NOW + 10))
        await pilot.pause()
        assert "next poll in 10s" in visible_text(line)
        app.clock.now += 4
        line.refresh()  # what the 1 s interval timer does
        await pilot.pause()
        text = visible_text(line)
        assert "next poll in 6s" in text and "updated 7s ago" in text
        assert line._ticker is not None and line._ticker._interval == 1.0


async def test_error_is_sticky_with_retry_countdown() -> None:
    app = LineApp()
    async with app.run_test(size=(200, 3)) as pilot:
        line = pilot.app.query_one(StatusLine)
        line.update_status(
            make_status(state="retrying", error="503 Service Unavailable", retry_at=NOW + 8)
        )
        await pilot.pause()
        text = visible_text(line)
        assert "503 Service Unavailable — retrying in 8s" in text
        assert "-error" in line.classes
        app.clock.now += 60  # no toast timeout: it stays until the next status
        line.refresh()
        await pilot.pause()
        assert "503 Service Unavailable" in visible_text(line)
        line.update_status(make_status())
        await pilot.pause()
        assert "503" not in visible_text(line)
        assert "-error" not in line.classes


async def test_auth_error_says_press_r() -> None:
    async with LineApp().run_test(size=(200, 3)) as pilot:
        line = pilot.app.query_one(StatusLine)
        line.update_status(
            make_status(state="auth", error="401 Incorrect API key provided", retry_at=None)
        )
        await pilot.pause()
        text = visible_text(line)
        assert "🔒 auth" in text
        assert "401 Incorrect API key provided — press r to retry" in text


async def test_error_text_is_inert_and_no_key_shown() -> None:
    async with LineApp().run_test(size=(200, 3)) as pilot:
        line = pilot.app.query_one(StatusLine)
        line.update_status(
            make_status(
                state="error", error="[bold]bad[/bold]\x1b]0;title\x07 gateway", retry_at=NOW + 1
            )
        )
        await pilot.pause()
        text = visible_text(line)
        assert "[bold]bad[/bold]" in text
        assert "\x1b" not in text and "\x07" not in text
        assert "sk-" not in text and "Bearer" not in text


async def test_never_updated_and_demo_badge() -> None:
    async with LineApp(demo=True).run_test(size=(160, 3)) as pilot:
        line = pilot.app.query_one(StatusLine)
        line.update_status(make_status(state="connecting", last_success=None, in_flight=4))
        await pilot.pause()
        text = visible_text(line)
        assert text.lstrip().startswith("DEMO")
        assert "not updated yet" in text
        assert "4 in flight" in text
        line.demo = False
        await pilot.pause()
        assert "DEMO" not in visible_text(line)
