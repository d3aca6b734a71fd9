"""Every server's state in full (key F): the whole error, its request id, the retry, the paging;
server text shown literally; the panel follows the reports while open; nothing cut at 80×24."""

from __future__ import annotations

from dataclasses import replace

from textual.app import App
from textual.widgets import Static

from tests.app_helpers import screen_text
from tests.waiting import wait_until
from tui import clock
from tui.feed.poller import FeedReport
from tui.style import stylesheet_path
from tui.widgets.server_panel import ServerPanel, panel_text

NOW = 1_795_000_000.0
LIVE = FeedReport(
    server="http://10.0.0.1:8000/v1",
    state="live",
    last_success=NOW - 2,
    next_poll_at=NOW + 3,
    error=None,
    retry_at=None,
    loaded=1_200,
    end_reached=False,
    end_note=None,
    loading_page=False,
    in_flight=3,
)
LONG = (
    "503 Service Unavailable · server_overloaded · The GPU pool is saturated; every worker is "
    "busy rendering and the queue is full, try again in a few seconds"
)
RETRYING = replace(
    LIVE,
    server="http://10.0.0.2:8000/v1",
    state="retrying",
    error=f"{LONG} (request req_7f3a9c)",
    retry_at=NOW + 4,
    loaded=40,
    end_reached=True,
    end_note="server ignores paging",
    in_flight=0,
)
DOWN = replace(
    LIVE,
    server="http://10.0.0.3:8000/v1",
    state="error",
    error="connection refused to http://10.0.0.3:8000/v1",
    retry_at=NOW + 9,
    last_success=None,
    loaded=0,
    in_flight=0,
)
REPORTS = [("gpu-a", LIVE), ("gpu-b", RETRYING), ("azure", DOWN)]


def test_each_server_in_full() -> None:
    text = panel_text(REPORTS, NOW).plain
    blocks = text.split("\n\n")
    assert [block.split()[0] for block in blocks] == ["gpu-a", "gpu-b", "azure"]
    live, retrying, down = blocks
    assert "● live" in live and "http://10.0.0.1:8000/v1" in live
    assert "last answer 2s ago" in live and "1,200 jobs loaded · more on the server" in live
    assert "3 in flight" in live
    assert LONG in retrying  # the whole error, not its first words
    assert "request id req_7f3a9c" in retrying and "(request" not in retrying
    assert "retry in 4s" in retrying and "40 jobs loaded · server ignores paging" in retrying
    assert down.startswith("azure  ✖ error · offline")  # never answered, as the line says
    assert "connection refused" in down and "no answer yet since the start" in down
    assert "offline" not in retrying
    assert "retry in 9s" in down


def test_server_text_is_shown_literally() -> None:
    sneaky = replace(DOWN, error="[bold red]boom[/] \x1b[2J gone", server="http://x/[i]v1[/i]")
    text = panel_text([("a", sneaky)], NOW).plain
    assert "[bold red]boom[/]" in text and "http://x/[i]v1[/i]" in text
    assert "\x1b" not in text


def test_an_unknown_state_is_shown_as_it_is() -> None:
    text = panel_text([("a", replace(LIVE, state="warming-up"))], NOW).plain
    assert "warming-up" in text


class PanelApp(App[None]):
    CSS_PATH = stylesheet_path()

    def __init__(self) -> None:
        super().__init__()
        self.reports = list(REPORTS)

    def on_mount(self) -> None:
        self.push_screen(ServerPanel(lambda: self.reports))


def body(app: App[None]) -> str:
    return str(app.screen.query_one("#server-panel-body", Static).content)


async def test_the_panel_follows_the_reports_and_wraps_at_80x24() -> None:
    clock.freeze(NOW)
    try:
        app = PanelApp()
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_until(lambda: isinstance(app.screen, ServerPanel))
            await pilot.pause()
            painted = " ".join(screen_text(app).replace("│", " ").split())
            assert LONG in painted  # wrapped over lines, every word painted, none cut
            assert "request id req_7f3a9c" in painted and "retry in 9s" in painted
            app.reports[1] = ("gpu-b", replace(RETRYING, state="live", error=None, retry_at=None))
            await wait_until(lambda: "req_7f3a9c" not in body(app))
            assert "gpu-b  ● live" in body(app)
            await pilot.press("escape")
            await wait_until(lambda: not isinstance(app.screen, ServerPanel))
    finally:
        clock.freeze(None)
