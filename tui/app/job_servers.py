"""A job's server, as the features ask for it: the one server, or the fleet member its key
names (tui/job_keys.py). Part of the App (a mixin): it reads the app's link and table."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from tui.api.models import Video
from tui.app.feed_link import FeedLink
from tui.app.fleet_link import FleetLink
from tui.feed.poller import FeedReport
from tui.feed.store import StoreChange
from tui.fleet import Fleet
from tui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from textual.screen import Screen

    from tui.widgets.video_table import VideoTable


class JobServers:
    link: FeedLink | FleetLink
    fleet: Fleet | None

    if TYPE_CHECKING:

        @property
        def table(self) -> VideoTable: ...
        @property
        def screen_stack(self) -> list[Screen[object]]: ...
        def apply_change(self, change: StoreChange) -> None: ...
        @property
        def is_running(self) -> bool: ...

    @property
    def cursor_key(self) -> str | None:
        """The key of the job under the cursor (None before the table is there)."""
        return self.table.cursor_id if self.screen_stack else None

    @property
    def servers(self) -> tuple[str, ...]:
        """A fleet's profile names, in order; () for the one server."""
        return self.fleet.names if self.fleet is not None else ()

    def jobs_per_server(self) -> Counter[str]:
        """Loaded jobs per fleet member (empty for the one server)."""
        link = self.link
        return link.view.jobs_per_server() if isinstance(link, FleetLink) else Counter()

    def server_reports(self) -> list[tuple[str, FeedReport]]:
        link = self.link
        if isinstance(link, FleetLink):
            return [(name, link.reports[name]) for name in link.names if name in link.reports]
        report = link.poller.report if link.poller is not None else None
        return [("", report)] if report is not None else []

    def server_for(self, key: str | None) -> FeedLink:
        return self.link.server_for(key)

    def server_named(self, name: str) -> FeedLink:
        """The fleet member of that profile name ("": the one server, or the first)."""
        return self.link.server_named(name)

    def key_of(self, server: str, video_id: str) -> str:
        return self.link.key_of(server, video_id)

    def add_job(self, server: str, video: Video) -> str:
        """A job made here on ``server``: into the store and onto the screen; its key."""
        self.apply_change(self.link.add_job(server, video))
        return self.link.key_of(server, video.id)

    def show_fleet(self, reports: list[tuple[str, FeedReport]]) -> None:
        """Each server's own state, for the status line's per-server part."""
        if self.is_running and self.screen_stack:
            self.screen_stack[0].query_one(StatusLine).show_fleet(reports)

    def remove_job(self, key: str) -> None:
        """A job deleted here: out of the store and off the screen."""
        self.apply_change(self.link.remove_job(key))
