"""The app's link to its servers: one `FeedLink`, or a `FleetLink` of several."""

from __future__ import annotations

import asyncio
import contextlib
from functools import partial
from typing import TYPE_CHECKING, Any, Final, Protocol

from tui.app.feed_link import FeedLink
from tui.app.fleet_link import FleetLink
from tui.app.history_link import Say
from tui.feed.poller import FeedReport
from tui.feed.store import StoreChange, VideoStore
from tui.fleet import Fleet
from tui.settings import Settings

if TYPE_CHECKING:
    from textual.screen import Screen

    from tui.emulator import EmulatorConfig
    from tui.widgets.video_table import VideoTable


# Long enough for any frame; a screen that is going away may never paint again.
PAINT_WAIT: Final = 1.0


class LinkHost(Protocol):
    """Where a link's news goes (the app)."""

    @property
    def table(self) -> VideoTable: ...
    @property
    def screen_stack(self) -> list[Screen[Any]]: ...
    @property
    def toast(self) -> Say: ...
    def apply_change(self, change: StoreChange) -> None: ...
    def show_report(self, status: FeedReport) -> None: ...
    def show_fleet(self, reports: list[tuple[str, FeedReport]]) -> None: ...
    def show_server(self, url: str | None) -> None: ...
    def gone_changed(self) -> None: ...


async def rows_painted(host: LinkHost) -> None:
    """Until the rows now on the table have been painted (at most `PAINT_WAIT`)."""
    if host.screen_stack:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(host.table.wait_for_refresh(), PAINT_WAIT)


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
            painted=partial(rows_painted, host),
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
        painted=partial(rows_painted, host),
        demo_config=demo_config,
    )
