"""How a feature hooks into the dashboard: the one rule, written once.

A feature is a plain object made by the app with the `Dashboard` (what it may use: the store,
the table, the client, the settings, toasts, screens, workers). It

* declares the actions it handles in ``ACTIONS`` (tui/actions.py); the app binds their keys,
  lists them in help and the palette, refuses the server-changing ones in read-only mode, and
  calls the feature's ``do_<action id>()`` when one is pressed;
* hears messages by Textual's handler names: the app hands every message in
  `tui.app.composition.FEATURE_MESSAGES` to ``hear``, which calls ``on_<message name>`` if the feature has
  it (``on_video_table_highlighted``, ``on_feed_changed``, ``on_search_bar_changed`` …);
* hears of each store change before the rows are redone (``store_changed``), may shape the
  table's rows (``shape_view``, in the app's feature order: watch, search, sort), describe them
  (``describe_view``), take Esc (``on_escape``), forget a server (``server_changed``), and add
  palette entries (``commands``).

Features never import each other; what several of them hear lives in `tui.messages`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Coroutine, Iterable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeVar

from textual.app import SystemCommand
from textual.command import CommandListItem
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.signal import Signal
from textual.theme import Theme
from textual.worker import Worker
from textual.worker_manager import WorkerManager

from tui.actions import Action
from tui.api.models import Video
from tui.feed.gone import GoneJobs
from tui.feed.poller import FeedReport, PollControl
from tui.feed.store import StoreChange, VideoStore
from tui.job_keys import video_id_of
from tui.settings import Settings
from tui.widgets.video_table import VideoTable

if TYPE_CHECKING:
    from tui.api.client import VideosClient
    from tui.history import History

ResultType = TypeVar("ResultType")


class Remembered(Protocol):
    """The local history as features see it (tui/app/history_link.py): the open file (None:
    off or unavailable), the jobs gone from the server, and how a feature says one went."""

    @property
    def history(self) -> History | None: ...
    @property
    def gone(self) -> GoneJobs: ...
    async def opened(self) -> History | None: ...  # the history, once a new file is made
    def mark_gone(self, ids: Iterable[str], *, reason: str) -> None: ...
    async def near_end(self, bucket: str, report: FeedReport | None) -> None: ...
    async def recall_matching(self, text: str) -> None: ...


class JobServer(Protocol):
    """The server a job is on: the one server, or in a fleet the member the job's key names
    (tui/job_keys.py). Actions on a job go to its server's client, history and settings."""

    @property
    def name(self) -> str: ...  # its profile's name in a fleet; "" for the one server
    @property
    def client(self) -> VideosClient | None: ...
    @property
    def settings(self) -> Settings: ...
    @property
    def remembered(self) -> Remembered: ...


class Dashboard(Protocol):
    """What a feature is given: the app, seen through the parts a feature may use."""

    store: VideoStore
    settings: Settings
    title: str
    sub_title: str

    @property
    def remembered(self) -> Remembered: ...

    @property
    def table(self) -> VideoTable: ...
    @property
    def client(self) -> VideosClient | None: ...
    @property
    def poller(self) -> PollControl | None: ...
    @property
    def feed_report(self) -> FeedReport | None: ...
    @property
    def dashboard_screen(self) -> Screen[object]: ...
    @property
    def bucket(self) -> str: ...

    @property
    def screen_stack(self) -> list[Screen[Any]]: ...

    def toast(
        self,
        text: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float = 3,
    ) -> None:
        """A toast whose text may hold server text: shown literally, never as markup."""

    def bell(self) -> None: ...
    def copy_to_clipboard(self, text: str) -> None: ...
    def push_screen(
        self, screen: Screen[ResultType], callback: Callable[[ResultType | None], Any] | None = None
    ) -> Any: ...
    async def push_screen_wait(self, screen: Screen[ResultType]) -> Any: ...
    def run_worker(
        self,
        work: Callable[[], Coroutine[Any, Any, object]],
        *,
        group: str = "default",
        exclusive: bool = False,
        exit_on_error: bool = True,
    ) -> Worker[object]: ...
    @property
    def workers(self) -> WorkerManager: ...
    def apply_change(self, change: StoreChange) -> None: ...
    @property
    def servers(self) -> tuple[str, ...]:
        """A fleet's profile names, in order; () for the one server."""

    def jobs_per_server(self) -> Counter[str]:
        """Loaded jobs per fleet member (empty for the one server)."""

    def server_reports(self) -> list[tuple[str, FeedReport]]:
        """Each server's own report, in order: a fleet's by profile name, the one server's
        as ("", report); none before the first."""

    def server_named(self, name: str) -> JobServer:
        """The fleet member of that profile name ("": the one server, or the first)."""

    def key_of(self, server: str, video_id: str) -> str:
        """The row key of job ``video_id`` on ``server`` (its id, for the one server)."""

    def server_for(self, key: str | None) -> JobServer:
        """The server of the job with this row key (None: the default server)."""

    def add_job(self, server: str, video: Video) -> str:
        """A job made here on ``server``: into the store and on screen; its row key."""

    def remove_job(self, key: str) -> None:
        """A job deleted here: out of the store and off the screen."""

    def post_message(self, message: Message) -> bool: ...
    def refresh_view(self) -> None: ...
    def view_changed(self) -> None: ...
    def view_ids(self) -> Sequence[str]: ...
    async def switch_server(self, settings: Settings) -> None: ...

    # themes and the palette (the profiles feature)
    theme: str

    @property
    def available_themes(self) -> dict[str, Theme]: ...
    @property
    def theme_changed_signal(self) -> Signal[Theme]: ...
    def search_commands(
        self, commands: Sequence[CommandListItem], placeholder: str = "Search for commands…"
    ) -> Any: ...


class Feature:
    """A part of the dashboard; see the module docstring for how it hooks in."""

    ACTIONS: ClassVar[tuple[Action, ...]] = ()

    def __init__(self, dashboard: Dashboard) -> None:
        self.dashboard = dashboard

    # --- hooks: the app calls each on every feature, in its feature order --------------------

    def mounted(self) -> None:
        """The dashboard is on screen; the feed starts right after."""

    def store_changed(self, change: StoreChange) -> bool:
        """The store changed (before the rows are redone; FeedChanged comes after). True when
        this feature's shaping can move rows on a change of data (a search, a sort)."""
        return False

    def server_changed(self) -> None:
        """Another server takes over: what was known of the old one's jobs is void."""

    def shape_view(self, ids: Sequence[str]) -> Sequence[str]:
        """The rows the table shows, given the rows the features before this one left."""
        return ids

    def view_refreshed(self) -> None:
        """The table was given new rows (a filter, a search, new jobs…)."""

    def describe_view(self, what: str) -> str:
        """Words for what the view holds ("failed jobs matching “fox”"), for an empty view."""
        return what

    def on_escape(self) -> bool:
        """Esc on the dashboard: True when this feature used it (stopped or cleared something)."""
        return False

    def commands(self) -> Iterable[SystemCommand]:
        """Palette entries beyond the declared actions (ones whose words change)."""
        return ()

    # --- what most features need ------------------------------------------------------------

    def cursor_job(self, *, on_server: bool = True) -> Video | None:
        """The job under the table's cursor; says so when there is none. ``on_server``: the
        action needs the server, so a job gone from it (the Gone view) is refused, saying why."""
        video_id = self.dashboard.table.cursor_id
        video = self.dashboard.store.get(video_id) if video_id else None
        gone = self.dashboard.remembered.gone
        if video is None and video_id and not on_server:
            return gone.get(video_id)
        note = gone.note(video_id) if video_id and video is None else None
        if note is not None and video_id is not None:
            self.dashboard.toast(
                f"{video_id_of(video_id)} is gone from the server ({note.reason}): "
                "this needs the server",
                severity="warning",
            )
        elif video is None:
            self.dashboard.toast("No job selected", severity="warning", timeout=2)
        return video

    def connected(self, key: str | None = None) -> VideosClient | None:
        """The client of the server of the job with row key ``key`` (None: the default
        server), once the feed has one; says so when not yet."""
        client = self.dashboard.server_for(key).client
        if client is None:
            self.dashboard.toast("Not connected to a server yet", severity="warning")
        return client

    def in_worker(
        self,
        work: Callable[[], Coroutine[Any, Any, object]],
        *,
        group: str,
        exclusive: bool = False,
    ) -> None:
        """Run ``work`` in a worker of the app (I/O never blocks the screen); its failures are
        the feature's to say, never the app's end. The coroutine is made when the worker
        starts: an exclusive worker cancelled before it ran leaves none un-awaited."""

        async def run() -> object:
            return await work()

        self.dashboard.run_worker(run, group=group, exclusive=exclusive, exit_on_error=False)

    def cancel_workers(self, group: str) -> None:
        for worker in self.dashboard.workers:
            if worker.group == group:
                worker.cancel()

    # --- plumbing --------------------------------------------------------------------------

    def hear(self, message: Message) -> None:
        handler = getattr(self, message.handler_name, None)
        if callable(handler):
            handler(message)

    def run(self, action_id: str) -> None:
        getattr(self, f"do_{action_id}")()
