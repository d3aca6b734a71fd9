"""The summary screen and the cost of the view, against the emulator's world."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from pydantic import SecretStr
from textual.widget import Widget
from textual.widgets import Sparkline

from tests.waiting import wait_until
from tui import clock
from tui.api.models import Video
from tui.app import SoraApp
from tui.cost import estimate, money
from tui.emulator import EmulatorServer
from tui.features.base import Feature
from tui.features.insights import Insights
from tui.features.thumbnails import Thumbnails
from tui.settings import Settings
from tui.widgets.detail_pane import DetailPane
from tui.widgets.help_screen import HelpScreen
from tui.widgets.summary_view import SummaryScreen, bar

SIZE = (150, 50)


_App: tuple[type[Feature], ...] = (Insights,)
_Both: tuple[type[Feature], ...] = (Insights, Thumbnails)


def make_app(server: EmulatorServer, features: tuple[type[Feature], ...] = _App) -> Any:
    settings = Settings.model_validate(
        {
            "base_url": server.base_url,
            "api_key": SecretStr("sk-test-insights"),
            "page_size": 100,
            "fast_interval": 0.25,
            "slow_interval": 0.5,
            "timeout": 2.0,
        }
    )
    return SoraApp(settings, features=features)


@pytest.fixture
def world_time(make_emulator: Callable[..., EmulatorServer]) -> Iterator[EmulatorServer]:
    """An emulator whose clock the dashboard shares (so 'today' is the same day for both)."""
    server = make_emulator(jobs=90, manual_clock=True)
    clock.freeze(server.world.now)
    try:
        yield server
    finally:
        clock.freeze(None)


def text_of(widget: Widget) -> str:
    _, height = widget.size
    return "\n".join(widget.render_line(y).text.rstrip() for y in range(height))


def world_truth(server: EmulatorServer) -> dict[str, Any]:
    """The figures, computed here from the emulator's own jobs."""
    jobs = server.world.snapshot()
    statuses = Counter(job["status"] for job in jobs)
    finished = statuses["completed"] + statuses["failed"]
    today = datetime.fromtimestamp(server.world.now).date()
    days = [today - timedelta(days=n) for n in range(13, -1, -1)]
    created = Counter(datetime.fromtimestamp(job["created_at"]).date() for job in jobs)
    durations = [
        job["completed_at"] - job["created_at"] for job in jobs if job["status"] == "completed"
    ]
    return {
        "loaded": len(jobs),
        "statuses": statuses,
        "failed": statuses["failed"],
        "finished": finished,
        "per_day": [created[day] for day in days],
        "median": statistics.median(durations),
    }


async def loaded(app: Any, server: EmulatorServer) -> None:
    await wait_until(lambda: len(app.store) == len(server.world) and app.table.row_count > 0)


async def open_summary(app: Any, pilot: Any) -> SummaryScreen:
    await pilot.press("i")
    await wait_until(lambda: isinstance(app.screen, SummaryScreen))
    screen = app.screen
    assert isinstance(screen, SummaryScreen)
    await wait_until(lambda: screen.query_one("#summary-rates").size.height > 0)
    return screen


async def test_summary_equals_the_world(world_time: EmulatorServer) -> None:
    server = world_time
    truth = world_truth(server)
    app = make_app(server)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, server)
        screen = await open_summary(app, pilot)
        summary = screen.summary
        assert summary.loaded == truth["loaded"]
        assert list(summary.per_day) == truth["per_day"]
        assert sum(truth["per_day"]) > 0
        assert summary.failed == truth["failed"] and summary.finished == truth["finished"]
        assert summary.median_complete_seconds == truth["median"]
        for status, count in truth["statuses"].items():
            assert summary.counts[status] == count

        sparkline = screen.query_one("#summary-days", Sparkline)
        assert list(sparkline.data or []) == [float(n) for n in truth["per_day"]]
        assert sparkline.size.width > 0 and sparkline.size.height > 0
        assert text_of(sparkline).strip()  # bars are drawn

        dialog = screen.query_one("#summary-dialog")
        assert dialog.border_title == f"Summary over {truth['loaded']} loaded jobs"
        rates = text_of(screen.query_one("#summary-rates"))
        rate = truth["failed"] / truth["finished"]
        assert f"{rate:.1%}" in rates
        assert f"({truth['failed']} of {truth['finished']} finished jobs failed)" in rates
        status_chart = text_of(screen.query_one("#summary-status"))
        for status, count in truth["statuses"].items():
            line = next(line for line in status_chart.splitlines() if line.startswith(status))
            assert line.endswith(f" {count}")
        caption = text_of(screen.query_one("#summary-days-caption"))
        assert f"{sum(truth['per_day'])} jobs, busiest day {max(truth['per_day'])}" in caption

        await pilot.press("escape")
        await wait_until(lambda: not isinstance(app.screen, SummaryScreen))


async def test_cost_by_model_and_of_the_view(world_time: EmulatorServer) -> None:
    server = world_time
    app = make_app(server)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, server)
        videos = [Video.model_validate(job) for job in server.world.snapshot()]
        billed = [v for v in videos if v.status != "failed" and estimate(v).known]
        by_model: Counter[str] = Counter()
        for video in billed:
            by_model[video.model] += estimate(video).cents or 0
        screen = await open_summary(app, pilot)
        assert screen.summary.cost.by_model == dict(by_model)
        chart = text_of(screen.query_one("#summary-cost"))
        for model, cents in by_model.items():
            line = next(line for line in chart.splitlines() if line.startswith(model + " "))
            assert line.endswith(money(cents))
        assert f"Total {money(sum(by_model.values()))} over {len(videos)} jobs" in chart
        await pilot.press("escape")

        await pilot.press("5")  # the failed filter
        await wait_until(lambda: app.bucket == "failed")
        failed = [v for v in videos if v.status == "failed"]
        failed_cents = sum(estimate(v).cents or 0 for v in failed)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        # failed jobs are likely not billed: the view costs nothing, and says what was left out
        assert "Cost of this view (failed): $0.00" in titles
        assert app.feature(Insights).view_cost().failed_cents == failed_cents > 0
        screen = await open_summary(app, pilot)
        view_line = text_of(screen.query_one("#summary-view"))
        assert view_line.startswith(f"This view (failed): $0.00 over {len(failed)} jobs")
        assert f"{money(failed_cents)} failed, likely not billed" in view_line


async def test_summary_follows_the_feed(world_time: EmulatorServer) -> None:
    server = world_time
    app = make_app(server)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, server)
        screen = await open_summary(app, pilot)
        before = screen.summary.counts["completed"] + screen.summary.counts["failed"]
        in_flight = screen.summary.counts["queued"] + screen.summary.counts["in_progress"]
        assert in_flight > 0
        server.world.advance(7200)  # every in-flight job finishes
        await wait_until(
            lambda: screen.summary.counts["queued"] + screen.summary.counts["in_progress"] == 0
        )
        after = screen.summary.counts["completed"] + screen.summary.counts["failed"]
        assert after == before + in_flight
        assert isinstance(app.screen, SummaryScreen)


async def test_both_features_compose(make_emulator: Callable[..., EmulatorServer]) -> None:
    server = make_emulator(jobs=30, manual_clock=True)
    app = make_app(server, _Both)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, server)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Summary" in titles and "Thumbnails: turn off" in titles
        assert any(title.startswith("Cost of this view (all): $") for title in titles)
        await pilot.press("question_mark")
        await wait_until(lambda: isinstance(app.screen, HelpScreen))
        rows = {(row.keys, row.description) for group in app.screen.groups for row in group.rows}
        assert ("i", "Summary") in rows and ("t", "Thumbnails") in rows
        await pilot.press("escape")
        await wait_until(lambda: not isinstance(app.screen, HelpScreen))
        # the thumbnail still arrives for a job that completes while the summary is open
        target = next(v.id for v in app.store if v.in_flight)
        app.table.move_cursor_to(target)
        pane = app.query_one(DetailPane)
        await wait_until(lambda: pane.video is not None and pane.video.id == target)
        await open_summary(app, pilot)
        now = int(server.world.now)
        server.world.force(
            target, status="completed", progress=100, completed_at=now, expires_at=now + 86400
        )
        await wait_until(
            lambda: pane.thumbnail.state == "image" and pane.thumbnail.video_id == target
        )


def test_bars() -> None:
    assert bar(0, 10) == "" and bar(10, 10, cells=4) == "████"
    assert bar(5, 10, cells=4) == "██" and bar(1, 1000, cells=4) == "▏"
