"""StatusLine: each state's badge, freshness and countdowns, the sticky error, DEMO, no key."""

from __future__ import annotations

import re
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.geometry import Region

from tests.waiting import wait_until
from tui.feed.poller import FeedReport
from tui.style import stylesheet_path
from tui.widgets.status_line import StatusLine
from tui.widgets.status_line_text import short_server, split_request_id, status_text

NOW = 1_795_000_000.0
SERVER = "http://127.0.0.1:8123/v1"


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> float:
        return self.now


class LineApp(App[None]):
    """The line alone, under the app's own stylesheet."""

    CSS_PATH = stylesheet_path()

    def __init__(self, *, demo: bool = False) -> None:
        super().__init__()
        self.clock = Clock()
        self.demo = demo

    def compose(self) -> ComposeResult:
        yield StatusLine(demo=self.demo, clock=self.clock)


def make_status(**fields: Any) -> FeedReport:
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
    return FeedReport(**base)


def painted(line: StatusLine) -> str:
    """The line as painted (public API: the widget's own strip, padding included)."""
    width = line.outer_size.width
    return "".join(strip.text for strip in line.render_lines(Region(0, 0, width, 1))).rstrip()


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
        line.show_report(make_status(state=state))
        await pilot.pause()
        text = painted(line)
        assert badge in text
        assert SERVER in text
        assert "updated 3s ago" in text
        if state in ("paused", "stopped"):
            assert "next poll" not in text
        else:
            assert "next poll in 2s" in text


async def test_countdowns_move_with_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    assert StatusLine.TICK_SECONDS == 1.0
    monkeypatch.setattr(StatusLine, "TICK_SECONDS", 0.02)
    app = LineApp()
    async with app.run_test(size=(160, 3)) as pilot:
        line = pilot.app.query_one(StatusLine)
        line.show_report(make_status(next_poll_at=NOW + 10))
        await pilot.pause()
        assert "next poll in 10s" in painted(line)
        app.clock.now += 4  # the line's interval timer repaints it, nothing else does
        await wait_until(lambda: "next poll in 6s" in painted(line))
        assert "updated 7s ago" in painted(line)


async def test_error_is_sticky_with_retry_countdown() -> None:
    app = LineApp()
    async with app.run_test(size=(200, 3)) as pilot:
        line = pilot.app.query_one(StatusLine)
        line.show_report(
            make_status(state="retrying", error="503 Service Unavailable", retry_at=NOW + 8)
        )
        await pilot.pause()
        text = painted(line)
        assert "503 Service Unavailable — retrying in 8s" in text
        assert "-error" in line.classes
        app.clock.now += 60  # no toast timeout: it stays until the next status
        line.refresh()
        await pilot.pause()
        assert "503 Service Unavailable" in painted(line)
        line.show_report(make_status())
        await pilot.pause()
        assert "503" not in painted(line)
        assert "-error" not in line.classes


async def test_auth_error_says_press_r() -> None:
    async with LineApp().run_test(size=(200, 3)) as pilot:
        line = pilot.app.query_one(StatusLine)
        line.show_report(
            make_status(state="auth", error="401 Incorrect API key provided", retry_at=None)
        )
        await pilot.pause()
        text = painted(line)
        assert "🔒 auth" in text
        assert "401 Incorrect API key provided — press r to retry" in text


async def test_error_text_is_inert_and_no_key_shown() -> None:
    async with LineApp().run_test(size=(200, 3)) as pilot:
        line = pilot.app.query_one(StatusLine)
        line.show_report(
            make_status(
                state="error", error="[bold]bad[/bold]\x1b]0;title\x07 gateway", retry_at=NOW + 1
            )
        )
        await pilot.pause()
        text = painted(line)
        assert "[bold]bad[/bold]" in text
        assert "\x1b" not in text and "\x07" not in text
        assert "sk-" not in text and "Bearer" not in text


async def test_never_updated_and_demo_badge() -> None:
    async with LineApp(demo=True).run_test(size=(160, 3)) as pilot:
        line = pilot.app.query_one(StatusLine)
        line.show_report(make_status(state="connecting", last_success=None, in_flight=4))
        await pilot.pause()
        text = painted(line)
        assert text.lstrip().startswith("DEMO")
        assert "not updated yet" in text
        assert "4 in flight" in text
        line.demo = False
        await pilot.pause()
        assert "DEMO" not in painted(line)


# --- fitting the width: the least useful parts go first -----------------------------------

REQUEST_ID = "req_" + "0123456789abcdef" * 2
LONG_ERROR = (
    "503 Service Unavailable · server_error · The server is overloaded or not ready yet."
    f" (request {REQUEST_ID})"
)


def busy_status(**fields: Any) -> FeedReport:
    """Everything the line can say at once."""
    values: dict[str, Any] = {
        "state": "retrying",
        "error": LONG_ERROR,
        "retry_at": NOW + 8,
        "next_poll_at": NOW + 8,
        "loading_page": True,
        "in_flight": 3,
        "end_note": "server ignores paging",
    }
    values.update(fields)
    return make_status(**values)


def test_split_request_id() -> None:
    assert split_request_id(LONG_ERROR) == (
        LONG_ERROR.split(" (request")[0],
        f" (request {REQUEST_ID})",
    )
    assert split_request_id("connection refused") == ("connection refused", "")
    assert split_request_id("(request x)") == ("(request x)", "")  # nothing else to show
    assert short_server(SERVER) == "127.0.0.1:8123"
    assert short_server("embedded emulator") == "embedded emulator"


def test_everything_shown_when_there_is_room() -> None:
    text = status_text(busy_status(), NOW, width=400).plain
    assert text == status_text(busy_status(), NOW).plain  # unchanged from the unfitted line
    assert f"(request {REQUEST_ID}) — retrying in 8s" in text
    assert SERVER in text and "server ignores paging" in text and "  │  " in text


@pytest.mark.parametrize("width", [400, 250, 200, 160, 120, 100, 80, 60])
def test_fits_and_keeps_badge_error_and_retry_time(width: int) -> None:
    text = status_text(busy_status(), NOW, demo=True, width=width)
    assert text.cell_len <= width
    plain = text.plain
    assert plain.startswith(" DEMO ") and "⟳ retrying" in plain
    assert re.search(r"— retrying in 8s( |$)", plain)
    assert "503 Service" in plain


def test_parts_go_in_order_of_use() -> None:
    """Narrowing step by step: the request id, then the URL's scheme and path, then the end
    note, in-flight count, loading, next poll, freshness and the server, in that order."""
    order = [
        f"(request {REQUEST_ID})",
        SERVER,
        "server ignores paging",
        "3 in flight",
        "loading more…",
        "next poll in 8s",
        "updated 3s ago",
        "127.0.0.1:8123",
    ]
    gone_at: dict[str, int] = {}
    for width in range(400, 40, -1):
        plain = status_text(busy_status(), NOW, width=width).plain
        for part in order:
            if part not in plain:
                gone_at.setdefault(part, width)
    assert sorted(order, key=lambda part: -gone_at[part]) == order
    assert "127.0.0.1:8123" in status_text(busy_status(), NOW, width=gone_at[SERVER]).plain


def test_error_message_is_cut_before_the_retry_time() -> None:
    plain = status_text(busy_status(), NOW, width=70).plain
    assert plain.endswith("… — retrying in 8s")
    assert "updated" not in plain and "127.0.0.1" not in plain


async def test_160_columns_with_a_long_request_id_shows_the_retry_time() -> None:
    app = LineApp()
    async with app.run_test(size=(160, 3)) as pilot:
        line = pilot.app.query_one(StatusLine)
        line.show_report(busy_status())
        await pilot.pause()
        text = painted(line)
        assert "The server is overloaded or not ready yet. — retrying in 8s" in text
        assert REQUEST_ID not in text
        assert "127.0.0.1:8123" in text  # still room for where it is


async def test_80_columns_nothing_cut_at_the_edge() -> None:
    app = LineApp()
    async with app.run_test(size=(80, 3)) as pilot:
        line = pilot.app.query_one(StatusLine)
        line.show_report(busy_status())
        await pilot.pause()
        text = painted(line)
        assert text.endswith("— retrying in 8s")
        assert "⟳ retrying" in text and "503 Service Unavailable" in text
        line.show_report(make_status(end_note="server ignores paging", in_flight=2))
        await pilot.pause()
        text = painted(line)
        assert "● live" in text and "127.0.0.1:8123" in text and "updated 3s ago" in text
        assert not text.endswith("…")  # whole parts left out, none cut
        await pilot.resize_terminal(200, 3)
        await pilot.pause()
        assert SERVER in painted(line) and "server ignores paging" in painted(line)


@pytest.fixture
def repaints(monkeypatch: pytest.MonkeyPatch) -> list[StatusLine]:
    """Each repaint the status line asks for (its `_repaint`), in order."""
    asked: list[StatusLine] = []
    repaint = StatusLine._repaint

    def counted(line: StatusLine) -> None:
        asked.append(line)
        repaint(line)

    monkeypatch.setattr(StatusLine, "_repaint", counted)
    return asked


async def test_loading_every_page_repaints_a_few_times_a_second_not_once_a_page(
    repaints: list[StatusLine],
) -> None:
    """`G` sends a report with each page (tens a second): while every page loads they wait for
    one coalesced repaint; the report that ends the load repaints at once."""
    app = LineApp()
    async with app.run_test(size=(120, 3)) as pilot:
        line = app.query_one(StatusLine)
        line.show_report(make_status(loading_all=True, loading_page=True))  # the load starts
        await pilot.pause()
        repaints.clear()
        for page in range(40):  # 40 pages' reports
            line.show_report(make_status(loading_all=True, loading_page=page % 2 == 0))
        assert len(repaints) == 0  # none painted on its own: one repaint is due
        await wait_until(lambda: len(repaints) == 1, what="the coalesced repaint")
        line.show_report(make_status(loading_all=False, loading_page=False, loaded=9_999))
        assert len(repaints) == 2  # the end of the load: at once
        await wait_until(lambda: "loading more" not in painted(line))
        assert "● live" in painted(line)


async def test_reading_the_history_offline_repaints_a_few_times_a_second_not_once_a_press(
    repaints: list[StatusLine],
) -> None:
    """End held with the server unreachable: each press that reads older rows from the history
    reports more loaded (the same error each time); a new error is painted at once."""
    app = LineApp()
    offline = {"state": "error", "error": "connect failed", "last_success": None}
    async with app.run_test(size=(120, 3)) as pilot:
        line = app.query_one(StatusLine)
        line.show_report(make_status(loading_all=True, **offline))
        await pilot.pause()
        repaints.clear()
        for press in range(30):
            line.show_report(make_status(loading_all=True, loaded=200 * (press + 2), **offline))
        assert len(repaints) == 0  # one repaint is due
        await wait_until(lambda: len(repaints) == 1, what="the coalesced repaint")
        line.show_report(make_status(loading_all=True, **{**offline, "error": "timed out"}))
        assert len(repaints) == 2  # another error: at once
        await wait_until(lambda: "timed out" in painted(line))


async def test_a_report_equal_to_the_last_repaints_nothing(repaints: list[StatusLine]) -> None:
    """Offline, each End press re-reports the feed as it was (tens a second): the line is a
    frame of its own only when what it says changed."""
    app = LineApp()
    async with app.run_test(size=(120, 3)) as pilot:
        line = app.query_one(StatusLine)
        line.show_report(make_status(state="error", error="connect failed", last_success=None))
        await pilot.pause()
        assert len(repaints) == 1
        for _ in range(30):
            line.show_report(make_status(state="error", error="connect failed", last_success=None))
        assert len(repaints) == 1
        line.show_report(make_status(loaded=7))
        assert len(repaints) == 2
        await wait_until(lambda: "● live" in painted(line))
