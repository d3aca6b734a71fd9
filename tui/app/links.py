"""The app's link to its servers: one `FeedLink`, or a `FleetLink` of several."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from tui.app.feed_link import FeedLink
from tui.app.fleet_link import FleetLink
from tui.app.history_link import Say
from tui.feed.poller import FeedReport
from tui.feed.store import StoreChange, VideoStore
from tui.fleet import Fleet
from tui.settings import Settings

if TYPE_CHECKING:
    from tui.emulator import EmulatorConfig


class LinkHost(Protocol):
    """Where a link's news goes (the app)."""

    @property
    def toast(self) -> Say: ...
    def apply_change(self, change: StoreChange) -> None: ...
    def show_report(self, status: FeedReport) -> None: ...
    def show_fleet(self, reports: list[tuple[str, FeedReport]]) -> None: ...
    def show_server(self, url: str | None) -> None: ...
    def gone_changed(self) -> None: ...


def make_link(
    host: LinkHost,
    settings: Settings,
    fleet: Fleet | None,
    demo_config: EmulatorConfig | None,
) -> FeedLink | FleetLink:
    """``fleet`` (of several servers): a FleetLink; else the one server's FeedLink."""
    if fleet is not None and fleet.many:
        return FleetLink(
            fleet,
            on_change=host.apply_change,
            on_report=host.show_report,
            on_reports=host.show_fleet,
            on_gone=host.gone_changed,
            on_history_failure=host.toast,
            demo_config=demo_config,
        )
    return FeedLink(
        VideoStore(),
        settings,
        on_change=host.apply_change,
        on_report=host.show_report,
        on_server=host.show_server,
        on_gone=host.gone_changed,
        on_history_failure=host.toast,
        demo_config=demo_config,
    )
