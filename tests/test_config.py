"""The config file: validated with errors that name the line, keys refused, precedence, theme writes."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tui.cli import main
from tui.config import (
    AppConfig,
    ConfigError,
    config_path,
    load_config,
    parse_config,
    remember_theme,
)
from tui.settings import DEFAULT_BASE_URL, resolve_settings, switch_profile

SENTINEL = "sk-SENTINEL-never-print-0123456789"

VALID = """\
# sora-tui config
default_profile = "local"

[profiles.work]
base_url = "https://api.openai.com/v1"
api_key_env = "WORK_OPENAI_KEY"
organization = "org-work"
project = "proj_work"
read_only = true

[profiles.local]
base_url = "http://127.0.0.1:8000/v1/"

[profiles.demo]
demo = true

[ui]
theme = "gruvbox"
page_size = 30

[poll]
fast_interval = 1.5
slow_interval = 30

[keys]
refresh = "f5"
quit = "ctrl+q"

[history]
enabled = true
keep_days = 90
"""


def test_a_valid_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(VALID)
    config = load_config(path)
    assert config.default_profile == "local"
    assert sorted(config.profiles) == ["demo", "local", "work"]
    assert config.profiles["local"].base_url == "http://127.0.0.1:8000/v1"
    assert config.profiles["work"].read_only and config.profiles["demo"].demo
    assert (config.ui.theme, config.ui.page_size) == ("gruvbox", 30)
    assert (config.poll.fast_interval, config.poll.slow_interval) == (1.5, 30)
    assert config.keys == {"refresh": "f5", "quit": "ctrl+q"}
    assert (config.history.enabled, config.history.keep_days) == (True, 90)


def test_no_file_is_an_empty_config(tmp_path: Path) -> None:
    assert load_config(tmp_path / "nothing.toml") == AppConfig()


@pytest.mark.parametrize(
    ("replace", "by", "message"),
    [
        (
            "fast_interval = 1.5",
            "fast_interval = 0",
            "line 22: poll.fast_interval: Input should be greater than 0",
        ),
        (
            "page_size = 30",
            "page_size = 500",
            "line 19: ui.page_size: Input should be less than or equal to 100",
        ),
        (
            'base_url = "http://127.0.0.1:8000/v1/"',
            'base_url = "ftp://x"',
            "line 12: profiles.local.base_url: base URL must be an http(s) URL",
        ),
        (
            "read_only = true",
            'read_only = "maybe"',
            "line 9: profiles.work.read_only: Input should be a valid boolean",
        ),
        ("[ui]", "[ui]\ncolour = 'red'", "line 18: ui.colour: Extra inputs are not permitted"),
        (
            'default_profile = "local"',
            'default_profile = "nope"',
            "default_profile 'nope' is not a [profiles.NAME] table",
        ),
        ('refresh = "f5"', 'refresh = ""', "line 25: keys: no key given for refresh"),
        (
            'api_key_env = "WORK_OPENAI_KEY"',
            f'api_key_env = "{SENTINEL}"',
            "line 6: profiles.work.api_key_env: must be the NAME of an environment variable",
        ),
        (
            "keep_days = 90",
            "keep_days = 0",
            "line 31: history.keep_days: Input should be greater than 0",
        ),
        (
            "keep_days = 90",
            'keep_days = "90d"',
            "line 31: history.keep_days: Input should be a valid integer",
        ),
        (
            "keep_days = 90",
            "keep_days = true",
            "line 31: history.keep_days: Input should be a valid integer",
        ),
        (
            "enabled = true",
            'enabled = "no"',
            "line 30: history.enabled: Input should be a valid boolean",
        ),
        (
            "[history]",
            "[history]\nkeep = 3",
            "line 30: history.keep: Extra inputs are not permitted",
        ),
    ],
)
def test_each_problem_names_its_line(replace: str, by: str, message: str) -> None:
    assert replace in VALID
    with pytest.raises(ConfigError) as error:
        parse_config(VALID.replace(replace, by), name="config.toml")
    assert message in str(error.value)
    assert SENTINEL not in str(error.value)
    if message.startswith("line"):
        assert str(error.value).startswith(f"config.toml {message}")


def test_syntax_errors_carry_line_and_column() -> None:
    with pytest.raises(ConfigError, match=r"config.toml: .*line 3, column"):
        parse_config('[ui]\ntheme = "x"\npage_size = = 3\n', name="config.toml")


def test_an_api_key_in_the_file_is_refused_without_showing_it() -> None:
    text = VALID.replace("[profiles.local]\n", f'[profiles.local]\napi_key = "{SENTINEL}"\n')
    with pytest.raises(ConfigError) as error:
        parse_config(text, name="config.toml")
    shown = str(error.value)
    assert shown.startswith("config.toml line 12: profiles.local.api_key: API keys do not belong")
    assert "api_key_env" in shown and SENTINEL not in shown


def test_config_location(tmp_path: Path) -> None:
    assert (
        config_path(env={"XDG_CONFIG_HOME": str(tmp_path)}) == tmp_path / "sora-tui" / "config.toml"
    )
    assert config_path(env={"SORA_TUI_CONFIG": str(tmp_path / "a.toml")}) == tmp_path / "a.toml"
    assert config_path(tmp_path / "b.toml", env={"SORA_TUI_CONFIG": "x"}) == tmp_path / "b.toml"


# --- precedence: flags > environment > profile/config > defaults --------------------------

CONFIG = parse_config(VALID)
ENV = {"WORK_OPENAI_KEY": SENTINEL}


def test_defaults_then_config() -> None:
    settings = resolve_settings(AppConfig(), env={})
    assert (settings.base_url, settings.page_size, settings.fast_interval) == (
        DEFAULT_BASE_URL,
        50,
        2.0,
    )
    assert settings.runs_demo
    settings = resolve_settings(CONFIG, env={})
    assert settings.profile == "local" and settings.base_url == "http://127.0.0.1:8000/v1"
    assert (settings.page_size, settings.fast_interval, settings.slow_interval) == (30, 1.5, 30)
    assert (
        settings.api_key is None and not settings.runs_demo
    )  # a keyless local server, not the demo


def test_environment_beats_the_default_profile() -> None:
    settings = resolve_settings(
        CONFIG, env={"OPENAI_BASE_URL": "http://env.example/v1", "OPENAI_API_KEY": "sk-env"}
    )
    assert (settings.base_url, settings.key) == ("http://env.example/v1", "sk-env")


def test_the_default_profiles_server_never_gets_the_environment_key() -> None:
    settings = resolve_settings(CONFIG, env={"OPENAI_API_KEY": "sk-meant-for-openai"})
    assert settings.base_url == "http://127.0.0.1:8000/v1" and settings.api_key is None


def test_a_chosen_profile_beats_the_environment_and_flags_beat_both() -> None:
    env = {**ENV, "OPENAI_BASE_URL": "http://env.example/v1", "OPENAI_ORG_ID": "org-env"}
    work = resolve_settings(CONFIG, profile="work", env=env)
    assert (work.base_url, work.key, work.organization, work.project) == (
        DEFAULT_BASE_URL,
        SENTINEL,
        "org-work",
        "proj_work",
    )
    assert work.read_only
    flagged = resolve_settings(
        CONFIG, profile="work", base_url="http://flag.example/v1", page_size=7, env=env
    )
    assert (flagged.base_url, flagged.page_size) == ("http://flag.example/v1", 7)
    assert SENTINEL not in repr(work) + work.model_dump_json()


def test_a_profile_whose_key_variable_is_unset_says_so() -> None:
    with pytest.raises(
        ConfigError, match="profile 'work': the environment variable WORK_OPENAI_KEY is not set"
    ):
        resolve_settings(CONFIG, profile="work", env={})


def test_unknown_profile_lists_the_known_ones() -> None:
    with pytest.raises(ConfigError, match=r"no profile 'nope' .*profiles: demo, local, work"):
        resolve_settings(CONFIG, profile="nope", env={})


def test_switching_keeps_session_values_and_forced_read_only() -> None:
    start = resolve_settings(CONFIG, profile="demo", read_only=True, page_size=9, env=ENV)
    assert start.runs_demo and start.read_only
    local = switch_profile(start, "local", env=ENV)
    assert (local.profile, local.base_url, local.page_size, local.read_only) == (
        "local",
        "http://127.0.0.1:8000/v1",
        9,
        True,
    )
    writable = switch_profile(resolve_settings(CONFIG, profile="work", env=ENV), "local", env=ENV)
    assert not writable.read_only  # read-only belonged to the work profile only


def test_cli_reports_a_bad_file_and_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(VALID.replace("fast_interval = 1.5", "fast_interval = -1"))
    assert main(["--config", str(path), "list"]) == 2
    assert capsys.readouterr().err == (
        f"sora-tui: {path} line 22: poll.fast_interval: Input should be greater than 0\n"
    )
    assert main(["--config", str(tmp_path / "missing.toml"), "list"]) == 2
    assert "no such file" in capsys.readouterr().err


# --- the theme the app remembers ------------------------------------------------------------


def test_remember_theme_edits_only_the_theme(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(VALID)
    remember_theme(path, "nord")
    text = path.read_text()
    assert text.replace('theme = "nord"', 'theme = "gruvbox"') == VALID  # comments and order kept
    assert load_config(path).ui.theme == "nord"


def test_remember_theme_adds_the_key_or_the_table(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[ui]\npage_size = 10\n\n[poll]\nfast_interval = 1\n")
    remember_theme(path, "dracula")
    assert tomllib.loads(path.read_text()) == {
        "ui": {"page_size": 10, "theme": "dracula"},
        "poll": {"fast_interval": 1},
    }
    fresh = tmp_path / "new" / "sora-tui" / "config.toml"
    remember_theme(fresh, "monokai")
    assert tomllib.loads(fresh.read_text()) == {"ui": {"theme": "monokai"}}


def test_remember_theme_refuses_an_edit_it_cannot_make_safely(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    original = "ui = { page_size = 10 }\n"
    path.write_text(original)
    with pytest.raises(ConfigError, match="set theme"):
        remember_theme(path, "nord")
    assert path.read_text() == original


def test_desktop_notifications_come_from_the_ui_section() -> None:
    assert resolve_settings(parse_config("", name="c"), env={}).desktop_notifications is False
    enabled = parse_config("[ui]\ndesktop_notifications = true\n", name="c")
    assert resolve_settings(enabled, env={}).desktop_notifications is True


# --- the history: [history] in the file, --no-history on the command line ------------------


def test_the_history_follows_the_file_and_the_flag_beats_it() -> None:
    on = resolve_settings(CONFIG, env={})
    assert (on.history, on.history_keep_days) == (True, 90)
    off = resolve_settings(parse_config("[history]\nenabled = false\n"), env={})
    assert (off.history, off.history_keep_days) == (False, None)
    flagged = resolve_settings(CONFIG, history=False, env={})
    assert (flagged.history, flagged.history_keep_days) == (False, 90)
    assert resolve_settings(None, env={}).history  # no file: on
    assert not switch_profile(flagged, "demo", env=ENV).history  # the flag outlives a switch


def test_no_history_flag_works_before_and_after_the_command() -> None:
    from tui.cli import build_parser, settings_from

    for argv in (["--no-history", "list"], ["list", "--no-history"], ["show", "x", "--no-history"]):
        assert not settings_from(build_parser().parse_args(argv)).history, argv
    assert settings_from(build_parser().parse_args(["list"])).history


# --- fleets: [fleet] (the default set) and [fleets.NAME] (--fleet NAME) ---------------------

FLEETS = """\
[profiles.a]
base_url = "http://127.0.0.1:8001/v1"
api_key_env = ""

[profiles.b]
base_url = "http://127.0.0.1:8002/v1"
api_key_env = "B_KEY"

[fleet]
profiles = ["a", "b"]

[fleets.gpu]
profiles = [
    "b",
    "a",
]
"""


def test_fleets_load_in_the_order_written() -> None:
    config = parse_config(FLEETS)
    assert config.fleet is not None and config.fleet.profiles == ["a", "b"]
    assert {name: fleet.profiles for name, fleet in config.fleets.items()} == {"gpu": ["b", "a"]}
    assert parse_config("").fleet is None and parse_config("").fleets == {}


@pytest.mark.parametrize(
    ("replace", "by", "message"),
    [
        (
            'profiles = ["a", "b"]',
            'profiles = ["a", "nope"]',
            "line 10: fleet.profiles: no [profiles.nope] table for 'nope' (profiles: a, b)",
        ),
        (
            'profiles = ["a", "b"]',
            "profiles = []",
            "line 10: fleet.profiles: an empty fleet: name at least one [profiles.NAME]",
        ),
        (
            'profiles = ["a", "b"]',
            'profiles = ["a", "b", "a"]',
            "line 10: fleet.profiles: profile 'a' is named twice",
        ),
        (
            '    "a",\n]',
            '    "a",\n    "b",\n]',
            "line 13: fleets.gpu.profiles: profile 'b' is named twice",
        ),
        (
            '    "b",\n',
            '    "gone",\n',
            "line 13: fleets.gpu.profiles: no [profiles.gone] table for 'gone'",
        ),
        ('profiles = ["a", "b"]', 'profiles = "a"', "line 10: fleet.profiles: Input should be a"),
        ('profiles = ["a", "b"]', 'members = ["a"]', "line 10: fleet.members: Extra inputs"),
        ("[fleets.gpu]\nprofiles = [", "[fleets.gpu]\nprofile = [", "line 12: fleets.gpu.profile"),
    ],
)
def test_each_fleet_problem_names_its_line(replace: str, by: str, message: str) -> None:
    assert replace in FLEETS
    with pytest.raises(ConfigError) as error:
        parse_config(FLEETS.replace(replace, by), name="config.toml")
    lines = str(error.value).splitlines()  # one line a problem, each naming its line
    assert any(line.startswith(f"config.toml {message}") for line in lines), lines


def test_a_fleet_built_in_code_names_known_profiles_too() -> None:
    from pydantic import ValidationError

    from tui.config_schema import FleetConfig

    with pytest.raises(ValidationError, match="no \\[profiles.x\\] table for 'x'"):
        AppConfig(fleet=FleetConfig(profiles=["x"]))


def test_cli_reports_a_bad_fleet_with_its_line_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(FLEETS.replace('["a", "b"]', '["a", "c"]'))
    assert main(["--config", str(path), "list"]) == 2
    assert capsys.readouterr().err == (
        f"sora-tui: {path} line 10: fleet.profiles: no [profiles.c] table for 'c' "
        "(profiles: a, b)\n"
    )
