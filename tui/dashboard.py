"""The dashboard core: wires the feed (client → poller → store) to the widgets.

Features (search, job actions, notifications, profiles, insights) are mixins in
``tui/features/`` that subclass DashboardApp; ``tui/app.py`` composes them.

Data flows one way: the poller merges server pages into the store and reports a
StoreChange; the app turns that change into the few widget updates it implies.
Widgets post messages (highlighted, near the end, filter changed) and the app
answers them; no widget talks to the network or to another widget.
"""

from __future__ import annotations

import asyncio
from typing import ClassVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Footer, Header

from tui import clock
from tui.api.client import VideosClient
from tui.emulator import EmulatorConfig, EmulatorServer
from tui.feed.filters import bucket_of, view_ids
from tui.feed.poller import FeedStatus, Poller
from tui.feed.store import StoreChange, VideoStore
from tui.settings import Settings
from tui.style import stylesheet_path
from tui.widgets.detail_pane import DetailPane
from tui.widgets.help_screen import HelpScreen
from tui.widgets.status_filter import StatusFilterBar
from tui.widgets.status_line import StatusLine
from tui.widgets.video_table import VideoTable

FILTER_KEYS = ("all", "queued", "in_progress", "completed", "failed", "other")


class FeedChanged(Message):
    """The store changed (posted to the app after the widgets were updated)."""

    def __init__(self, change: StoreChange) -> None:
        super().__init__()
        self.change = change


class DashboardApp(App[None]):
    """sora-tui's core: a live table of video jobs, a detail pane, and a status filter bar."""

    CSS_PATH = stylesheet_path()
    TITLE = "sora-tui"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("r", "refresh", "Refresh"),
        Binding("p", "toggle_pause", "Pause"),
        *(
            Binding(str(number), f"filter('{bucket}')", f"Show {bucket.replace('_', ' ')}", show=False)
            for number, bucket in enumerate(FILTER_KEYS, start=1)
        ),
        Binding("escape", "focus_table", "Back to table", show=False),
    ]

    def __init__(self, settings: Settings, *, demo_config: EmulatorConfig | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.store = VideoStore()
        self.poller: Poller | None = None
        self.client: VideosClient | None = None
        self.emulator: EmulatorServer | None = None
        self._demo_config = demo_config
        self._bucket = "all"
        self._paused = False
        self._status: FeedStatus | None = None

    # --- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield StatusFilterBar(id="filters")
        with Horizontal(id="main"):
            yield VideoTable(id="table")
            yield DetailPane(id="detail", clock=clock.now)
        yield StatusLine(id="status", clock=clock.now)
        yield Footer()

    @property
    def table(self) -> VideoTable:
        return self.query_one("#table", VideoTable)

    async def on_mount(self) -> None:
        self.table.focus()
        self.query_one(StatusLine).demo = self.settings.runs_demo
        if self.settings.runs_demo:
            self.sub_title = "DEMO · embedded emulator"
        else:
            self.sub_title = self.settings.base_url
        self.run_feed()

    async def on_unmount(self) -> None:
        if self.emulator is not None:
            await asyncio.to_thread(self.emulator.stop)

    # --- the feed: one worker owns all network I/O ------------------------------------------

    @work(exclusive=True, group="feed")
    async def run_feed(self) -> None:
        base_url, key = await self._server()
        client = VideosClient(
            base_url=base_url,
            api_key=key,
            organization=self.settings.organization,
            project=self.settings.project,
            timeout=self.settings.timeout,
        )
        async with client:
            self.client = client
            self.poller = Poller(
                client,
                self.store,
                page_size=self.settings.page_size,
                fast_interval=self.settings.fast_interval,
                slow_interval=self.settings.slow_interval,
                on_change=self.apply_change,
                on_status=self.show_status,
            )
            if self._paused:
                self.poller.set_paused(True)
            await self.poller.run()

    async def _server(self) -> tuple[str, str | None]:
        """The base URL and key to use; in demo mode, start the embedded emulator first."""
        if not self.settings.runs_demo:
            return self.settings.base_url, self.settings.key
        self.emulator = EmulatorServer(self._demo_config or EmulatorConfig())
        await asyncio.to_thread(self.emulator.start)
        self.sub_title = f"DEMO · embedded emulator at {self.emulator.base_url}"
        return self.emulator.base_url, None

    # --- store → widgets ------------------------------------------------------------------

    @property
    def bucket(self) -> str:
        return self._bucket

    def view_ids(self) -> list[str]:
        """The ordered ids the table shows. Features override this to search or sort."""
        return view_ids(self.store, self._bucket)

    def refresh_view(self) -> None:
        """Recompute the table's rows from what is loaded (no request is made)."""
        self.table.set_view(self.view_ids(), self.store)

    def apply_change(self, change: StoreChange) -> None:
        """Touch only what the change implies: the view when membership moved, else the rows."""
        table = self.table
        membership_moved = bool(change.added or change.removed) or (
            self._bucket != "all" and any(self._left_bucket(video_id) for video_id in change.changed)
        )
        if membership_moved:
            self.refresh_view()
        if change.changed:
            table.refresh_rows(change.changed)
        self._update_counts()
        cursor = table.cursor_id
        if cursor is not None and (cursor in change.changed or cursor in change.removed):
            self.query_one(DetailPane).show(self.store.get(cursor))
        self.post_message(FeedChanged(change))

    def _left_bucket(self, video_id: str) -> bool:
        video = self.store.get(video_id)
        return video is not None and bucket_of(video.status) != self._bucket

    def _update_counts(self) -> None:
        status = self._status
        self.query_one(StatusFilterBar).set_counts(
            self.store.counts(),
            loaded=len(self.store),
            end_reached=bool(status and status.end_reached),
        )

    def show_status(self, status: FeedStatus) -> None:
        self._status = status
        self.query_one(StatusLine).update_status(status)
        self._update_counts()

    # --- widget messages ------------------------------------------------------------------

    @on(VideoTable.Highlighted)
    def _highlighted(self, message: VideoTable.Highlighted) -> None:
        video = self.store.get(message.video_id) if message.video_id else None
        self.query_one(DetailPane).show(video)

    @on(VideoTable.Selected)
    def _selected(self) -> None:
        self.query_one(DetailPane).focus()

    @on(VideoTable.NearEnd)
    def _near_end(self) -> None:
        if self.poller is not None:
            self.poller.want_more()

    @on(StatusFilterBar.Changed)
    def _filter_changed(self, message: StatusFilterBar.Changed) -> None:
        self._bucket = message.bucket
        # Filtering works on what is loaded: no request is made.
        self.refresh_view()

    # --- actions --------------------------------------------------------------------------

    def action_filter(self, bucket: str) -> None:
        self.query_one(StatusFilterBar).select(bucket)

    def action_refresh(self) -> None:
        if self.poller is not None:
            self.poller.refresh_now()
        self.notify("Refreshing now", timeout=1.5)

    def action_toggle_pause(self) -> None:
        self._paused = not self._paused
        if self.poller is not None:
            self.poller.set_paused(self._paused)
        self.notify("Polling paused" if self._paused else "Polling resumed", timeout=1.5)

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def action_focus_table(self) -> None:
        self.table.focus()
