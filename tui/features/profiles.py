"""Make it yours: switch between the config file's server profiles, remember the theme, remap keys.

- ``Switch profile: NAME`` in the command palette (and ``P``, a picker of just those) restarts the
  feed against that profile's server: the poller stops, the store empties, new settings, the
  feed runs again. Leaving the demo stops its emulator.
- The theme chosen in the app is written to the config file's ``[ui] theme`` and applied at start.
- The config file's ``[keys]`` table (binding id → keys) is applied with ``App.set_keymap``.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterable
from functools import partial
from typing import ClassVar

from pydantic import ValidationError
from textual import work
from textual.app import SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.theme import Theme
from textual.worker import WorkerCancelled, WorkerFailed

from tui.config import ConfigError, remember_theme
from tui.dashboard import DashboardApp
from tui.settings import Settings, switch_profile
from tui.widgets.status_line import StatusLine

THEME_WRITE_DELAY = 0.4  # s: the theme picker previews as the cursor moves; write the one kept


class ProfilesFeature(DashboardApp):
    """Server profiles, a remembered theme and key overrides from the config file."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("P", "pick_profile", "Profiles", key_display="P", id="profiles"),
    ]

    _remembered_theme: str | None = None

    async def on_mount(self) -> None:
        # Textual calls every class's on_mount along the MRO: no super() call.
        config = self.settings.config
        if config.keys:
            self.set_keymap(dict(config.keys))
        self._apply_start_theme(config.ui.theme)
        self.theme_changed_signal.subscribe(self, self._theme_changed)

    # --- the header -----------------------------------------------------------------------

    def _show_server(self, url: str | None) -> None:
        """The subtitle names the profile in force and says read-only, before the server.

        The server's URL goes last: a narrow header cuts its end, and the URL is the part a
        person can best do without (the profile names it).
        """
        super()._show_server(url)
        settings = self.settings
        facts = [settings.profile or "", "read-only" if settings.read_only else ""]
        self.sub_title = " · ".join(part for part in (*facts, self.sub_title) if part)

    # --- profiles -----------------------------------------------------------------------

    @property
    def profile_names(self) -> list[str]:
        return sorted(self.settings.config.profiles)

    def _profile_help(self, name: str) -> str:
        profile = self.settings.config.profiles[name]
        where = "embedded emulator" if profile.demo else (profile.base_url or "api.openai.com")
        flags = [where]
        if profile.read_only:
            flags.append("read-only")
        if name == self.settings.profile:
            flags.append("current")
        return " · ".join(flags)

    def _profile_commands(self) -> list[tuple[str, partial[None], str]]:
        return [
            (
                f"Switch profile: {name}",
                partial(self.action_switch_profile, name),
                self._profile_help(name),
            )
            for name in self.profile_names
        ]

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for title, callback, help_text in self._profile_commands():
            yield SystemCommand(title, help_text, callback)

    def action_pick_profile(self) -> None:
        commands = self._profile_commands()
        if not commands:
            where = self.settings.config_path or "the config file"
            self.notify(
                f"No profiles yet: add a [profiles.NAME] table to {where}", title="Profiles"
            )
            return
        self.search_commands(commands, placeholder="Switch to profile…")

    def action_switch_profile(self, name: str) -> None:
        try:
            settings = switch_profile(self.settings, name)
        except (ConfigError, ValidationError) as error:
            self.notify(_one_line(error), title=f"Profile {name}", severity="error")
            return
        self._restart_feed(settings)

    @work(exclusive=True, group="profile")
    async def _restart_feed(self, settings: Settings) -> None:
        """Stop the feed, forget its jobs, and run it again against ``settings``' server."""
        for worker in self.workers.cancel_group(self, "feed"):
            with contextlib.suppress(WorkerCancelled, WorkerFailed):
                await worker.wait()
        if self.emulator is not None:
            emulator, self.emulator = self.emulator, None
            await asyncio.to_thread(emulator.stop)
        self.poller = None
        self.client = None
        # One removal change: the table, the counts and every feature hear it like any other.
        self.apply_change(self.store.remove_many(list(self.store.ordered_ids())))
        self.settings = settings
        self.dashboard_screen.query_one(StatusLine).demo = settings.runs_demo
        self._show_server(None if settings.runs_demo else settings.base_url)
        self.refresh_bindings()  # read-only may have changed what is allowed
        self.run_feed()
        self.notify(f"Switched to profile {settings.profile}", title="Profiles", timeout=2)

    # --- theme --------------------------------------------------------------------------

    def _apply_start_theme(self, theme: str | None) -> None:
        if theme is None:
            return
        if theme not in self.available_themes:
            known = ", ".join(sorted(self.available_themes))
            self.notify(
                f"Theme {theme!r} from the config file is not available; themes: {known}",
                title="Config",
                severity="warning",
            )
            return
        self._remembered_theme = theme
        self.theme = theme

    def _theme_changed(self, theme: Theme) -> None:
        if theme.name != self._remembered_theme and self.settings.config_path is not None:
            self._write_theme(theme.name)

    @work(exclusive=True, group="remember-theme")
    async def _write_theme(self, name: str) -> None:
        await asyncio.sleep(THEME_WRITE_DELAY)  # a newer choice cancels this one (exclusive)
        path = self.settings.config_path
        if path is None:
            return
        try:
            await asyncio.to_thread(remember_theme, path, name)
        except (ConfigError, OSError, ValueError) as error:
            self.notify(_one_line(error), title="Theme not remembered", severity="warning")
            return
        self._remembered_theme = name


def _one_line(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return "; ".join(
            f"{'.'.join(map(str, p['loc']))}: {p['msg']}" for p in error.errors(include_input=False)
        )
    return str(error)
