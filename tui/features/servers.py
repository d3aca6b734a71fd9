"""A fleet's server filter: ``f`` steps through the servers (All, then each), a click on a
server tab chooses one; the tabs count each server's loaded jobs. One server: nothing to do.
``F``: every server's state in full (tui/widgets/server_panel.py), for one server too."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from tui.actions import VIEW, Action
from tui.features.base import Feature
from tui.feed.store import StoreChange
from tui.job_keys import SEPARATOR
from tui.widgets.server_bar import ALL_SERVERS, ServerBar

SERVER_ACTIONS: Final = (
    Action(
        "next_server",
        "f",
        "Next server",
        VIEW,
        show=False,  # not in the footer: one server has nothing to step through
        palette="Next server",
        palette_help="Show the next server's jobs only, or every server's (f)",
    ),
    Action(
        "server_status",
        "F",
        "Servers' status",
        VIEW,
        show=False,
        palette="Servers' status",
        palette_help="Each server's state in full: its error and request id, retry, jobs loaded (F)",
    ),
)


class Servers(Feature):
    ACTIONS = SERVER_ACTIONS
    server = ALL_SERVERS  # the server whose jobs the view shows ("": all)

    def mounted(self) -> None:
        self._show_counts()

    def do_next_server(self) -> None:
        names = (ALL_SERVERS, *self.dashboard.servers)
        if len(names) == 1:
            self.dashboard.toast("One server: there is no other to show", timeout=2)
            return
        self.choose(names[(names.index(self.server) + 1) % len(names)])

    def do_server_status(self) -> None:
        from tui.widgets.server_panel import ServerPanel

        self.dashboard.push_screen(ServerPanel(self.dashboard.server_reports))

    def choose(self, server: str) -> None:
        if server != self.server:
            self.server = server
            self._show_counts()
            self.dashboard.view_changed()

    def on_server_bar_chosen(self, message: ServerBar.Chosen) -> None:
        self.choose(message.server)

    def store_changed(self, change: StoreChange) -> bool:
        if change.added or change.removed:
            self._show_counts()
        return False

    def shape_view(self, ids: Sequence[str]) -> Sequence[str]:
        if not self.server:
            return ids
        prefix = self.server + SEPARATOR
        return [key for key in ids if key.startswith(prefix)]

    def describe_view(self, what: str) -> str:
        return f"{what} on {self.server}" if self.server else what

    def _show_counts(self) -> None:
        if not self.dashboard.servers or not self.dashboard.screen_stack:
            return
        bar = self.dashboard.dashboard_screen.query_one(ServerBar)
        bar.show(self.dashboard.jobs_per_server(), self.server)
