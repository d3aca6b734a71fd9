"""SoraApp: the one App. It lays out the dashboard, links it to the feed, and hosts the features.

Data flows one way: the poller merges server pages into the store and reports a StoreChange; the
app turns it into the few widget updates it implies (tui/app/view_keeper.py), then tells the
features (FeedChanged). Widgets post messages (highlighted, near the end, filter step) and the
app answers them or hands them to the features (tui/features/base.py: the one rule).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Static

from tui import clock
from tui.actions import Action, bindings, by_id
from tui.app import interpreter
from tui.app.basics import Basics
from tui.app.composition import FEATURE_MESSAGES, FEATURES, all_actions, subtitle
from tui.app.dispatch import Dispatch
from tui.app.feature_set import FeatureSet, FeatureType
from tui.app.job_servers import JobServers
from tui.app.links import make_link
from tui.app.paging import Paging
from tui.app.switching import mount_footer, switch_server
from tui.app.view_keeper import ViewKeeper
from tui.features.base import Feature
from tui.feed.poller import FeedReport, PollControl
from tui.feed.store import StoreChange
from tui.fleet import Fleet
from tui.messages import FeedChanged
from tui.settings import Settings
from tui.style import stylesheet_path
from tui.text import inert
from tui.widgets.detail_pane import DetailPane
from tui.widgets.main_area import MainArea
from tui.widgets.search_bar import SearchBar
from tui.widgets.server_bar import ServerBar
from tui.widgets.status_filter import StatusFilterBar
from tui.widgets.status_line import StatusLine
from tui.widgets.video_table import VideoTable

if TYPE_CHECKING:
    from tui.api.client import VideosClient
    from tui.emulator import EmulatorConfig


class SoraApp(JobServers, App[None]):
    """sora-tui: a live table of video jobs, a detail pane, and a status filter bar."""

    CSS_PATH = stylesheet_path()
    TITLE = "sora-tui"
    BINDINGS: ClassVar[list[BindingType]] = list(bindings(all_actions(FEATURES)))

    def __init__(
        self,
        settings: Settings,
        *,
        features: Sequence[type[Feature]] = FEATURES,
        demo_config: EmulatorConfig | None = None,
        server_label: str | None = None,
        fleet: Fleet | None = None,
    ) -> None:
        # server_label: the server's name, not its URL (screenshots); fleet: several servers
        super().__init__()
        self.settings = settings
        self.server_label = server_label
        self.fleet = fleet if fleet is not None and fleet.many else None
        self.link = make_link(self, settings, self.fleet, demo_config)
        self.store = self.link.store
        self.remembered = self.link.history
        self._gil_switch: float | None = None  # the process's GIL interval, while mounted
        self.jobs_freeze = interpreter.JobsFreeze(self.call_after_refresh)
        self.paging = Paging(self)
        self.basics = Basics(self)
        self.feature_set = FeatureSet(feature(self) for feature in features)
        self.dispatch = Dispatch(
            by_id(all_actions(features)),
            (self.basics, *self.feature_set),
            read_only=lambda: self.server_for(self.cursor_key).settings.read_only,
            refuse=lambda note: self.toast(note, severity="warning"),
        )
        self.view = ViewKeeper(
            self.store,
            self.remembered.gone,
            table=lambda: self.table,
            filter_bar=lambda: self.dashboard_screen.query_one(StatusFilterBar),
            status_line=lambda: self.dashboard_screen.query_one(StatusLine),
            shape=self.feature_set.shape_view,
            describe=self.feature_set.describe_view,
            reshaped=self.feature_set.store_changed,
            filling=lambda: self.paging.filling,
            refreshed=self.feature_set.view_refreshed,
        )

    def feature(self, kind: type[FeatureType]) -> FeatureType:
        return self.feature_set.of(kind)  # for tests and scripts

    @property
    def dashboard_screen(self) -> Screen[object]:
        """The bottom of the stack (App.query_one searches the current screen: help, a dialog)."""
        return self.screen_stack[0] if self.screen_stack else self.screen

    @property
    def table(self) -> VideoTable:
        return self.dashboard_screen.query_one("#table", VideoTable)

    @property
    def client(self) -> VideosClient | None:
        """The first server's client (a fleet's jobs each have their own: `server_for`)."""
        return self.link.client

    @property
    def poller(self) -> PollControl | None:
        return self.link.poller

    @property
    def feed_report(self) -> FeedReport | None:
        return self.view.report

    @property
    def bucket(self) -> str:
        return self.view.bucket

    # --- layout: built here, once -----------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield StatusFilterBar(id="filters")
        if self.servers:
            yield ServerBar(self.servers, id="servers")
        yield SearchBar(id="search")
        with MainArea(id="main"):  # side by side, or the pane below the table when narrow
            yield VideoTable(id="table", servers=self.servers)
            yield DetailPane(id="detail", clock=clock.now)
        yield StatusLine(id="status", clock=clock.now, server_label=self.server_label)
        yield Static(id="footer-slot")  # the footer's row, until the footer takes it

    async def on_mount(self) -> None:
        self._gil_switch = interpreter.share_the_gil()
        self.call_after_refresh(interpreter.keep_startup_out_of_gc)
        self.call_after_refresh(mount_footer, self)  # after the first paint (see switching.py)
        if self.settings.keymap:
            self.set_keymap(self.settings.keymap)
        self.table.focus()
        self.dashboard_screen.query_one(StatusLine).demo = self.settings.runs_demo
        self.show_server(None if self.settings.runs_demo else self.settings.base_url)
        self.feature_set.mounted()
        self.run_feed()

    def show_server(self, url: str | None) -> None:
        self.sub_title = subtitle(self.settings, self.server_label, url, self.servers)

    def gone_changed(self) -> None:  # the history's gone jobs (or their count)
        if self.screen_stack:  # a history opened as the app quit: no screen to show it on
            self.view.gone_changed()

    async def on_unmount(self) -> None:
        await self.link.shut_down()
        if self._gil_switch is not None:
            interpreter.restore_gil_switch(self._gil_switch)

    @work(exclusive=True, group="feed")
    async def run_feed(self) -> None:  # the one worker that owns all network I/O
        await self.link.run(self.settings)

    async def switch_server(self, settings: Settings) -> None:
        await switch_server(self, settings)

    # --- store → widgets ------------------------------------------------------------------

    def view_ids(self) -> Sequence[str]:
        return self.view.view_ids()

    def refresh_view(self) -> None:
        self.view.refresh()

    def view_changed(self) -> None:
        """Another view (filter, search…): what is loaded at once; pages fill it (NearEnd)."""
        self.paging.view_changed()
        self.view.refresh()

    def paging_changed(self) -> None:
        self.view.show_counts()
        self.view.describe_empty()

    def apply_change(self, change: StoreChange) -> None:
        """Touch only what the change implies: the view when membership moved, else the rows."""
        if not self.is_running or not self.screen_stack:  # shutting down: widgets are gone
            return
        self.view.changed(change, self.dashboard_screen.query_one(DetailPane))
        self.post_message(FeedChanged(change))
        self.jobs_freeze.arrived(len(change.added))

    def show_report(self, status: FeedReport) -> None:
        if not self.is_running or not self.screen_stack:
            return
        self.view.report_changed(status)
        if not status.loading_page:
            self.paging.page_arrived(status)

    def set_bucket(self, bucket: str) -> None:
        if bucket != self.view.bucket:
            self.view.bucket = bucket
            self.view_changed()

    # --- widget messages --------------------------------------------------------------------

    @on(VideoTable.Selected)
    def _selected(self) -> None:
        if self.screen_stack:
            self.dashboard_screen.query_one(DetailPane).focus()

    @on(VideoTable.NearEnd)
    def _near_end(self, message: VideoTable.NearEnd) -> None:
        self.paging.near_end(by_user=message.by_user)

    @on(VideoTable.EndRequested)
    def _end_requested(self) -> None:
        self.paging.to_the_end()

    @on(VideoTable.FilterStep)
    def _filter_step(self, message: VideoTable.FilterStep) -> None:
        self.basics.step_filter(message.delta)

    @on(StatusFilterBar.Changed)
    def _filter_changed(self, message: StatusFilterBar.Changed) -> None:
        self.set_bucket(message.bucket)  # a tab clicked (keys 1-6 switched already)

    @property
    def actions(self) -> dict[str, Action]:
        return self.dispatch.actions

    @property
    def keymap(self) -> dict[str, str]:
        return self.dispatch.keymap

    def set_keymap(self, keymap: Mapping[str, str]) -> None:
        self.dispatch.keymap = dict(keymap)
        super().set_keymap(keymap)

    # --- actions: bound from the registry (tui/app/dispatch.py) --------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "run" and parameters:
            return self.dispatch.allowed(str(parameters[0]))
        return True

    def action_run(self, action_id: str) -> None:
        self.dispatch.run(action_id)

    async def on_event(self, event: events.Event) -> None:  # keys, clicks: features hear too
        if isinstance(event, (events.Key, events.MouseDown)) and not event.is_forwarded:
            self._tell_features(event)
        await super().on_event(event)

    def on_key(self, event: events.Key) -> None:
        # Keys nothing took: one that read-only mode turned off says so (not text typed).
        self.dispatch.key_pressed(event.key)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield from self.dispatch.commands()
        yield from self.feature_set.commands()

    # --- messages for the features ------------------------------------------------------------

    def _to_features(self, message: Message) -> None:
        self._tell_features(message)

    for _heard in FEATURE_MESSAGES:
        _to_features = on(_heard)(_to_features)
    del _heard

    def _tell_features(self, message: Message) -> None:
        if self.screen_stack:  # shutting down: the screens are gone
            self.feature_set.hear(message)

    def on_video_table_highlighted(self, message: VideoTable.Highlighted) -> None:
        if not self.screen_stack:
            return
        video = self.view.job(message.video_id)
        self.dashboard_screen.query_one(DetailPane).follow(video)
        self._tell_features(message)

    def escape_taken(self) -> bool:
        """Esc: stop pages loading first, then whatever a feature keeps (a search)."""
        return self.paging.stop() or self.feature_set.escape()

    # --- what features are given (tui/features/base.py Dashboard) ------------------------------

    def toast(self, text: str, *, title: str = "", timeout: float = 3, **how: Any) -> None:
        """A toast whose text may hold server text: literally, never as markup."""
        self.notify(inert(text), title=inert(title), timeout=timeout, markup=False, **how)
