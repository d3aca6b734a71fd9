"""Settings come from flags, then the environment, then defaults; the key never shows."""

from __future__ import annotations

import pytest

from tui.config import parse_config
from tui.fleet import Fleet, resolve_fleet
from tui.settings import (
    DEFAULT_BASE_URL,
    Settings,
    SettingsError,
    from_sources,
    resolve_settings,
)

SENTINEL = "sk-SENTINEL-do-not-show-0123456789"


def test_flags_beat_environment_beats_defaults() -> None:
    env = {"OPENAI_BASE_URL": "http://env.example/v1/", "OPENAI_API_KEY": SENTINEL}
    assert from_sources(env=env).base_url == "http://env.example/v1"
    assert (
        from_sources(base_url="http://flag.example/v1", env=env).base_url
        == "http://flag.example/v1"
    )
    assert from_sources(env={}).base_url == DEFAULT_BASE_URL


def test_no_key_means_demo() -> None:
    assert from_sources(env={}).runs_demo
    assert not from_sources(env={"OPENAI_API_KEY": SENTINEL}).runs_demo
    assert from_sources(demo=True, env={"OPENAI_API_KEY": SENTINEL}).runs_demo


def test_org_and_project_from_environment() -> None:
    settings = from_sources(env={"OPENAI_ORG_ID": "org-1", "OPENAI_PROJECT_ID": "proj-2"})
    assert (settings.organization, settings.project) == ("org-1", "proj-2")


def test_key_never_in_repr_or_dump() -> None:
    settings = from_sources(env={"OPENAI_API_KEY": SENTINEL})
    assert settings.key == SENTINEL
    for shown in (
        repr(settings),
        str(settings),
        settings.model_dump_json(),
        str(settings.model_dump()),
    ):
        assert SENTINEL not in shown


def test_bad_base_url_is_refused_clearly() -> None:
    with pytest.raises(SettingsError, match="base_url: base URL must be an http"):
        from_sources(base_url="ftp://x", env={})
    with pytest.raises(SettingsError, match="credentials"):
        from_sources(base_url="http://user:pw@host/v1", env={})


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"page_size": 0}, "page_size: must be 1..100"),
        ({"page_size": 101}, "page_size: must be 1..100"),
        ({"page_size": "20"}, "page_size: must be a whole number"),
        ({"fast_interval": 0}, "fast_interval: must be a number of seconds above 0"),
        ({"slow_interval": -1.0}, "slow_interval: must be a number of seconds above 0"),
        ({"timeout": True}, "timeout: must be a number of seconds above 0"),
        ({"history_keep_days": 0}, "history_keep_days: must be a whole number of days above 0"),
        ({"history_keep_days": True}, "history_keep_days: must be a whole number of days"),
        ({"history_keep_days": 1.5}, "history_keep_days: must be a whole number of days"),
    ],
)
def test_out_of_bounds_values_are_refused_by_name(values: dict[str, object], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        Settings.model_validate(values)


def test_a_key_given_as_text_is_kept_secret() -> None:
    settings = Settings.model_validate({"api_key": SENTINEL, "fast_interval": 1})
    assert settings.key == SENTINEL and SENTINEL not in repr(settings)
    assert settings.fast_interval == 1.0 and isinstance(settings.fast_interval, float)
    copied = settings.model_copy(update={"page_size": 20})
    assert (copied.page_size, copied.key) == (20, SENTINEL)


def test_history_is_on_and_kept_for_ever_by_default() -> None:
    settings = from_sources(env={})
    assert (settings.history, settings.history_keep_days) == (True, None)
    assert Settings(history_keep_days=30).history_keep_days == 30


# --- a fleet: one Settings per profile, each resolved as that profile alone -----------------

FLEET_CONFIG = """\
default_profile = "solo"

[profiles.a]
base_url = "http://127.0.0.1:8001/v1"
api_key_env = "A_KEY"
organization = "org-a"

[profiles.b]
base_url = "http://127.0.0.1:8002/v1"
api_key_env = ""
read_only = true

[profiles.solo]
base_url = "http://127.0.0.1:8009/v1"

[fleet]
profiles = ["b", "a"]

[fleets.one]
profiles = ["a"]
"""
FLEET_ENV = {"A_KEY": SENTINEL, "OPENAI_API_KEY": "sk-meant-for-openai", "OPENAI_ORG_ID": "org-env"}


def test_each_member_resolves_exactly_as_its_profile_alone() -> None:
    config = parse_config(FLEET_CONFIG)
    fleet = resolve_fleet(config, profiles=["a", "b"], page_size=9, env=FLEET_ENV)
    assert fleet.names == ("a", "b") and fleet.many and fleet.chosen_by == "--profile"
    assert fleet.members == tuple(
        resolve_settings(config, profile=name, page_size=9, env=FLEET_ENV) for name in ("a", "b")
    )
    a, b = fleet.members
    assert (a.base_url, a.key, a.organization, a.read_only) == (
        "http://127.0.0.1:8001/v1",
        SENTINEL,
        "org-a",
        False,
    )
    assert (b.base_url, b.key, b.read_only) == ("http://127.0.0.1:8002/v1", None, True)
    assert fleet.default is a and fleet.get("b") is b and fleet.only("b").members == (b,)
    assert SENTINEL not in repr(fleet)


def test_the_files_fleet_beats_default_profile_and_a_flag_beats_both() -> None:
    config = parse_config(FLEET_CONFIG)
    assert resolve_fleet(config, env=FLEET_ENV).names == ("b", "a")  # [fleet], in its order
    assert resolve_fleet(config, profiles=["solo"], env=FLEET_ENV).names == ("solo",)
    assert resolve_fleet(config, fleet="one", env=FLEET_ENV).names == ("a",)
    without = parse_config(FLEET_CONFIG.split("[fleet]")[0])
    alone = resolve_fleet(without, env=FLEET_ENV)
    assert not alone.many and alone.chosen_by == ""
    assert alone.default == resolve_settings(without, env=FLEET_ENV)  # as before fleets
    assert resolve_fleet(None, env={}).default == resolve_settings(None, env={})


def test_a_fleet_names_each_server_once() -> None:
    with pytest.raises(ValueError, match="each profile once"):
        Fleet((Settings(profile="a"), Settings(profile="a")))
    with pytest.raises(ValueError, match="at least one"):
        Fleet(())
