"""A task's "my request is on the wire" signal (httpx not needed to set or read it).

Set in a task of its own (a page asked for ahead): the client calls it once that task's request
is written, so that the page in hand is merged while the server works on the next
(`tui.feed.prefetch`).
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

REQUEST_WRITTEN: ContextVar[Callable[[], object] | None] = ContextVar(
    "REQUEST_WRITTEN", default=None
)
