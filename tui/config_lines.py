"""Where each table and key of a TOML text is written, so a config error can name its line.

tomllib parses but keeps no positions; this light scan finds them again.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

TABLE_HEADER = re.compile(r"\s*\[\[?([^\]]+)\]\]?\s*(?:#.*)?$")
KEY_ASSIGNMENT = re.compile(
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
        header = TABLE_HEADER.match(line)
        if header:
            table = _key_parts(header.group(1))
            found.setdefault(table, number)
            continue
        assignment = KEY_ASSIGNMENT.match(line)
        if assignment:
            found.setdefault((*table, *_key_parts(assignment.group(1))), number)
            rest = line[assignment.end() :]
            for quotes in ('"""', "'''"):
                if rest.count(quotes) % 2 == 1:
                    in_string = quotes
    return found


def line_note(loc: tuple[str, ...], lines: Mapping[tuple[str, ...], int]) -> str:
    """`` line N`` for the longest prefix of ``loc`` that the text defines, else ``""``."""
    for end in range(len(loc), 0, -1):
        if loc[:end] in lines:
            return f" line {lines[loc[:end]]}"
    return ""
