"""Short labels for long names in a dialog: keep both ends, where long ids differ."""

from __future__ import annotations

from tui.text import one_line


def middle_cut(value: str, limit: int) -> str:
    """``value`` on one line, at most ``limit`` characters: its head and its tail around "…".

    Ids rewritten by a proxy (LiteLLM's base64) share a long opening, so cutting only the end
    would leave every job's dialog with the same title; the tail is what tells them apart.
    """
    line = one_line(value, limit=len(value) + 1)
    if len(line) <= limit:
        return line
    head = (limit - 1) // 2
    tail = limit - 1 - head
    return f"{line[:head]}…{line[-tail:]}"
