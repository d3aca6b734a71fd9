"""Shared bits for the resilience tests: the real app against the emulator, and what it shows."""

from __future__ import annotations

from typing import Any

from pydantic import SecretStr
from textual.app import App

from tui.app import SoraApp
from tui.emulator import EmulatorServer
from tui.feed.poller import FeedStatus
from tui.settings import Settings

KEY = "sk-test-resilience-0000"
SIZE = (140, 40)


def settings_for(server: EmulatorServer | None, **fields: Any) -> Settings:
    """Fast settings for the app against ``server`` (the key is the emulator's own unless given)."""
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


def make_app(server: EmulatorServer | None, **fields: Any) -> SoraApp:
    return SoraApp(settings_for(server, **fields))


def feed_status(app: SoraApp) -> FeedStatus | None:
    return app.poller.status if app.poller is not None else None


def screen_text(app: App[Any]) -> str:
    """Every line the compositor paints for the current screen (what a terminal would show)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def status_line_text(app: SoraApp) -> str:
    from tui.widgets.status_line import StatusLine

    line = app.query_one(StatusLine)
    return str(line.render())


def world_ids(server: EmulatorServer) -> list[str]:
    return [job["id"] for job in server.world.snapshot()]


def store_matches_world(app: SoraApp, server: EmulatorServer, count: int | None = None) -> bool:
    """The store holds the newest ``count`` jobs of the world (all when None), with their data."""
    truth = server.world.snapshot()
    if count is not None:
        truth = truth[:count]
    ids = list(app.store.ordered_ids())
    if ids != [job["id"] for job in truth]:
        return False
    return all(
        (app.store.get(job["id"]) is not None)
        and app.store.get(job["id"]).status == job["status"]  # type: ignore[union-attr]
        and app.store.get(job["id"]).progress == job["progress"]  # type: ignore[union-attr]
        for job in truth
    )
