"""The dashboard's own actions: the status filters, refresh, pause, help, quit, Esc.

Handled like a feature's (declared in tui/actions.py CORE_ACTIONS, run through the app's action
dispatch), but part of the core: every dashboard has them.
"""

from __future__ import annotations

from typing import Protocol

from tui.actions import CORE_ACTIONS, FILTER_BAR_SCOPE, TABLE_SCOPE, Action
from tui.app.feed_link import FeedLink
from tui.app.fleet_link import FleetLink
from tui.features.base import Dashboard, Feature
from tui.feed.filters import BUCKETS
from tui.widgets.status_filter import StatusFilterBar


class Host(Dashboard, Protocol):
    """The app, as the core's actions see it."""

    link: FeedLink | FleetLink

    @property
    def actions(self) -> dict[str, Action]: ...
    @property
    def keymap(self) -> dict[str, str]: ...

    def set_bucket(self, bucket: str) -> None: ...
    def escape_taken(self) -> bool: ...
    def exit(self) -> None: ...


class Basics(Feature):
    ACTIONS = tuple(a for a in CORE_ACTIONS if a.scope not in (TABLE_SCOPE, FILTER_BAR_SCOPE))

    def __init__(self, dashboard: Host) -> None:
        super().__init__(dashboard)
        self.host = dashboard

    def run(self, action_id: str) -> None:
        bucket = action_id.removeprefix("filter_")
        if bucket != action_id and bucket in BUCKETS:  # filter_failed: key 5
            self.show_bucket(bucket)
        else:
            super().run(action_id)

    def show_bucket(self, bucket: str) -> None:
        bar = self.host.dashboard_screen.query_one(StatusFilterBar)
        bar.select(bucket)
        # Now rather than on the bar's Changed message: the tabs and the rows are then laid out
        # and painted in one screen update, not two.
        if bar.bucket == bucket:
            self.host.set_bucket(bucket)

    def step_filter(self, delta: int) -> None:
        tabs = self.host.dashboard_screen.query_one(StatusFilterBar).visible_buckets
        bucket = self.host.bucket
        index = tabs.index(bucket) if bucket in tabs else 0
        self.show_bucket(tabs[(index + delta) % len(tabs)])

    def do_refresh(self) -> None:
        poller = self.host.poller
        if poller is not None:
            poller.refresh_now()
        if self.host.link.paused:
            self.host.toast("Paused: fetching once (p resumes polling)", timeout=2)
        else:
            self.host.toast("Refreshing now", timeout=1.5)

    def do_pause(self) -> None:
        paused = not self.host.link.paused
        self.host.link.set_paused(paused)
        self.host.toast("Polling paused" if paused else "Polling resumed", timeout=1.5)

    def do_help(self) -> None:
        from tui.widgets.help_screen import HelpScreen  # loaded when first asked for, not at start

        self.host.push_screen(HelpScreen(self.host.actions, self.host.keymap))

    def do_quit(self) -> None:
        self.host.exit()

    def do_focus_table(self) -> None:
        if not self.host.escape_taken():
            self.host.table.focus()
