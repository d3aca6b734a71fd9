"""Helpers for the end-to-end app tests: the app on a loopback emulator, condition waits, reading the screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import SecretStr
from rich.text import Text
from textual.app import App
from textual.notifications import Notification

from tests.waiting import wait_until
from tui.api.models import Video
from tui.app import SoraApp
from tui.emulator import EmulatorServer
from tui.features.copying import Copying
from tui.features.deleting import Deleting
from tui.features.downloading import Downloading
from tui.features.launching import Launching
from tui.features.notifications import Notifications
from tui.feed.poller import FeedReport
from tui.settings import Settings
from tui.widgets.status_line import StatusLine
from tui.widgets.video_table import HEADER_LINES, VideoTable

KEY = "sk-test-do-not-show-4417"


def app_for(server: EmulatorServer, **settings: Any) -> SoraApp:
    """SoraApp against ``server`` with a key, polling often. Not every 50 ms: the Pilot waits for
    the process to go idle after each key, and a busy poller makes every key cost a second."""
    values: dict[str, Any] = {
        "base_url": server.base_url,
        "api_key": SecretStr(KEY),
        "fast_interval": 0.25,
        "slow_interval": 0.5,
    }
    values.update(settings)
    return SoraApp(Settings(**values))


async def wait_for(condition: Callable[[], object], what: str, timeout: float = 10.0) -> None:
    """Poll ``condition`` until true; fail with ``what`` after ``timeout`` seconds."""
    await wait_until(condition, timeout, what)


def list_requests(server: EmulatorServer, *, paged: bool | None = None) -> list[dict[str, str]]:
    """Queries of GET /v1/videos so far; ``paged``: only those with (True) / without (False) ``after``."""
    queries = [
        r.query for r in list(server.requests) if r.method == "GET" and r.path == "/v1/videos"
    ]
    if paged is None:
        return queries
    return [q for q in queries if ("after" in q) == paged]


def row_text(app: SoraApp, video_id: str) -> str:
    """The painted text of ``video_id``'s row (it must be on screen)."""
    table: VideoTable = app.table
    index = app.view_ids().index(video_id)  # the table shows exactly the app's view
    y = HEADER_LINES + index - round(table.scroll_y)
    assert HEADER_LINES <= y < table.size.height, f"{video_id} is not on screen"
    return table.render_line(y).text


def status_line_text(app: SoraApp) -> str:
    line = app.query_one(StatusLine)
    rendered = line.render()
    return rendered.plain if isinstance(rendered, Text) else str(rendered)


# --- the app tuned for fast fault and consistency tests (tests/resilience) ----------------------

RESILIENCE_SIZE = (140, 40)


def fast_settings(server: EmulatorServer | None, **fields: Any) -> Settings:
    """Fast settings for the app against ``server`` (nothing listens when it is None)."""
    values: dict[str, Any] = {
        "base_url": server.base_url if server else "http://127.0.0.1:9/v1",
        "api_key": SecretStr(KEY),
        "page_size": 20,
        "fast_interval": 0.05,
        "slow_interval": 0.2,
        "timeout": 2.0,
    }
    values.update(fields)
    return Settings.model_validate(values)


def fast_app(server: EmulatorServer | None, **fields: Any) -> SoraApp:
    return SoraApp(fast_settings(server, **fields))


def feed_report(app: SoraApp) -> FeedReport | None:
    return app.poller.report if app.poller is not None else None


def screen_text(app: App[Any]) -> str:
    """Every line the current screen paints (what a terminal would show)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def world_ids(server: EmulatorServer) -> list[str]:
    return [job["id"] for job in server.world.snapshot()]


def store_matches_world(app: SoraApp, server: EmulatorServer, count: int | None = None) -> bool:
    """The store holds the newest ``count`` jobs of the world (all when None), with their data."""
    truth = server.world.snapshot()
    if count is not None:
        truth = truth[:count]
    if list(app.store.ordered_ids()) != [job["id"] for job in truth]:
        return False
    for job in truth:
        video = app.store.get(job["id"])
        if video is None or video.status != job["status"] or video.progress != job["progress"]:
            return False
    return True


# --- the job features and notifications (tests/features) -------------------------------------

FEATURE_SIZE = (160, 48)
JOB_FEATURES = (Copying, Downloading, Deleting, Launching, Notifications)


def actions_app(settings: Settings) -> SoraApp:
    """The dashboard with the job features and notifications only."""
    return SoraApp(settings, features=JOB_FEATURES)


def notifications(app: SoraApp) -> Notifications:
    return app.feature(Notifications)


def settings_for(emulator: EmulatorServer, **fields: Any) -> Settings:
    """Talk to ``emulator`` (a key is set: not demo mode), polling every half second: Pilot
    waits for an idle process after each key, which faster polling delays."""
    values: dict[str, Any] = {
        "base_url": emulator.base_url,
        "api_key": SecretStr("sk-test-key"),
        "fast_interval": 0.5,
        "slow_interval": 0.5,
    }
    values.update(fields)
    return Settings(**values)


async def loaded(app: SoraApp) -> None:
    await wait_for(lambda: len(app.store) > 0 and app.client is not None, "the first page")


def first(app: SoraApp, matches: Callable[[Video], bool]) -> Video:
    """The newest loaded job that ``matches``."""
    for video in app.store:
        if matches(video):
            return video
    raise AssertionError("no loaded job matches")


def toasts(app: SoraApp) -> list[Notification]:
    return list(app._notifications)  # Textual keeps no public list of the toasts shown


def toast_texts(app: SoraApp) -> list[str]:
    return [f"{note.title}\n{note.message}" if note.title else note.message for note in toasts(app)]


def said(app: SoraApp, fragment: str) -> bool:
    return any(fragment in text for text in toast_texts(app))
