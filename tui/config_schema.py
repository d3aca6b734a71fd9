"""What a config file may say: its tables and keys, validated by pydantic (see ``config`` to read one).

Loaded only when there is a file to validate: building these models is most of what importing
pydantic costs (~100 ms), and most starts have no config file.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    ValidationInfo,
    field_validator,
    model_validator,
)

from tui.base_url import normalise_base_url
from tui.contract import PAGE_LIMIT_MAX, PAGE_SIZE_MIN

_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# The validation context's key for the file's profile names: a fleet's names are checked against
# them where the fleet is written, so the error names the fleet's line (tui/config.py passes it).
KNOWN_PROFILES = "known_profiles"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Profile(_Section):
    """One server to talk to. Unset fields fall back to the environment, then the defaults."""

    base_url: str | None = None
    # The NAME of an environment variable holding the key; "" means "this server needs no key".
    api_key_env: str | None = None
    organization: str | None = None
    project: str | None = None
    read_only: bool = False
    demo: bool = False

    @field_validator("base_url")
    @classmethod
    def _base_url(cls, value: str | None) -> str | None:
        return None if value is None else normalise_base_url(value)

    @field_validator("api_key_env")
    @classmethod
    def _env_name(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return value
        if value.startswith("sk-") or not _ENV_NAME.fullmatch(value):
            # Never echo the value: it may be the key itself, pasted in the wrong place.
            raise ValueError(
                "must be the NAME of an environment variable (like OPENAI_API_KEY), not a key"
            )
        return value


class UiConfig(_Section):
    theme: str | None = None
    page_size: int | None = Field(default=None, ge=PAGE_SIZE_MIN, le=PAGE_LIMIT_MAX)
    # notify-send when a followed job finishes (off by default: not every desktop has it).
    desktop_notifications: bool | None = None


class PollConfig(_Section):
    fast_interval: float | None = Field(default=None, gt=0)
    slow_interval: float | None = Field(default=None, gt=0)


class HistoryConfig(_Section):
    """The local history of jobs (tui/history/): on unless ``enabled = false``."""

    enabled: StrictBool | None = None
    # Jobs not seen on the server for this many days are pruned; unset: kept for ever.
    keep_days: StrictInt | None = Field(default=None, gt=0)


class FleetConfig(_Section):
    """Profiles run together: ``[fleet]`` (the fleet when no --profile is given; it beats
    ``default_profile``) or ``[fleets.NAME]`` (chosen with ``--fleet NAME``). The first profile
    is the default server."""

    profiles: list[str]

    @field_validator("profiles")
    @classmethod
    def _profiles(cls, value: list[str], info: ValidationInfo) -> list[str]:
        if not value:
            raise ValueError("an empty fleet: name at least one [profiles.NAME]")
        twice = next((name for number, name in enumerate(value) if name in value[:number]), None)
        if twice is not None:
            raise ValueError(f"profile {twice!r} is named twice")
        known = (info.context or {}).get(KNOWN_PROFILES)
        if known is not None:
            check_known(value, known)
        return value


def check_known(names: list[str], known: Collection[str]) -> None:
    """Raise ValueError for the first of ``names`` that is not a profile of the file."""
    unknown = next((name for name in names if name not in known), None)
    if unknown is not None:
        listed = ", ".join(sorted(known)) or "none defined"
        raise ValueError(f"no [profiles.{unknown}] table for {unknown!r} (profiles: {listed})")


class AppConfig(_Section):
    """The whole file. Every section is optional; a missing file is an empty config."""

    default_profile: str | None = None
    profiles: dict[str, Profile] = {}
    fleet: FleetConfig | None = None
    fleets: dict[str, FleetConfig] = {}
    ui: UiConfig = UiConfig()
    poll: PollConfig = PollConfig()
    history: HistoryConfig = HistoryConfig()
    # Binding id → keys, as Textual's App.set_keymap takes them ("f5", "ctrl+r,f5").
    keys: dict[str, str] = {}

    @field_validator("keys")
    @classmethod
    def _keys(cls, value: dict[str, str]) -> dict[str, str]:
        empty = [binding for binding, keys in value.items() if not keys.strip()]
        if empty:
            raise ValueError(f"no key given for {', '.join(empty)}")
        return value

    @model_validator(mode="after")
    def _default_exists(self) -> AppConfig:
        if self.default_profile is not None and self.default_profile not in self.profiles:
            known = ", ".join(sorted(self.profiles)) or "none defined"
            raise ValueError(
                f"default_profile {self.default_profile!r} is not a [profiles.NAME] table "
                f"(profiles: {known})"
            )
        return self

    @model_validator(mode="after")
    def _fleets_known(self) -> AppConfig:
        """A config built in code (no file, no context): its fleets name its profiles too."""
        for fleet in (self.fleet, *self.fleets.values()):
            if fleet is not None:
                check_known(fleet.profiles, self.profiles)
        return self
