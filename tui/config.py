"""The config file: named server profiles and fleets, theme, page size, poll intervals, key
overrides, history.

TOML in the platform's config dir (``$XDG_CONFIG_HOME/sora-tui/config.toml`` on Linux), or the file
named by ``--config`` or ``$SORA_TUI_CONFIG``. Every problem is reported as one line naming the
file and the line: ``config.toml line 7: poll.fast_interval: Input should be greater than 0``.

Keys never live in this file: a profile names the environment variable that holds its key
(``api_key_env``), and a file that carries an ``api_key`` is refused.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

from tui.base_url import normalise_base_url
from tui.config_errors import ConfigError

if TYPE_CHECKING:
    from tui.config_schema import AppConfig, Profile
    from tui.config_theme import remember_theme

# Read here, defined beside: the schema, the error and the theme writer (for their importers).
# The schema (pydantic) and the writer load when first used, not at start (see __getattr__).
__all__ = [
    "AppConfig",
    "ConfigError",
    "Profile",
    "config_path",
    "load_config",
    "normalise_base_url",
    "parse_config",
    "remember_theme",
]

CONFIG_ENV = "SORA_TUI_CONFIG"
APP_NAME = "sora-tui"
_FORBIDDEN_KEYS = frozenset({"api_key", "apikey", "openai_api_key"})
_KEY_REFUSED = (
    "API keys do not belong in the config file; put the key in an environment variable "
    "and name that variable with api_key_env"
)


# --- where the file is ----------------------------------------------------------------


def config_path(
    override: str | os.PathLike[str] | None = None, env: Mapping[str, str] | None = None
) -> Path:
    """``--config``, else ``$SORA_TUI_CONFIG``, else the platform's user config dir."""
    env = os.environ if env is None else env
    if override:
        return Path(override).expanduser()
    if env.get(CONFIG_ENV):
        return Path(env[CONFIG_ENV]).expanduser()
    if os.name != "nt" and env.get("XDG_CONFIG_HOME"):
        # platformdirs reads os.environ; honour a given env mapping the same way.
        return Path(env["XDG_CONFIG_HOME"]) / APP_NAME / "config.toml"
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


# --- reading --------------------------------------------------------------------------


def read_config(path: Path) -> AppConfig | None:
    """The validated config at ``path``; None when there is no file (the schema never loads)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read the config file ({error})") from None
    return parse_config(text, name=str(path))


def load_config(path: Path) -> AppConfig:
    """The validated config at ``path``; an empty config when there is no file."""
    from tui.config_schema import AppConfig

    found = read_config(path)
    return AppConfig() if found is None else found


def parse_config(text: str, *, name: str = "config.toml") -> AppConfig:
    """Validate TOML text; a ConfigError names the line of the first problems found."""
    import tomllib

    from pydantic import ValidationError

    from tui.config_lines import key_lines, line_note
    from tui.config_schema import KNOWN_PROFILES, AppConfig

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{name}: {error}") from None
    lines = key_lines(text)
    refused = [path for path in _walk(data) if path[-1].lower() in _FORBIDDEN_KEYS]
    if refused:
        where = line_note(refused[0], lines)
        raise ConfigError(f"{name}{where}: {'.'.join(refused[0])}: {_KEY_REFUSED}")
    try:
        profiles = data.get("profiles")
        known = list(profiles) if isinstance(profiles, Mapping) else []
        return AppConfig.model_validate(data, context={KNOWN_PROFILES: known})
    except ValidationError as error:
        problems = []
        for problem in error.errors(include_input=False, include_url=False):
            loc = tuple(str(part) for part in problem["loc"])
            field = ".".join(loc) or "(file)"
            message = problem["msg"].removeprefix("Value error, ")
            problems.append(f"{name}{line_note(loc, lines)}: {field}: {message}")
        raise ConfigError("\n".join(problems)) from None


def _walk(data: Mapping[str, Any], prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    for key, value in data.items():
        yield (*prefix, key)
        if isinstance(value, Mapping):
            yield from _walk(value, (*prefix, key))


def __getattr__(name: str) -> object:
    """The schema's classes and the theme writer, loaded when an importer first asks."""
    if name in ("AppConfig", "Profile"):
        from tui import config_schema

        return getattr(config_schema, name)
    if name == "remember_theme":
        from tui import config_theme

        return config_theme.remember_theme
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
