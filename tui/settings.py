"""One validated Settings object: flags, then environment, then the config file, then defaults.

Precedence per value: flags > environment > profile/config > defaults, where choosing a profile
explicitly (``--profile NAME`` or the in-app switch) counts as a flag. A key goes only where it was
paired: a profile's own server gets the key its ``api_key_env`` names (or none), never
``$OPENAI_API_KEY`` meant for another server. A Settings is one server: a fleet of several is a
Settings per profile (``tui.fleet``).
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from tui.base_url import normalise_base_url
from tui.config_errors import ConfigError
from tui.contract import PAGE_LIMIT_MAX, PAGE_SIZE_MIN

if TYPE_CHECKING:
    from tui.config_schema import AppConfig, Profile

DEFAULT_BASE_URL = "https://api.openai.com/v1"


class SettingsError(ValueError):
    """A value Settings refuses; ``str()`` names the field: ``page_size: must be 1..100``."""


class SecretValue(Protocol):
    """A key that does not show itself (``Secret``, or pydantic's ``SecretStr``)."""

    def get_secret_value(self) -> str: ...


class Secret:
    """A key: repr and str show ``'**********'``, never the key."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def get_secret_value(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('**********')"

    def __str__(self) -> str:
        return "**********"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other.get_secret_value() == self._value

    def __hash__(self) -> int:
        return hash(self._value)


@dataclass(frozen=True)
class Settings:
    """What the dashboard needs to run, checked when built (SettingsError).

    A plain frozen dataclass, not a pydantic model: one model at start costs ~100 ms of imports
    and schema building, a third of a bare Textual app's start. It keeps the four pydantic
    methods its callers use (``model_validate``, ``model_copy``, ``model_dump``,
    ``model_dump_json``); an ``api_key`` given as a str is wrapped in a ``Secret``.
    """

    base_url: str = DEFAULT_BASE_URL
    api_key: SecretValue | None = None
    organization: str | None = None
    project: str | None = None
    demo: bool = False
    read_only: bool = False
    desktop_notifications: bool = False
    page_size: int = 50
    fast_interval: float = 2.0
    slow_interval: float = 15.0
    timeout: float = 20.0
    # Where these settings came from: the profile in force, the config file and what it holds
    # (None: no config file was read, and its schema never loaded).
    profile: str | None = None
    config_path: Path | None = None
    config: AppConfig | None = None
    # --read-only was given: every profile switched to stays read-only.
    always_read_only: bool = False
    # The local history (tui/history/): off with --no-history or [history] enabled = false;
    # jobs not seen for history_keep_days are pruned (None: kept for ever).
    history: bool = True
    history_keep_days: int | None = None

    def __post_init__(self) -> None:
        try:
            base_url = normalise_base_url(self.base_url)
        except ValueError as error:
            raise SettingsError(f"base_url: {error}") from None
        object.__setattr__(self, "base_url", base_url)
        if isinstance(self.api_key, str):
            object.__setattr__(self, "api_key", Secret(self.api_key))
        page_size = self.page_size
        if isinstance(page_size, bool) or not isinstance(page_size, int):
            raise SettingsError(f"page_size: must be a whole number, got {page_size!r}")
        if not PAGE_SIZE_MIN <= page_size <= PAGE_LIMIT_MAX:
            raise SettingsError(f"page_size: must be {PAGE_SIZE_MIN}..{PAGE_LIMIT_MAX}")
        for name in ("fast_interval", "slow_interval", "timeout"):
            seconds = getattr(self, name)
            if isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds <= 0:
                raise SettingsError(f"{name}: must be a number of seconds above 0")
            object.__setattr__(self, name, float(seconds))
        days = self.history_keep_days
        if days is not None and (isinstance(days, bool) or not isinstance(days, int) or days < 1):
            raise SettingsError("history_keep_days: must be a whole number of days above 0")

    @classmethod
    def model_validate(cls, values: Mapping[str, Any]) -> Settings:
        return cls(**values)

    def model_copy(self, *, update: Mapping[str, Any] | None = None) -> Settings:
        return dataclasses.replace(self, **(update or {}))

    def model_dump(self) -> dict[str, Any]:
        """Every field; the key stays a ``Secret`` (it shows as stars)."""
        return {field.name: getattr(self, field.name) for field in dataclasses.fields(self)}

    def model_dump_json(self) -> str:
        return json.dumps(self.model_dump(), default=str)

    @property
    def key(self) -> str | None:
        return self.api_key.get_secret_value() if self.api_key else None

    @property
    def keymap(self) -> dict[str, str]:
        """The config file's key overrides (binding id → keys); none without a file."""
        return dict(self.config.keys) if self.config is not None else {}

    @property
    def runs_demo(self) -> bool:
        """Demo mode: asked for, or neither a key nor a server of one's own to talk to."""
        return self.demo or (self.api_key is None and self.base_url == DEFAULT_BASE_URL)


@dataclass(frozen=True)
class _NoProfile:
    """What no profile says: every value falls back to the environment, then the defaults."""

    base_url: str | None = None
    api_key_env: str | None = None
    organization: str | None = None
    project: str | None = None
    read_only: bool = False
    demo: bool = False


def from_sources(
    *,
    base_url: str | None = None,
    demo: bool = False,
    page_size: int | None = None,
    env: Mapping[str, str] | None = None,
) -> Settings:
    """Build Settings from command-line values first, then the environment, then defaults."""
    env = os.environ if env is None else env
    key = env.get("OPENAI_API_KEY") or None
    values: dict[str, Any] = {
        "base_url": base_url or env.get("OPENAI_BASE_URL") or DEFAULT_BASE_URL,
        "api_key": Secret(key) if key else None,
        "organization": env.get("OPENAI_ORG_ID") or None,
        "project": env.get("OPENAI_PROJECT_ID") or None,
        "demo": demo,
    }
    if page_size is not None:
        values["page_size"] = page_size
    return Settings(**values)  # the types are checked in Settings.__post_init__


def resolve_settings(
    config: AppConfig | None,
    *,
    profile: str | None = None,
    base_url: str | None = None,
    demo: bool = False,
    page_size: int | None = None,
    read_only: bool = False,
    history: bool | None = None,
    config_path: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> Settings:
    """Settings from flags, the environment, ``config`` (and its profile ``profile``), defaults.

    ``config`` None: there is no config file. ``history`` False: --no-history (None: the file's). Raises ConfigError for an unknown profile or a
    profile whose key variable is not set.
    """
    env = os.environ if env is None else env
    explicit = profile is not None
    name = profile if explicit else (config.default_profile if config is not None else None)
    chosen = _profile(config, name, config_path) if name is not None else _NoProfile()
    env_base = env.get("OPENAI_BASE_URL") or None
    ordered = (
        [base_url, chosen.base_url, env_base] if explicit else [base_url, env_base, chosen.base_url]
    )
    resolved_base = next((url for url in ordered if url), None)
    base_from_profile = (
        resolved_base is not None and resolved_base == chosen.base_url and not base_url
    )
    if explicit or base_from_profile:
        org, project = chosen.organization, chosen.project
        org = org or env.get("OPENAI_ORG_ID") or None
        project = project or env.get("OPENAI_PROJECT_ID") or None
    else:
        org = env.get("OPENAI_ORG_ID") or chosen.organization
        project = env.get("OPENAI_PROJECT_ID") or chosen.project
    key = _key(env, name, chosen, explicit=explicit, base_from_profile=base_from_profile)
    values: dict[str, Any] = {
        "base_url": resolved_base or DEFAULT_BASE_URL,
        "api_key": Secret(key) if key else None,
        "organization": org,
        "project": project,
        # A --base-url flag names a real server: a demo profile does not override it.
        "demo": demo or (chosen.demo and not base_url),
        "read_only": read_only or chosen.read_only,
        "always_read_only": read_only,
        "profile": name,
        "config_path": config_path,
        "config": config,
    }
    if config is not None:
        for field, value in (
            ("page_size", config.ui.page_size),
            ("fast_interval", config.poll.fast_interval),
            ("slow_interval", config.poll.slow_interval),
            ("desktop_notifications", config.ui.desktop_notifications),
            ("history", config.history.enabled),
            ("history_keep_days", config.history.keep_days),
        ):
            if value is not None:
                values[field] = value
    if page_size is not None:  # the flags beat the file
        values["page_size"] = page_size
    if history is not None:
        values["history"] = history
    return Settings(**values)  # the types are checked in Settings.__post_init__


def switch_profile(current: Settings, name: str, env: Mapping[str, str] | None = None) -> Settings:
    """``current`` moved to profile ``name``: its server, key and read-only; the rest kept."""
    target = resolve_settings(
        current.config,
        profile=name,
        read_only=current.always_read_only,
        config_path=current.config_path,
        env=env,
    )
    kept = {"page_size", "fast_interval", "slow_interval", "timeout", "history"}
    return dataclasses.replace(target, **{field: getattr(current, field) for field in kept})


def _profile(config: AppConfig | None, name: str, config_path: Path | None) -> Profile:
    profiles = config.profiles if config is not None else {}
    if name not in profiles:
        where = str(config_path) if config_path else "the config file"
        known = ", ".join(sorted(profiles)) or "none defined"
        raise ConfigError(f"no profile {name!r} in {where} (profiles: {known})")
    return profiles[name]


def _key(
    env: Mapping[str, str],
    name: str | None,
    chosen: Profile | _NoProfile,
    *,
    explicit: bool,
    base_from_profile: bool,
) -> str | None:
    variable = chosen.api_key_env
    if (explicit or base_from_profile) and variable is not None:
        if variable == "":
            return None  # this server needs no key
        key = env.get(variable) or None
        if key is None:
            raise ConfigError(f"profile {name!r}: the environment variable {variable} is not set")
        return key
    if base_from_profile:
        # The profile's own server without a named key variable gets no key: never $OPENAI_API_KEY.
        return None
    return env.get("OPENAI_API_KEY") or (env.get(variable) if variable else None) or None
