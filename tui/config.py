"""The config file: named server profiles, theme, page size, poll intervals and key overrides.

TOML in the platform's config dir (``$XDG_CONFIG_HOME/sora-tui/config.toml`` on Linux), or the file
named by ``--config`` or ``$SORA_TUI_CONFIG``. Every problem is reported as one line naming the
file and the line: ``config.toml line 7: poll.fast_interval: Input should be greater than 0``.

Keys never live in this file: a profile names the environment variable that holds its key
(``api_key_env``), and a file that carries an ``api_key`` is refused.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

CONFIG_ENV = "SORA_TUI_CONFIG"
APP_NAME = "sora-tui"
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_FORBIDDEN_KEYS = frozenset({"api_key", "apikey", "openai_api_key"})
_KEY_REFUSED = (
    "API keys do not belong in the config file; put the key in an environment variable "
    "and name that variable with api_key_env"
)


class ConfigError(ValueError):
    """A config file that cannot be used; ``str()`` is one line naming the file and line."""


def normalise_base_url(value: str) -> str:
    """An http(s) base URL without credentials, trailing slash, query or fragment."""
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"base URL must be an http(s) URL, got {value!r}")
    # Credentials in a URL would be shown in the status line: refuse them.
    if parts.username or parts.password:
        raise ValueError("base URL must not carry credentials; use OPENAI_API_KEY")
    return urlunsplit(parts._replace(path=parts.path.rstrip("/"), query="", fragment=""))


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
    page_size: int | None = Field(default=None, ge=1, le=100)
    # notify-send when a followed job finishes (off by default: not every desktop has it).
    desktop_notifications: bool | None = None


class PollConfig(_Section):
    fast_interval: float | None = Field(default=None, gt=0)
    slow_interval: float | None = Field(default=None, gt=0)


class AppConfig(_Section):
    """The whole file. Every section is optional; a missing file is an empty config."""

    default_profile: str | None = None
    profiles: dict[str, Profile] = {}
    ui: UiConfig = UiConfig()
    poll: PollConfig = PollConfig()
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


def load_config(path: Path) -> AppConfig:
    """The validated config at ``path``; an empty config when there is no file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return AppConfig()
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read the config file ({error})") from None
    return parse_config(text, name=str(path))


def parse_config(text: str, *, name: str = "config.toml") -> AppConfig:
    """Validate TOML text; a ConfigError names the line of the first problems found."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{name}: {error}") from None
    lines = key_lines(text)
    refused = [path for path in _walk(data) if path[-1].lower() in _FORBIDDEN_KEYS]
    if refused:
        where = _line_of(refused[0], lines)
        raise ConfigError(f"{name}{where}: {'.'.join(refused[0])}: {_KEY_REFUSED}")
    try:
        return AppConfig.model_validate(data)
    except ValidationError as error:
        problems = []
        for problem in error.errors(include_input=False, include_url=False):
            loc = tuple(str(part) for part in problem["loc"])
            field = ".".join(loc) or "(file)"
            message = problem["msg"].removeprefix("Value error, ")
            problems.append(f"{name}{_line_of(loc, lines)}: {field}: {message}")
        raise ConfigError("\n".join(problems)) from None


def _walk(data: Mapping[str, Any], prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    for key, value in data.items():
        yield (*prefix, key)
        if isinstance(value, Mapping):
            yield from _walk(value, (*prefix, key))


def _line_of(loc: tuple[str, ...], lines: Mapping[tuple[str, ...], int]) -> str:
    """`` line N`` for the longest prefix of ``loc`` that the text defines, else ``""``."""
    for end in range(len(loc), 0, -1):
        if loc[:end] in lines:
            return f" line {lines[loc[:end]]}"
    return ""


_HEADER = re.compile(r"\s*\[\[?([^\]]+)\]\]?\s*(?:#.*)?$")
_ASSIGNMENT = re.compile(
    r"""\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*="""
)
_KEY_PART = re.compile(r"""[A-Za-z0-9_-]+|"([^"]*)"|'([^']*)'""")


def _key_parts(dotted: str) -> tuple[str, ...]:
    parts = []
    for match in _KEY_PART.finditer(dotted):
        quoted = match.group(1) if match.group(1) is not None else match.group(2)
        parts.append(quoted if quoted is not None else match.group(0))
    return tuple(parts)


def key_lines(text: str) -> dict[tuple[str, ...], int]:
    """Where each table and key is defined: dotted path → 1-based line number.

    A light scan (tables, ``key =`` lines, skipping multi-line strings) that is enough to point an
    error at its line; tomllib has already checked the syntax.
    """
    found: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    in_string: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if in_string is not None:
            if line.count(in_string) % 2 == 1:
                in_string = None
            continue
        header = _HEADER.match(line)
        if header:
            table = _key_parts(header.group(1))
            found.setdefault(table, number)
            continue
        assignment = _ASSIGNMENT.match(line)
        if assignment:
            found.setdefault((*table, *_key_parts(assignment.group(1))), number)
            rest = line[assignment.end() :]
            for quotes in ('"""', "'''"):
                if rest.count(quotes) % 2 == 1:
                    in_string = quotes
    return found


# --- writing the one key the app remembers ------------------------------------------------


def remember_theme(path: Path, theme: str) -> None:
    """Set ``[ui] theme`` in the file at ``path``, keeping everything else (comments too).

    The edit is checked by parsing the result: if the file would not read back with the new
    theme and every other value unchanged, nothing is written and a ConfigError says why.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    try:
        before = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: {error}; the theme was not remembered") from None
    updated = _with_theme(text, theme)
    try:
        after: dict[str, Any] | None = tomllib.loads(updated)
    except tomllib.TOMLDecodeError:
        after = None
    expected = {**before, "ui": {**before.get("ui", {}), "theme": theme}}
    if after != expected:
        raise ConfigError(
            f"{path}: could not update [ui] theme safely; set theme = {theme!r} by hand"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(updated, encoding="utf-8")
    os.replace(temporary, path)


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(c if c >= " " else f"\\u{ord(c):04x}" for c in escaped) + '"'


def _with_theme(text: str, theme: str) -> str:
    line_text = f"theme = {_toml_string(theme)}"
    lines = text.splitlines()
    where = key_lines(text)
    if ("ui", "theme") in where:
        index = where[("ui", "theme")] - 1
        assignment = _ASSIGNMENT.match(lines[index])
        assert assignment is not None  # key_lines found this line by the same pattern
        lines[index] = f"{lines[index][: assignment.end()]} {_toml_string(theme)}"
    elif ("ui",) in where and _HEADER.match(lines[where[("ui",)] - 1]):
        lines.insert(where[("ui",)], line_text)
    else:
        if lines and lines[-1].strip():
            lines.append("")
        lines += ["[ui]", line_text]
    return "\n".join(lines) + "\n"
