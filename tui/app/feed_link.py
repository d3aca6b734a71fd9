"""The link to the server: one worker owns every request (client → poller → store).

The history (tui/app/history_link.py) opens first: its jobs are on screen before any request.
In demo mode the embedded emulator starts next (imported only then: uvicorn, starlette and
PIL cost start-up time nobody else should pay).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from tui import clock
from tui.api.models import Video
from tui.app.history_link import HistoryLink, Say
from tui.feed.policy import PollPolicy
from tui.feed.poller import FeedReport, Poller
from tui.feed.store import StoreChange, VideoStore
from tui.settings import Settings

Painted = Callable[[], Awaitable[None]]  # until the rows now on the table are painted

if TYPE_CHECKING:
    from tui.api.client import VideosClient
    from tui.emulator import EmulatorConfig, EmulatorServer


class FeedLink:
    """Runs the feed for one `Settings`; the app makes a new run when the server changes."""

    def __init__(
        self,
        store: VideoStore,
        settings: Settings,
        *,
        name: str = "",
        on_change: Callable[[StoreChange], None],
        on_report: Callable[[FeedReport], None],
        on_server: Callable[[str], None],
        on_gone: Callable[[], None],
        on_history_failure: Say,
        painted: Painted | None = None,
        demo_config: EmulatorConfig | None = None,
    ) -> None:
        self.store = store
        self.settings = settings  # the server it runs against (the last `run`'s)
        self.name = name  # its profile's name in a fleet; "" for the one server
        self.history = HistoryLink(
            store, on_change=on_change, on_gone=on_gone, on_failure=on_history_failure
        )
        self.client: VideosClient | None = None
        self.poller: Poller | None = None
        self.emulator: EmulatorServer | None = None
        self.paused = False
        self._on_change = on_change
        self._on_report = on_report
        self._on_server = on_server  # the demo emulator's URL, once it is known
        self._demo_config = demo_config
        self._painted = painted

    async def run(self, settings: Settings) -> None:
        """Show the history's jobs, connect and poll until cancelled."""
        self.settings = settings
        await self.history.open(settings)
        if self._painted is not None and len(self.store):
            await self._painted()  # the history's rows on screen before httpx loads
        base_url, key = await self._server(settings)
        from tui.api.client import VideosClient  # httpx: ~50 ms a start from history never waits

        client = VideosClient(
            base_url=base_url,
            api_key=key,
            organization=settings.organization,
            project=settings.project,
            timeout=settings.timeout,
        )
        async with client:
            self.client = client
            self.poller = Poller(
                client,
                self.store,
                PollPolicy.from_settings(settings),
                on_change=self._heard,
                on_report=self._reported,
                wall=clock.now,  # the status line reads the same clock ("updated 3s ago")
            )
            if self.paused:
                self.poller.set_paused(True)
            await self.poller.run()

    def _heard(self, change: StoreChange) -> None:
        """A change the poller made: into the history, then onto the screen. While ``G``
        loads page after page, the history waits (its backlog) until the load is over."""
        poller = self.poller
        self.history.heard(change, bulk=poller is not None and poller.loading_all)
        self._on_change(change)

    def _reported(self, status: FeedReport) -> None:
        if not status.loading_all:
            self.history.write_backlog()
        self._on_report(status)

    async def _server(self, settings: Settings) -> tuple[str, str | None]:
        """The base URL and key to use; in demo mode, start the embedded emulator first."""
        if not settings.runs_demo:
            return settings.base_url, settings.key
        from tui.emulator import EmulatorConfig, EmulatorServer

        # The demo submits jobs of its own, so something is always moving (never on a manual
        # clock: tests and screenshots stay exactly as seeded).
        config = replace(self._demo_config or EmulatorConfig(), demo_traffic=True)
        self.emulator = EmulatorServer(config)
        await asyncio.to_thread(self.emulator.start)
        self._on_server(self.emulator.base_url)
        return self.emulator.base_url, None

    def set_paused(self, paused: bool) -> None:
        self.paused = paused
        if self.poller is not None:
            self.poller.set_paused(paused)

    async def shut_down(self) -> None:
        """The app is ending: the history flushed and closed, the demo emulator stopped."""
        await self.history.close()
        await self.stop_emulator()

    async def stop_emulator(self) -> None:
        if self.emulator is not None:
            emulator, self.emulator = self.emulator, None
            await asyncio.to_thread(emulator.stop)

    # --- jobs and their server (a fleet has several: tui/app/fleet_link.py) --------------

    @property
    def remembered(self) -> HistoryLink:
        return self.history

    def server_for(self, key: str | None) -> FeedLink:
        return self

    def server_named(self, name: str) -> FeedLink:
        return self

    def key_of(self, server: str, video_id: str) -> str:
        return video_id

    def add_job(self, server: str, video: Video) -> StoreChange:
        """A job this dashboard made (a new job, a remix): in the store now."""
        return self.store.upsert(video)

    def remove_job(self, key: str) -> StoreChange:
        """A job this dashboard deleted: out of the store."""
        return self.store.remove(key)

    def forget(self) -> None:
        """The run was cancelled: no client or poller until the next run."""
        self.poller = None
        self.client = None
