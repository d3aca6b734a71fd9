"""Writing the one key the app remembers, ``[ui] theme``, into a config file a person wrote."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from tui.config_errors import ConfigError
from tui.config_lines import KEY_ASSIGNMENT, TABLE_HEADER, key_lines


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
    # Written beside and renamed over: a crash mid-write never leaves half a config file.
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
        assignment = KEY_ASSIGNMENT.match(lines[index])
        assert assignment is not None  # key_lines found this line by the same pattern
        lines[index] = f"{lines[index][: assignment.end()]} {_toml_string(theme)}"
    elif ("ui",) in where and TABLE_HEADER.match(lines[where[("ui",)] - 1]):
        lines.insert(where[("ui",)], line_text)
    else:
        if lines and lines[-1].strip():
            lines.append("")
        lines += ["[ui]", line_text]
    return "\n".join(lines) + "\n"
