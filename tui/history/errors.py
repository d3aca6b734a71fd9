"""`HistoryUnavailable`: the one error the history raises, one sentence for people."""

from __future__ import annotations

from pathlib import Path


class HistoryUnavailable(Exception):
    """The history cannot be used: what is wrong, with the path, and where a bad file went."""

    def __init__(self, message: str, *, moved_to: Path | None = None) -> None:
        super().__init__(message)
        self.moved_to = moved_to
