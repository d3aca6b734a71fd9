"""The dashboard's screen changing under it: the footer arriving, another server taking over."""

from __future__ import annotations

import contextlib
from typing import Protocol

from textual.app import App
from textual.screen import Screen
from textual.widgets import Footer
from textual.worker import WorkerCancelled, WorkerFailed
from textual.worker_manager import WorkerManager

from tui.app.feature_set import FeatureSet
from tui.app.feed_link import FeedLink
from tui.app.fleet_link import FleetLink
from tui.app.paging import Paging
from tui.feed.store import StoreChange, VideoStore
from tui.settings import Settings
from tui.widgets.status_line import StatusLine


class Switchable(Protocol):
    store: VideoStore
    settings: Settings
    link: FeedLink | FleetLink
    paging: Paging
    feature_set: FeatureSet

    @property
    def workers(self) -> WorkerManager: ...
    def refresh_bindings(self) -> None: ...

    @property
    def dashboard_screen(self) -> Screen[object]: ...
    def apply_change(self, change: StoreChange) -> None: ...
    def show_server(self, url: str | None) -> None: ...
    def run_feed(self) -> object: ...
    def toast(self, text: str, *, title: str = "", timeout: float = 3) -> None: ...


async def mount_footer(app: App[None]) -> None:
    """The footer joins after the first paint, in the row kept for it (#footer-slot): at
    start-up focus and screen move several times, and each move would rebuild every key of a
    footer already there (~20 ms each)."""
    if not (app.is_running and app.screen_stack and app.screen_stack[0].is_mounted):
        return
    screen = app.screen_stack[0]
    slot = screen.query_one("#footer-slot")
    await screen.mount(Footer(), before=slot)
    await slot.remove()


async def switch_server(app: Switchable, settings: Settings) -> None:
    """Stop the feed, forget its jobs, and run it again against ``settings``' server."""
    if isinstance(app.link, FleetLink):
        note = "A fleet shows all of its profiles at once: start with one --profile for one"
        app.toast(note, title="Profiles", timeout=4)
        return
    feed = [worker for worker in app.workers if worker.group == "feed"]
    for worker in feed:
        worker.cancel()
        with contextlib.suppress(WorkerCancelled, WorkerFailed):
            await worker.wait()
    await app.link.stop_emulator()
    app.link.forget()
    # The old server's jobs are not deleted, only gone from sight: features forget them (no
    # "followed job deleted"), paging forgets its goal, then one removal empties the view.
    app.feature_set.server_changed()
    app.paging.view_changed()
    app.apply_change(app.store.remove_many(list(app.store.ordered_ids())))
    app.settings = settings
    app.dashboard_screen.query_one(StatusLine).demo = settings.runs_demo
    app.show_server(None if settings.runs_demo else settings.base_url)
    app.refresh_bindings()  # read-only may have changed what is allowed
    app.run_feed()
    app.toast(f"Switched to profile {settings.profile}", title="Profiles", timeout=2)
