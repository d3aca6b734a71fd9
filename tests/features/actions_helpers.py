"""Shared bits of the job-actions and notifications tests: the app under test, waits, toasts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import SecretStr
from textual.notifications import Notification

from tests.feed.feed_helpers import wait_for
from tui.api.models import Video
from tui.dashboard import DashboardApp
from tui.emulator import EmulatorServer
from tui.features.job_actions import JobActionsFeature
from tui.features.notifications import NotificationsFeature
from tui.settings import Settings

SIZE = (160, 48)


class ActionsApp(JobActionsFeature, NotificationsFeature, DashboardApp):
    """The dashboard with both features, as tui/app.py composes them."""


def settings_for(emulator: EmulatorServer, **fields: Any) -> Settings:
    """Talk to ``emulator`` (a key is set: not demo mode), polling every half second.

    Faster polling keeps the process busy, and Pilot waits for an idle process after each key.
    """
    values: dict[str, Any] = {
        "base_url": emulator.base_url,
        "api_key": SecretStr("sk-test-key"),
        "fast_interval": 0.5,
        "slow_interval": 0.5,
    }
    values.update(fields)
    return Settings(**values)


async def loaded(app: DashboardApp) -> None:
    await wait_for(lambda: len(app.store) > 0 and app.client is not None, what="the first page")


def first(app: DashboardApp, matches: Callable[[Video], bool]) -> Video:
    """The newest loaded job that ``matches``."""
    for video in app.store:
        if matches(video):
            return video
    raise AssertionError("no loaded job matches")


def toasts(app: DashboardApp) -> list[Notification]:
    return list(app._notifications)


def toast_texts(app: DashboardApp) -> list[str]:
    return [f"{note.title}\n{note.message}" if note.title else note.message for note in toasts(app)]


def said(app: DashboardApp, fragment: str) -> bool:
    return any(fragment in text for text in toast_texts(app))
