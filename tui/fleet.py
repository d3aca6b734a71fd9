"""The fleet: every server one run talks to, each resolved into its own Settings.

Chosen by ``--profile`` given several times, by ``--fleet NAME`` (a ``[fleets.NAME]`` of the
config file), or by the file's ``[fleet]`` when no ``--profile`` is given. ``--fleet`` with
``--profile`` is refused: both choose the servers, and a script that says both says one thing
too many. Each member resolves exactly as ``--profile NAME`` alone would (its own base URL, key,
organization, project and read-only); ``Settings`` stays one server. With no fleet chosen the
one server resolves as before (the file's ``default_profile``, the environment, the defaults).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tui.config_errors import ConfigError
from tui.job_keys import SEPARATOR
from tui.settings import Settings, resolve_settings

if TYPE_CHECKING:
    from tui.config_schema import AppConfig

UNNAMED = "default"  # the name of the one server when no profile is in force


@dataclass(frozen=True)
class Fleet:
    """Ordered, named Settings: the names are the profile names, the first is the default."""

    members: tuple[Settings, ...]
    chosen_by: str = ""  # "--profile", "--fleet NAME", "[fleet]"; "" for the one server as before

    def __post_init__(self) -> None:
        if not self.members:
            raise ValueError("a fleet has at least one server")
        if len(set(self.names)) != len(self.names):
            raise ValueError(f"a fleet names each profile once: {', '.join(self.names)}")
        if any(SEPARATOR in name for name in self.names):  # it keys the fleet's jobs
            raise ValueError("a fleet's profile names hold no control characters")

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(member.profile or UNNAMED for member in self.members)

    @property
    def default(self) -> Settings:
        return self.members[0]

    @property
    def many(self) -> bool:
        """More than one server: what the fleet's commands (and view) are for."""
        return len(self.members) > 1

    def __len__(self) -> int:
        return len(self.members)

    def items(self) -> Iterator[tuple[str, Settings]]:
        yield from zip(self.names, self.members, strict=True)

    def get(self, name: str) -> Settings | None:
        return dict(self.items()).get(name)

    def only(self, name: str) -> Fleet:
        """The fleet of one of its servers (``show b:ID`` asks b alone)."""
        member = self.get(name)
        if member is None:
            raise KeyError(name)
        return Fleet((member,), self.chosen_by)


def chosen_profiles(
    config: AppConfig | None,
    *,
    profiles: Sequence[str] = (),
    fleet: str | None = None,
    config_path: Path | None = None,
) -> tuple[tuple[str, ...], str] | None:
    """The profiles to run and what chose them; None when nothing chose any (one server as
    before). Raises ConfigError for --fleet with --profile, an unknown --fleet or a profile
    given twice; the file's fleets were checked when it was read."""
    if fleet is not None and profiles:
        raise ConfigError(
            "--fleet and --profile both choose the servers: give one or the other "
            f"(--fleet {fleet} or --profile {' --profile '.join(profiles)})"
        )
    if fleet is not None:
        fleets = config.fleets if config is not None else {}
        if fleet not in fleets:
            where = str(config_path) if config_path else "the config file"
            known = ", ".join(sorted(fleets)) or "none defined"
            raise ConfigError(
                f"--fleet {fleet!r}: no [fleets.{fleet}] in {where} (fleets: {known})"
            )
        return tuple(fleets[fleet].profiles), f"--fleet {fleet}"
    if profiles:
        twice = next((name for at, name in enumerate(profiles) if name in profiles[:at]), None)
        if twice is not None:
            raise ConfigError(f"--profile {twice!r} is given twice")
        return tuple(profiles), "--profile"
    if config is not None and config.fleet is not None:
        return tuple(config.fleet.profiles), "[fleet]"
    return None


def resolve_fleet(
    config: AppConfig | None,
    *,
    profiles: Sequence[str] = (),
    fleet: str | None = None,
    base_url: str | None = None,
    demo: bool = False,
    page_size: int | None = None,
    read_only: bool = False,
    history: bool | None = None,
    config_path: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> Fleet:
    """The fleet the flags and the file choose, each member by ``resolve_settings``.

    ``--base-url`` names one server, so it is refused with a fleet of several (it would point
    every member at the same server); the other flags apply to every member.
    """
    chosen = chosen_profiles(config, profiles=profiles, fleet=fleet, config_path=config_path)
    names, how = chosen if chosen is not None else ((None,), "")
    if len(names) > 1 and base_url:
        raise ConfigError(
            f"--base-url names one server, and {how} chose {len(names)} ({', '.join(map(str, names))})"
        )
    members = tuple(
        resolve_settings(
            config,
            profile=name,
            base_url=base_url,
            demo=demo,
            page_size=page_size,
            read_only=read_only,
            history=history,
            config_path=config_path,
            env=env,
        )
        for name in names
    )
    return Fleet(members, how)
