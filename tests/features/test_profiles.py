"""Profiles, the remembered theme and key overrides, driven through the app with the Pilot."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from textual.pilot import Pilot

from tests.waiting import wait_until
from tui.app import SoraApp
from tui.cli import build_parser, settings_from
from tui.config import load_config
from tui.emulator import EmulatorConfig, EmulatorServer
from tui.features.profiles import Profiles
from tui.settings import Settings


def _App(settings: Settings, **options: Any) -> SoraApp:
    return SoraApp(settings, features=(Profiles,), **options)


@pytest.fixture(autouse=True)
def config_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The config file lives in a temporary config dir, found the way the CLI finds it."""
    for name in (
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "OPENAI_ORG_ID",
        "OPENAI_PROJECT_ID",
        "SORA_TUI_CONFIG",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    return tmp_path / "sora-tui" / "config.toml"


def write_config(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def cli_settings(*argv: str) -> Settings:
    """Settings exactly as `sora-tui ARGV` would build them."""
    return settings_from(build_parser().parse_args(list(argv)))


async def wait_for(
    pilot: Pilot[None], condition: Callable[[], object], what: str, timeout: float = 10
) -> None:
    await wait_until(condition, timeout, what, pilot=pilot)


def server_ids(server: EmulatorServer) -> set[str]:
    return {job["id"] for job in server.world.snapshot()}


def header_text(app: SoraApp) -> str:
    """The painted line of the header's title (between its icon and its clock)."""
    return app.query_one("Header HeaderTitle").render_line(0).text.strip()


async def test_header_names_the_profile_and_says_read_only(
    config_home: Path, emulator: EmulatorServer
) -> None:
    write_config(
        config_home,
        f'[profiles.work]\nbase_url = "{emulator.base_url}"\nread_only = true\n',
    )
    app = _App(cli_settings("--profile", "work"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.sub_title == f"work · read-only · {app.settings.base_url}"
        # The URL goes last: a narrow header cuts it before the profile and read-only.
        assert header_text(app).startswith("sora-tui — work · read-only · http://127.0.0.1:")


async def test_header_says_read_only_from_the_flag_without_a_profile(
    emulator: EmulatorServer,
) -> None:
    app = _App(cli_settings("--base-url", emulator.base_url, "--read-only"))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.settings.profile is None
        assert header_text(app) == f"sora-tui — read-only · {app.settings.base_url}"


async def test_header_without_a_profile_shows_only_the_server(emulator: EmulatorServer) -> None:
    app = _App(cli_settings("--base-url", emulator.base_url))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.sub_title == app.settings.base_url
        assert header_text(app) == f"sora-tui — {app.settings.base_url}"


async def test_keymap_override_moves_a_binding(config_home: Path, emulator: EmulatorServer) -> None:
    write_config(
        config_home,
        f'[profiles.emu]\nbase_url = "{emulator.base_url}"\n\n[keys]\npause = "f6"\n',
    )
    app = _App(cli_settings("--profile", "emu"))
    async with app.run_test() as pilot:
        await wait_for(
            pilot, lambda: app.poller is not None and len(app.store) > 0, "the first page"
        )
        await pilot.press("p")
        await pilot.pause()
        assert app.poller is not None and app.poller.report.state != "paused"  # "p" is free now
        await pilot.press("f6")
        await wait_for(
            pilot, lambda: app.poller is not None and app.poller.report.state == "paused", "pause"
        )


async def test_theme_is_remembered_across_runs(config_home: Path, emulator: EmulatorServer) -> None:
    write_config(config_home, f'# mine\n[profiles.emu]\nbase_url = "{emulator.base_url}"\n')
    first = _App(cli_settings("--profile", "emu"))
    async with first.run_test() as pilot:
        assert first.theme != "nord"
        first.theme = "nord"
        await wait_for(
            pilot, lambda: load_config(config_home).ui.theme == "nord", "the theme written"
        )
    assert config_home.read_text().startswith("# mine\n")  # the user's file is edited, not replaced

    second = _App(cli_settings("--profile", "emu"))
    async with second.run_test() as pilot:
        await pilot.pause()
        assert second.theme == "nord"


async def test_switch_profile_from_the_palette_shows_the_other_servers_jobs(
    config_home: Path, make_emulator: Callable[..., EmulatorServer]
) -> None:
    other = make_emulator(jobs=6, seed=11, manual_clock=True)
    write_config(
        config_home,
        f'default_profile = "play"\n\n[profiles.play]\ndemo = true\n\n'
        f'[profiles.other]\nbase_url = "{other.base_url}"\nread_only = true\n',
    )
    app = _App(cli_settings(), demo_config=EmulatorConfig(jobs=9, seed=5, manual_clock=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: len(app.store) == 9, "the demo's jobs")
        demo = app.link.emulator
        assert demo is not None and app.settings.profile == "play"
        assert app.sub_title == f"play · DEMO · embedded emulator at {demo.base_url}"

        await pilot.press("ctrl+p")
        await pilot.press(*"Switch profile: other")
        await pilot.pause(0.3)
        await pilot.press("enter")

        await wait_for(
            pilot, lambda: {v.id for v in app.store} == server_ids(other), "the other server's jobs"
        )
        assert app.settings.profile == "other" and app.settings.read_only
        assert app.sub_title == f"other · read-only · {app.settings.base_url}"
        assert app.link.emulator is None
        async with httpx.AsyncClient(timeout=1) as http:
            with pytest.raises(httpx.TransportError):  # the demo emulator stopped when we left it
                await http.get(f"{demo.base_url}/videos")
        assert set(app.view_ids()) == server_ids(other)


async def test_picker_lists_profiles_and_switches(
    config_home: Path, make_emulator: Callable[..., EmulatorServer]
) -> None:
    first, second = (
        make_emulator(jobs=4, seed=1, manual_clock=True),
        make_emulator(jobs=5, seed=2, manual_clock=True),
    )
    write_config(
        config_home,
        f'[profiles.alpha]\nbase_url = "{first.base_url}"\n\n[profiles.beta]\nbase_url = "{second.base_url}"\n',
    )
    app = _App(cli_settings("--profile", "alpha"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(
            pilot, lambda: {v.id for v in app.store} == server_ids(first), "alpha's jobs"
        )
        assert header_text(app) == f"sora-tui — alpha · {app.settings.base_url}"
        await pilot.press("P")
        await pilot.press(*"beta")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(
            pilot, lambda: {v.id for v in app.store} == server_ids(second), "beta's jobs"
        )
        assert app.settings.base_url == second.base_url
        await pilot.pause()
        assert header_text(app) == f"sora-tui — beta · {second.base_url}"


async def test_switching_to_a_profile_without_its_key_keeps_the_feed(
    config_home: Path, make_emulator: Callable[..., EmulatorServer]
) -> None:
    server = make_emulator(jobs=3, seed=4, manual_clock=True)
    write_config(
        config_home,
        f'[profiles.here]\nbase_url = "{server.base_url}"\n\n'
        f'[profiles.work]\napi_key_env = "SORA_TEST_UNSET_KEY"\n',
    )
    app = _App(cli_settings("--profile", "here"))
    async with app.run_test() as pilot:
        await wait_for(pilot, lambda: len(app.store) == 3, "the jobs")
        app.feature(Profiles).switch_to("work")
        await pilot.pause()
        assert app.settings.profile == "here" and len(app.store) == 3
        assert any("SORA_TEST_UNSET_KEY is not set" in n.message for n in app._notifications)


async def test_profiles_binding_is_in_help(config_home: Path, emulator: EmulatorServer) -> None:
    from tui.widgets.help_screen import HelpScreen

    app = _App(Settings(base_url=emulator.base_url))
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        rows = [(row.keys, row.description) for group in screen.groups for row in group.rows]
        assert ("P", "Profiles") in rows
