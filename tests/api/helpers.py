"""What the client tests share: a recording sleep, the client factory's type, the server's records."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.waiting import wait_until
from tui.api.client import VideosClient
from tui.emulator import EmulatorServer

ClientFactory = Callable[..., VideosClient]


class SleepRecorder:
    """Stands in for asyncio.sleep: records each requested delay and returns at once."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)


async def api_requests(server: EmulatorServer, count: int) -> list[Any]:
    """The server's API request records, once at least ``count`` exist.

    The emulator appends a record just after it sends the response, so the client can hold its
    answer a moment before the record lands: wait for it instead of racing.
    """

    def records() -> list[Any]:
        return [r for r in server.requests if r.path.startswith("/v1/videos")]

    await wait_until(lambda: len(records()) >= count, 5.0, lambda: f"{count} API requests")
    return records()
