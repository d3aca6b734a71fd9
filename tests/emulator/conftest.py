"""Helpers for the emulator tests: a sync httpx client bound to a server."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest

from tui.emulator import EmulatorServer


@pytest.fixture
def client_for() -> Iterator[Callable[..., httpx.Client]]:
    """httpx clients on a server's base URL (closed at teardown)."""
    clients: list[httpx.Client] = []

    def make(server: EmulatorServer, **kwargs: object) -> httpx.Client:
        client = httpx.Client(base_url=server.base_url + "/", timeout=10.0, **kwargs)  # type: ignore[arg-type]
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def http(emulator: EmulatorServer, client_for: Callable[..., httpx.Client]) -> httpx.Client:
    return client_for(emulator)
