"""The one condition wait the tests use: poll until something holds, never sleep for a fixed time."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot


async def wait_until(
    condition: Callable[[], object],
    timeout: float = 10.0,
    what: str | Callable[[], str] = "",
    *,
    pilot: Pilot[Any] | None = None,
) -> None:
    """Poll ``condition`` until it holds; fail after ``timeout`` seconds, saying ``what``.
    With a ``pilot``, each step lets the app process its messages (``Pilot.pause``)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            said = what() if callable(what) else what
            raise AssertionError(f"timed out waiting for {said or condition}")
        if pilot is not None:
            await pilot.pause(0.02)  # ok: poll step of a condition wait
        else:
            await asyncio.sleep(0.01)  # ok: poll step of a condition wait
