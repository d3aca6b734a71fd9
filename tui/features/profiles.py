"""Make it yours: switch between the config file's server profiles, remember the theme, remap keys.

- ``Switch profile: NAME`` in the command palette (and ``P``, a picker of just those) restarts the
  feed against that profile's server: the poller stops, the store empties, new settings, the
  feed runs again. Leaving the demo stops its emulator.
- The theme chosen in the app is written to the config file's ``[ui] theme`` and applied at start.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from functools import partial
from typing import Final, cast

from textual.app import SystemCommand
from textual.dom import DOMNode
from textual.theme import Theme

from tui.actions import APP, Action
from tui.config import ConfigError
from tui.features.base import Dashboard, Feature
from tui.settings import SettingsError, switch_profile

THEME_WRITE_DELAY = 0.4  # s: the theme picker previews as the cursor moves; write the one kept
PROFILE_ACTIONS: Final = (Action("profiles", "P", "Profiles", APP, key_display="P"),)


class Profiles(Feature):
    """Server profiles and a remembered theme from the config file."""

    ACTIONS = PROFILE_ACTIONS

    def __init__(self, dashboard: Dashboard) -> None:
        super().__init__(dashboard)
        self._remembered_theme: str | None = None

    def mounted(self) -> None:
        config = self.dashboard.settings.config  # None: no config file
        self._apply_start_theme(config.ui.theme if config is not None else None)
        self.dashboard.theme_changed_signal.subscribe(
            cast(DOMNode, self.dashboard), self._theme_changed
        )

    # --- profiles -----------------------------------------------------------------------

    @property
    def profile_names(self) -> list[str]:
        config = self.dashboard.settings.config
        return sorted(config.profiles) if config is not None else []

    def _profile_help(self, name: str) -> str:
        config = self.dashboard.settings.config
        assert config is not None  # the name came from profile_names
        profile = config.profiles[name]
        where = "embedded emulator" if profile.demo else (profile.base_url or "api.openai.com")
        flags = [where]
        if profile.read_only:
            flags.append("read-only")
        if name == self.dashboard.settings.profile:
            flags.append("current")
        return " · ".join(flags)

    def _profile_commands(self) -> list[tuple[str, partial[None], str]]:
        return [
            (
                f"Switch profile: {name}",
                partial(self.switch_to, name),
                self._profile_help(name),
            )
            for name in self.profile_names
        ]

    def commands(self) -> Iterable[SystemCommand]:
        for title, callback, help_text in self._profile_commands():
            yield SystemCommand(title, help_text, callback)

    def do_profiles(self) -> None:
        commands = self._profile_commands()
        if not commands:
            where = self.dashboard.settings.config_path or "the config file"
            self.dashboard.toast(
                f"No profiles yet: add a [profiles.NAME] table to {where}", title="Profiles"
            )
            return
        self.dashboard.search_commands(commands, placeholder="Switch to profile…")

    def switch_to(self, name: str) -> None:
        try:
            settings = switch_profile(self.dashboard.settings, name)
        except (ConfigError, SettingsError) as error:
            self.dashboard.toast(str(error), title=f"Profile {name}", severity="error")
            return
        self.in_worker(
            lambda: self.dashboard.switch_server(settings), group="profile", exclusive=True
        )

    # --- theme --------------------------------------------------------------------------

    def _apply_start_theme(self, theme: str | None) -> None:
        if theme is None:
            return
        themes = self.dashboard.available_themes
        if theme not in themes:
            known = ", ".join(sorted(themes))
            self.dashboard.toast(
                f"Theme {theme!r} from the config file is not available; themes: {known}",
                title="Config",
                severity="warning",
            )
            return
        self._remembered_theme = theme
        self.dashboard.theme = theme

    def _theme_changed(self, theme: Theme) -> None:
        if theme.name != self._remembered_theme and self.dashboard.settings.config_path is not None:
            self.in_worker(
                lambda: self._write_theme(theme.name), group="remember-theme", exclusive=True
            )

    async def _write_theme(self, name: str) -> None:
        await asyncio.sleep(THEME_WRITE_DELAY)  # a newer choice cancels this one (exclusive)
        path = self.dashboard.settings.config_path
        if path is None:
            return
        try:
            from tui.config_theme import remember_theme  # the writer loads when first needed

            await asyncio.to_thread(remember_theme, path, name)
        except (ConfigError, OSError, ValueError) as error:
            self.dashboard.toast(str(error), title="Theme not remembered", severity="warning")
            return
        self._remembered_theme = name
