"""The API key never leaves the client: server text is redacted before an error holds it."""

from __future__ import annotations

from tui.text import one_line

REDACTED = "[redacted key]"
# A "key" shorter than this (a placeholder like "x") would blank out ordinary text and hides
# nothing worth hiding.
_SHORTEST_SECRET = 4


class Redactor:
    """Server text made safe to show: one line, and the key replaced wherever it appears."""

    def __init__(self, secret: str) -> None:
        self._secret = secret

    def text(self, text: str) -> str:
        if len(self._secret) >= _SHORTEST_SECRET:
            return text.replace(self._secret, REDACTED)
        return text

    def snippet(self, text: str, limit: int = 60) -> str:
        """The start of a body, as one line of at most ``limit`` characters (plus an ellipsis)."""
        line = one_line(text, limit=limit + 1)
        return self.text(line[:limit] + "…" if len(line) > limit else line)

    def field(self, value: str | None) -> str | None:
        """A short error field (code, type, param, request id), or None when empty."""
        return self.text(one_line(value, limit=120)) if value else None
