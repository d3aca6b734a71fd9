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
import gc
import random
from typing import TYPE_CHECKING, ClassVar, Final

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header

from tui import clock
from tui.api.client import VideosClient
from tui.feed.filters import LABELS_PLURAL, bucket_of, view_ids
from tui.feed.poller import FeedStatus, Poller
from tui.feed.store import StoreChange, VideoStore
from tui.settings import Settings
from tui.style import stylesheet_path
from tui.widgets.detail_pane import DetailPane
from tui.widgets.help_screen import HelpScreen
from tui.widgets.loaded_note import empty_view_text, loaded_note
from tui.widgets.main_area import MainArea
from tui.widgets.status_filter import StatusFilterBar
from tui.widgets.status_line import StatusLine
from tui.widgets.table_cells import shared_prefix_length
from tui.widgets.video_table import VideoTable

if TYPE_CHECKING:  # the emulator (uvicorn, starlette, PIL) is imported only in demo mode
    from tui.emulator import EmulatorConfig, EmulatorServer

FILTER_KEYS = ("all", "queued", "in_progress", "completed", "failed", "other")
_startup_frozen = False  # gc.freeze() done once per process (see _keep_startup_out_of_gc)
DEMO_SUBMIT_SECONDS: Final = 20.0  # the demo's own submissions, so something is always moving
BULK_REFRESH_SECONDS: Final = 0.25  # while G loads every page, the rows are re-filtered this often


class FeedChanged(Message):
    """The store changed (posted to the app after the widgets were updated)."""

    def __init__(self, change: StoreChange) -> None:
        super().__init__()
        self.change = change


def _keep_startup_out_of_gc() -> None:
    """Once the dashboard is on screen, move what is alive (the modules, the widgets, the
    parsed styles: ~100k objects) out of the cyclic collector's sight. They live as long as
    the app; without this each full collection walks them all again (50-100 ms, a visible
    stall while scrolling). Frozen objects are still freed by reference counting. Once per
    process, without a collection first (that would cost the same stall at start-up): what
    is garbage at this point is the little left over from imports."""
    global _startup_frozen
    if not _startup_frozen:
        _startup_frozen = True
        gc.freeze()


class _Footer(Footer):
    """Textual's Footer, recomposed once per screen refresh however often the bindings change
    in it: at start-up the focus and the screen move four times, and each recompose mounts
    every key again (~20 ms each, all before the first rows can be painted)."""

    _recompose_pending = False

    def bindings_changed(self, screen: Screen[object]) -> None:
        # Footer.bindings_changed (Textual 8.2), with one pending recompose at most: the
        # recompose reads the bindings when it runs, so the latest change is always shown.
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._recompose_pending:
            self._recompose_pending = True
            self.call_after_refresh(self._recompose_once)

    async def _recompose_once(self) -> None:
        self._recompose_pending = False
        await self.recompose()


class DashboardApp(App[None]):
    """sora-tui's core: a live table of video jobs, a detail pane, and a status filter bar."""

    CSS_PATH = stylesheet_path()
    TITLE = "sora-tui"
    BINDINGS: ClassVar[list[BindingType]] = [
        # Binding ids name the bindings a config file's [keys] table can remap (App.set_keymap).
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark", "help", "Help", key_display="?", id="help"),
        Binding("r", "refresh", "Refresh", id="refresh"),
        Binding("p", "toggle_pause", "Pause", id="pause"),
        *(
            Binding(
                str(number),
                f"filter('{bucket}')",
                f"Show {bucket.replace('_', ' ')}",
                show=False,
                id=f"filter_{bucket}",
            )
            for number, bucket in enumerate(FILTER_KEYS, start=1)
        ),
        Binding("escape", "focus_table", "Back to table", show=False, id="focus_table"),
    ]

    def __init__(
        self,
        settings: Settings,
        *,
        demo_config: EmulatorConfig | None = None,
        server_label: str | None = None,
    ) -> None:
        """``server_label`` names the server on screen instead of its URL (screenshots pass one,
        so a free port picked at random does not show)."""
        super().__init__()
        self.settings = settings
        self.server_label = server_label
        self.store = VideoStore()
        self.poller: Poller | None = None
        self.client: VideosClient | None = None
        self.emulator: EmulatorServer | None = None
        self._demo_config = demo_config
        self._bucket = "all"
        self._paused = False
        self._status: FeedStatus | None = None
        self._counts_shown: tuple[object, ...] | None = None  # what the filter bar was last given
        # Filling a view: keep asking for pages until the view has this many rows (a screenful
        # more than when it began) or the server has no more. None: not filling.
        self._fill_target: int | None = None
        self._fill_stopped = False  # Esc stopped it: only a key or a new view starts another
        self._landing: str | None = None  # G: the row it landed on; on it, go on to the real end
        self._view_refresh_due = False  # a refresh is pending while G loads every page
        self._bulk_timer: Timer | None = None  # while G loads: rows and counts a few times a second
        self._head_key: tuple[int, str] | None = None  # the newest loaded job's sort key

    # --- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield StatusFilterBar(id="filters")
        with MainArea(id="main"):  # side by side, or the pane below the table when narrow
            yield VideoTable(id="table")
            yield DetailPane(id="detail", clock=clock.now)
        yield StatusLine(id="status", clock=clock.now, server_label=self.server_label)
        yield _Footer()

    @property
    def dashboard_screen(self) -> Screen[object]:
        """The screen the dashboard is composed on (the bottom of the stack). App.query_one
        searches the *current* screen, so while help or a dialog is open it would not find
        the table: the feed goes on updating the dashboard through this screen."""
        return self.screen_stack[0] if self.screen_stack else self.screen

    @property
    def table(self) -> VideoTable:
        return self.dashboard_screen.query_one("#table", VideoTable)

    async def on_mount(self) -> None:
        self.call_after_refresh(_keep_startup_out_of_gc)
        self.table.focus()
        self.dashboard_screen.query_one(StatusLine).demo = self.settings.runs_demo
        self._show_server(None if self.settings.runs_demo else self.settings.base_url)
        self.run_feed()

    def _show_server(self, url: str | None) -> None:
        """The subtitle: which server (its label, else its URL); demo mode says so first."""
        if not self.settings.runs_demo:
            self.sub_title = self.server_label or url or ""
            return
        where = self.server_label or ("embedded emulator" + (f" at {url}" if url else ""))
        self.sub_title = f"DEMO · {where}"

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
                wall=clock.now,  # the status line reads the same clock ("updated 3s ago")
            )
            if self._paused:
                self.poller.set_paused(True)
            await self.poller.run()

    async def _server(self) -> tuple[str, str | None]:
        """The base URL and key to use; in demo mode, start the embedded emulator first."""
        if not self.settings.runs_demo:
            return self.settings.base_url, self.settings.key
        from tui.emulator import EmulatorConfig, EmulatorServer  # startup: only demo mode pays

        self.emulator = EmulatorServer(self._demo_config or EmulatorConfig())
        await asyncio.to_thread(self.emulator.start)
        self._show_server(self.emulator.base_url)
        self._start_demo_traffic(self.emulator)
        return self.emulator.base_url, None

    def _start_demo_traffic(self, emulator: EmulatorServer) -> None:
        """Submit a job to the demo world now and every DEMO_SUBMIT_SECONDS, as a busy project
        would: the demo shows a queued job at once and keeps moving after the seeded jobs finish.
        A world on a manual clock (tests, screenshots) is left exactly as seeded."""
        if emulator.world.manual_clock:
            return
        from tui.emulator import catalog

        rng = random.Random(f"{emulator.config.seed}:demo-traffic")

        def submit() -> None:
            model = catalog.pick_model(rng)
            emulator.world.create(
                catalog.make_prompt(rng),
                model=model,
                size=catalog.pick_size(rng, model),
                seconds=catalog.pick_seconds(rng),
            )

        submit()
        self.set_interval(DEMO_SUBMIT_SECONDS, submit, name="demo-traffic")

    # --- store → widgets ------------------------------------------------------------------

    @property
    def bucket(self) -> str:
        return self._bucket

    def view_ids(self) -> list[str]:
        """The ordered ids the table shows. Features override this to search or sort."""
        return view_ids(self.store, self._bucket)

    def view_description(self) -> str:
        """What the view shows, for an empty view's message ("failed jobs"). Features extend it."""
        return LABELS_PLURAL.get(self._bucket, "jobs")

    def refresh_view(self, fresh: frozenset[str] = frozenset()) -> None:
        """Recompute the table's rows from what is loaded (no request is made). ``fresh``: jobs
        new on the server (the table shows them at the top, or counts them as "↑ N new")."""
        self._view_refresh_due = False
        table = self.table
        skip = shared_prefix_length(self.store.ordered_ids())
        table.set_view(self.view_ids(), self.store, fresh=fresh, id_skip=skip)
        self._describe_empty_view()

    def _describe_empty_view(self) -> None:
        table = self.table
        if table.row_count == 0:
            table.empty_text = empty_view_text(
                self.view_description(),
                len(self.store),
                self._status,
                filling=self._fill_target is not None,
            )

    def _fresh_ids(self, change: StoreChange) -> frozenset[str]:
        """The added jobs that are new on the server: at or above the newest job loaded before
        (older pages and gap walks below it are not news)."""
        store = self.store
        before = self._head_key
        ordered = store.ordered_ids()
        top = store.get(ordered[0]) if ordered else None
        self._head_key = (top.created_at, top.id) if top is not None else None
        if before is None or not change.added:
            return frozenset()
        fresh = set()
        for video_id in change.added:
            video = store.get(video_id)
            if video is not None and (video.created_at, video.id) > before:
                fresh.add(video_id)
        return frozenset(fresh)

    def apply_change(self, change: StoreChange) -> None:
        """Touch only what the change implies: the view when membership moved, else the rows."""
        if not self.is_running:  # shutting down: the widgets are already gone
            return
        table = self.table
        fresh = self._fresh_ids(change)
        membership_moved = bool(change.added or change.removed) or (
            self._bucket != "all"
            and any(self._left_bucket(video_id) for video_id in change.changed)
        )
        bulk = self._status is not None and self._status.loading_all
        if membership_moved and bulk and not fresh and not change.removed:
            # G is loading page after page at the bottom: re-filter a few times a second,
            # not at every page (each re-filter walks every loaded job).
            self._refresh_view_soon()
        elif membership_moved:
            self.refresh_view(fresh)
        if change.changed:
            table.refresh_rows(change.changed)
        self._update_counts()
        cursor = table.cursor_id
        if cursor is not None and (cursor in change.changed or cursor in change.removed):
            self.dashboard_screen.query_one(DetailPane).show(self.store.get(cursor))
        self.post_message(FeedChanged(change))

    def _left_bucket(self, video_id: str) -> bool:
        video = self.store.get(video_id)
        return video is not None and bucket_of(video.status) != self._bucket

    def _refresh_view_soon(self) -> None:
        self._view_refresh_due = True
        self._paint_bulk_soon()

    def _paint_bulk_soon(self) -> None:
        """While G loads page after page, the rows and the filter bar follow a few times a
        second, not at every page: each new label re-lays out the screen (~10 ms), and each
        re-filter walks every loaded job."""
        if self._bulk_timer is None:
            self._bulk_timer = self.table.set_timer(BULK_REFRESH_SECONDS, self._paint_bulk)

    def _paint_bulk(self) -> None:
        self._bulk_timer = None
        if not self.is_running:
            return
        if self._view_refresh_due:
            self.refresh_view()
        self._update_counts(now=True)

    def _update_counts(self, *, now: bool = False) -> None:
        status = self._status
        if status is not None and status.loading_all and not now:
            self._paint_bulk_soon()
            return
        counts = self.store.counts()
        loaded, end_reached = len(self.store), bool(status and status.end_reached)
        note = loaded_note(status, loaded, filling=self._fill_target is not None)
        shown = (counts, loaded, end_reached, note)
        if shown == self._counts_shown:  # each new label re-lays out the screen: only on change
            return
        self._counts_shown = shown
        bar = self.dashboard_screen.query_one(StatusFilterBar)
        bar.set_counts(counts, loaded=loaded, end_reached=end_reached)
        bar.set_loaded_text(*note)

    def show_status(self, status: FeedStatus) -> None:
        if not self.is_running:  # shutting down: the widgets are already gone
            return
        self._status = status
        self.dashboard_screen.query_one(StatusLine).update_status(status)
        if not status.loading_page:
            if self._view_refresh_due and not status.loading_all:
                self.refresh_view()  # G is done: the rows it brought, at once
            self._go_on_filling(status)
            self._land_at_end(status)
        self._update_counts()
        if self.table.row_count == 0:
            self._describe_empty_view()

    # --- paging: fill the view, or load everything (G) --------------------------------------

    @property
    def filling(self) -> bool:
        """Pages are loading until the view has a screenful more rows (or the list ends)."""
        return self._fill_target is not None

    @property
    def loading_to_end(self) -> bool:
        """G is loading every remaining page."""
        return self._landing is not None or bool(self._status and self._status.loading_all)

    def start_filling(self, *, by_user: bool = False) -> None:
        """The view nears its end: load pages until a screenful more rows match or the
        server has no more. Esc stops it; then only a key (``by_user``) starts another."""
        status, poller = self._status, self.poller
        if poller is None or status is None or status.end_reached or status.loading_all:
            return
        if status.last_success is None:  # before the first page, the view is not short yet
            return
        if self._fill_stopped and not by_user:
            return
        self._fill_stopped = False
        if self._fill_target is None:
            table = self.table
            self._fill_target = table.row_count + table.page_rows
        poller.want_more()
        self._update_counts()

    def _go_on_filling(self, status: FeedStatus) -> None:
        target = self._fill_target
        if target is None or self.poller is None:
            return
        if status.end_reached or self.table.row_count >= target or status.loading_all:
            self._fill_target = None
            self._describe_empty_view()
            return
        self.poller.want_more()

    def load_to_end(self) -> None:
        """G: load every remaining page, then land on the last job."""
        status, poller = self._status, self.poller
        if poller is None or status is None or status.end_reached:
            return
        self._fill_target, self._fill_stopped = None, False
        self._landing = self.table.cursor_id
        poller.load_all()

    def _land_at_end(self, status: FeedStatus) -> None:
        if self._landing is None or status.loading_all:
            return
        landing, self._landing = self._landing, None
        if status.end_reached and self.table.cursor_id == landing:  # the user stayed: land
            self.refresh_view()
            self.table.move_to_last()

    def stop_loading(self) -> bool:
        """Esc while pages are loading: stop (what arrived stays). True when there was any."""
        filling = self._fill_target is not None or self._landing is not None
        stopped = self.poller.stop_loading() if self.poller is not None else False
        if not (filling or stopped):
            return False
        self._fill_target, self._landing, self._fill_stopped = None, None, True
        self.notify(f"Stopped loading: {len(self.store):,} jobs loaded", timeout=2)
        self._update_counts()
        self._describe_empty_view()
        return True

    # --- widget messages ------------------------------------------------------------------

    @on(VideoTable.Highlighted)
    def _highlighted(self, message: VideoTable.Highlighted) -> None:
        if not self.screen_stack:  # shutting down: the screens are gone
            return
        video = self.store.get(message.video_id) if message.video_id else None
        for pane in self.dashboard_screen.query(DetailPane):
            pane.follow(video)

    @on(VideoTable.Selected)
    def _selected(self) -> None:
        if not self.screen_stack:
            return
        for pane in self.dashboard_screen.query(DetailPane):
            pane.focus()

    @on(VideoTable.NearEnd)
    def _near_end(self, message: VideoTable.NearEnd) -> None:
        self.start_filling(by_user=message.by_user)

    @on(VideoTable.EndRequested)
    def _end_requested(self) -> None:
        self.load_to_end()

    @on(VideoTable.FilterStep)
    def _filter_step(self, message: VideoTable.FilterStep) -> None:
        tabs = self.dashboard_screen.query_one(StatusFilterBar).visible_buckets
        index = tabs.index(self._bucket) if self._bucket in tabs else 0
        self.action_filter(tabs[(index + message.delta) % len(tabs)])

    @on(StatusFilterBar.Changed)
    def _filter_changed(self, message: StatusFilterBar.Changed) -> None:
        if message.bucket != self._bucket:  # a tab clicked (keys 1-6 switched already)
            self._switch_filter(message.bucket)

    def _switch_filter(self, bucket: str) -> None:
        self._bucket = bucket
        self.view_changed()

    def view_changed(self) -> None:
        """The user asked for another view (filter, search, watching): show what is loaded at
        once; if it is short, pages load in the background (the table posts NearEnd)."""
        self._fill_target, self._fill_stopped = None, False
        self.refresh_view()

    # --- actions --------------------------------------------------------------------------

    def action_filter(self, bucket: str) -> None:
        bar = self.dashboard_screen.query_one(StatusFilterBar)
        bar.select(bucket)
        if bar.bucket == bucket != self._bucket:
            # Now rather than on the bar's Changed message: the tabs and the rows are then
            # laid out and painted in one screen update, not two.
            self._switch_filter(bucket)

    def action_refresh(self) -> None:
        if self.poller is not None:
            self.poller.refresh_now()
        if self._paused:
            self.notify("Paused: fetching once (p resumes polling)", timeout=2)
        else:
            self.notify("Refreshing now", timeout=1.5)

    def action_toggle_pause(self) -> None:
        self._paused = not self._paused
        if self.poller is not None:
            self.poller.set_paused(self._paused)
        self.notify("Polling paused" if self._paused else "Polling resumed", timeout=1.5)

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def action_focus_table(self) -> None:
        if self.stop_loading():  # Esc stops a fill or G first
            return
        self.table.focus()
