"""Fixtures for client tests: a recording sleep and a client factory bound to an emulator."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, Protocol

import pytest

from tests.api.helpers import ClientFactory, SleepRecorder
from tui.api.client import RetryNotice, VideosClient


class HasBaseUrl(Protocol):
    base_url: str


@pytest.fixture
def sleeps() -> SleepRecorder:
    return SleepRecorder()


@pytest.fixture
def notices() -> list[RetryNotice]:
    return []


@pytest.fixture
async def connect(
    sleeps: SleepRecorder, notices: list[RetryNotice]
) -> AsyncIterator[ClientFactory]:
    """``connect(server_or_url, **VideosClient options)``; every client is closed at teardown."""
    made: list[VideosClient] = []

    def factory(target: HasBaseUrl | str, **options: Any) -> VideosClient:
        base_url = target if isinstance(target, str) else target.base_url
        options.setdefault("sleep", sleeps)
        options.setdefault("on_retry", notices.append)
        client = VideosClient(base_url=base_url, **options)
        made.append(client)
        return client

    yield factory
    for client in made:
        await client.aclose()
