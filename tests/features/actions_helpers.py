"""Shared bits of the job-actions and notifications tests: the app under test, waits, toasts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import SecretStr
from textual.notifications import Notification

from tests.feed.feed_helpers import wait_for
from tui.api.models import Video
from tui.app import SoraApp
from tui.emulator import EmulatorServer
from tui.features.copying import Copying
from tui.features.deleting import Deleting
from tui.features.downloading import Downloading
from tui.features.launching import Launching
from tui.features.notifications import Notifications
from tui.settings import Settings

SIZE = (160, 48)


JOB_FEATURES = (Copying, Downloading, Deleting, Launching, Notifications)


def ActionsApp(settings: Settings) -> SoraApp:
    """The dashboard with the job features and notifications, as tui/app composes them."""
    return SoraApp(settings, features=JOB_FEATURES)


def notifications(app: SoraApp) -> Notifications:
    return app.feature(Notifications)


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


async def loaded(app: SoraApp) -> None:
    await wait_for(lambda: len(app.store) > 0 and app.client is not None, what="the first page")


def first(app: SoraApp, matches: Callable[[Video], bool]) -> Video:
    """The newest loaded job that ``matches``."""
    for video in app.store:
        if matches(video):
            return video
    raise AssertionError("no loaded job matches")


def toasts(app: SoraApp) -> list[Notification]:
    return list(app._notifications)


def toast_texts(app: SoraApp) -> list[str]:
    return [f"{note.title}\n{note.message}" if note.title else note.message for note in toasts(app)]


def said(app: SoraApp, fragment: str) -> bool:
    return any(fragment in text for text in toast_texts(app))
