"""The server a command talks to: the configured one, or the embedded emulator with --demo."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from tui.api.client import VideosClient
from tui.settings import Settings


class NoServer(Exception):
    """Nothing to talk to: no key, no base URL, no --demo."""


NO_KEY = "no OPENAI_API_KEY set; use --demo (the embedded emulator) or set a key"


@asynccontextmanager
async def open_client(settings: Settings) -> AsyncIterator[VideosClient]:
    """A client for ``settings``' server; with ``demo``, an emulator runs for the command's length.

    Unlike the dashboard, a command never falls back to the demo silently: a script must not
    print made-up jobs because a key went missing.
    """
    if settings.demo:
        from tui.emulator import EmulatorConfig, EmulatorServer  # only --demo pays for the server

        emulator = EmulatorServer(EmulatorConfig())
        await asyncio.to_thread(emulator.start)
        try:
            async with _client(settings, emulator.base_url, None) as client:
                yield client
        finally:
            await asyncio.to_thread(emulator.stop)
        return
    if settings.runs_demo:
        raise NoServer(NO_KEY)
    async with _client(settings, settings.base_url, settings.key) as client:
        yield client


def _client(settings: Settings, base_url: str, key: str | None) -> VideosClient:
    return VideosClient(
        base_url=base_url,
        api_key=key,
        organization=settings.organization,
        project=settings.project,
        timeout=settings.timeout,
    )
