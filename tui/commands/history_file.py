"""Which history file a Settings uses, or why there is none (history turned off)."""

from __future__ import annotations

from pathlib import Path

from tui.history import history_file
from tui.settings import Settings

# The name a history is filed under when no [profiles.NAME] is in force.
NO_PROFILE = "default"


def history_file_for(settings: Settings) -> Path | None:
    """The history of ``settings``' server and profile; None when off. The demo keeps none:
    its emulator makes a new world each run, so every job of the last run would be 'gone'
    (the dashboard's demo keeps a history for the run only, in a folder removed at exit)."""
    if not settings.history or settings.runs_demo:
        return None
    return history_file(settings.base_url, history_profile(settings))


def history_profile(settings: Settings) -> str:
    return settings.profile or NO_PROFILE


def why_off(settings: Settings) -> str:
    """What turned the history off, for a message: the file's [history] or the flag."""
    if settings.runs_demo:
        return "the demo keeps no history: its world is new each run"
    config = settings.config
    if config is not None and config.history.enabled is False:
        return f"[history] enabled = false in {settings.config_path or 'the config file'}"
    return "--no-history"
