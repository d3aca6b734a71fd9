"""One validated Settings object: flags, then environment, then the config file, then defaults.

Precedence per value: flags > environment > profile/config > defaults, where choosing a profile
explicitly (``--profile NAME`` or the in-app switch) counts as a flag. A key goes only where it was
paired: a profile's own server gets the key its ``api_key_env`` names (or none), never
``$OPENAI_API_KEY`` meant for another server.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator

from tui.config import AppConfig, ConfigError, Profile, normalise_base_url
from tui.contract import PAGE_LIMIT_MAX, PAGE_SIZE_MIN

DEFAULT_BASE_URL = "https://api.openai.com/v1"


class Settings(BaseModel):
    """What the dashboard needs to run. The key is a SecretStr: repr and dumps show '**********'."""

    model_config = ConfigDict(frozen=True)

    base_url: str = DEFAULT_BASE_URL
    api_key: SecretStr | None = None
    organization: str | None = None
    project: str | None = None
    demo: bool = False
    read_only: bool = False
    desktop_notifications: bool = False
    page_size: int = Field(default=50, ge=PAGE_SIZE_MIN, le=PAGE_LIMIT_MAX)
    fast_interval: float = Field(default=2.0, gt=0)
    slow_interval: float = Field(default=15.0, gt=0)
    timeout: float = Field(default=20.0, gt=0)
    # Where these settings came from: the profile in force, the config file and what it holds.
    profile: str | None = None
    config_path: Path | None = None
    config: AppConfig = AppConfig()
    # --read-only was given: every profile switched to stays read-only.
    always_read_only: bool = False

    @field_validator("base_url")
    @classmethod
    def _base_url(cls, value: str) -> str:
        return normalise_base_url(value)

    @property
    def key(self) -> str | None:
        return self.api_key.get_secret_value() if self.api_key else None

    @property
    def runs_demo(self) -> bool:
        """Demo mode: asked for, or neither a key nor a server of one's own to talk to."""
        return self.demo or (self.api_key is None and self.base_url == DEFAULT_BASE_URL)


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
    values: dict[str, object] = {
        "base_url": base_url or env.get("OPENAI_BASE_URL") or DEFAULT_BASE_URL,
        "api_key": SecretStr(key) if key else None,
        "organization": env.get("OPENAI_ORG_ID") or None,
        "project": env.get("OPENAI_PROJECT_ID") or None,
        "demo": demo,
    }
    if page_size is not None:
        values["page_size"] = page_size
    return Settings.model_validate(values)


def resolve_settings(
    config: AppConfig,
    *,
    profile: str | None = None,
    base_url: str | None = None,
    demo: bool = False,
    page_size: int | None = None,
    read_only: bool = False,
    config_path: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> Settings:
    """Settings from flags, the environment, ``config`` (and its profile ``profile``), defaults.

    Raises ConfigError for an unknown profile or a profile whose key variable is not set.
    """
    env = os.environ if env is None else env
    explicit = profile is not None
    name = profile if explicit else config.default_profile
    chosen = _profile(config, name, config_path) if name is not None else Profile()
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
    values: dict[str, object] = {
        "base_url": resolved_base or DEFAULT_BASE_URL,
        "api_key": SecretStr(key) if key else None,
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
    for field, value in (
        ("page_size", page_size if page_size is not None else config.ui.page_size),
        ("fast_interval", config.poll.fast_interval),
        ("slow_interval", config.poll.slow_interval),
        ("desktop_notifications", config.ui.desktop_notifications),
    ):
        if value is not None:
            values[field] = value
    return Settings.model_validate(values)


def switch_profile(current: Settings, name: str, env: Mapping[str, str] | None = None) -> Settings:
    """``current`` moved to profile ``name``: its server, key and read-only; the rest kept."""
    target = resolve_settings(
        current.config,
        profile=name,
        read_only=current.always_read_only,
        config_path=current.config_path,
        env=env,
    )
    kept = {"page_size", "fast_interval", "slow_interval", "timeout"}
    return target.model_copy(update={field: getattr(current, field) for field in kept})


def _profile(config: AppConfig, name: str, config_path: Path | None) -> Profile:
    if name not in config.profiles:
        where = str(config_path) if config_path else "the config file"
        known = ", ".join(sorted(config.profiles)) or "none defined"
        raise ConfigError(f"no profile {name!r} in {where} (profiles: {known})")
    return config.profiles[name]


def _key(
    env: Mapping[str, str],
    name: str | None,
    chosen: Profile,
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
