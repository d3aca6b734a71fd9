"""The one condition wait the tests use: poll until something holds, never sleep for a fixed time."""

from __future__ import annotations

import asyncio
from collections.abc import Callable


async def wait_until(
    condition: Callable[[], object], timeout: float = 10.0, what: str | Callable[[], str] = ""
) -> None:
    """Poll ``condition`` until it holds; fail after ``timeout`` seconds, saying ``what``."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            said = what() if callable(what) else what
            raise AssertionError(f"timed out waiting for {said or condition}")
        await asyncio.sleep(0.01)  # ok: poll step of a condition wait
