"""Server text made inert for the screen.

Prompts and error messages come from the server and may hold Rich markup, ANSI/OSC
escape sequences (clipboard writes, title changes), C0/C1 control characters or bidi
overrides. Widgets build ``rich.text.Text`` from ``inert()`` output, so nothing the
server sends can style, move the cursor, or talk to the terminal.
"""

from __future__ import annotations

import re
import unicodedata

from rich.text import Text

# ESC-introduced sequences: CSI, OSC (ended by BEL or ST), DCS/SOS/PM/APC strings, and 2-byte escapes.
_ESCAPE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI ... final byte
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL | ST (or unterminated)
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS / SOS / PM / APC strings
    r"|\x1b[@-Z\\-_]"  # two-byte escapes
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
    r"|\x9d[^\x07\x9c]*(?:\x07|\x9c)?"  # 8-bit OSC
)
# Bidi embedding/override/isolate controls can reorder the rest of a line on screen.
_BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)
_REPLACEMENT = "\N{SYMBOL FOR ESCAPE}"


def _visible(char: str, keep_newlines: bool) -> str:
    if char == "\n" and keep_newlines:
        return char
    if char == "\t":
        return " "
    if char in _BIDI_CONTROLS:
        return ""
    category = unicodedata.category(char)
    if category == "Cc":  # C0 / C1 controls, DEL: show a control picture instead
        code = ord(char)
        return chr(0x2400 + code) if code < 0x20 else "\N{REPLACEMENT CHARACTER}"
    return char


def inert(value: str | None, *, keep_newlines: bool = False) -> str:
    """Return ``value`` with every escape sequence and control character made visible and harmless."""
    if not value:
        return ""
    without_escapes = _ESCAPE.sub(
        lambda m: _REPLACEMENT + m.group(0)[1:].replace("\x1b", ""), value
    )
    return "".join(_visible(char, keep_newlines) for char in without_escapes)


def one_line(value: str | None, *, limit: int = 400) -> str:
    """A short single-line form of server text (for table cells); the cell ellipsises further."""
    if not value:
        return ""
    return inert(" ".join(value[: limit * 2].split()))[:limit]


def literal(value: str | None, *, style: str = "", keep_newlines: bool = True) -> Text:
    """A Rich ``Text`` that renders ``value`` exactly as text, never as markup."""
    return Text(inert(value, keep_newlines=keep_newlines), style=style)


def sentence(text: str) -> str:
    """``text`` as a sentence: a capital first letter and a full stop."""
    return text[:1].upper() + text[1:] + "."
