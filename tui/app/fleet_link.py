"""The link to a fleet: one `FeedLink` per server, each failing on its own, merged in one view.

Every member runs exactly as one server's dashboard does (its own client, poller, backoff,
paging, reconcile and history), on its own `VideoStore`, in its own task: a slow, failing or
unreachable server never holds up another's changes. What each member's store does is turned
into the merged store's change (tui/feed/fleet_view.py) at once, and reaches the screen in the
same turn of the event loop: the changes of members that answer together (pollers on the same
interval, a tick of every server) are handed on as one, so the rows, counts and features are
redone once, not once per server. A member's report hands on what is pending first.

To the app the fleet looks like one feed: `FleetPoller` passes the paging controls on (more
rows: the servers that hold the horizon up; ``G``: every server to its end; pause, refresh:
all), `fleet_report` sums the members' reports into one, and `FleetRemembered` is the
members' histories seen together (their gone jobs merged, keyed by server).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.notifications import SeverityLevel

from tui.api.models import Video
from tui.app.feed_link import FeedLink, Painted
from tui.app.fleet_history import FleetRemembered
from tui.app.fleet_poller import FleetPoller, fleet_report
from tui.app.history_link import Say
from tui.feed.fleet_view import FleetView
from tui.feed.poller import FeedReport
from tui.feed.store import StoreChange, VideoStore
from tui.fleet import Fleet
from tui.job_keys import job_key, split_key
from tui.settings import Settings

if TYPE_CHECKING:
    from tui.api.client import VideosClient
    from tui.emulator import EmulatorConfig, EmulatorServer

log = logging.getLogger(__name__)

FleetReports = Callable[[list[tuple[str, FeedReport]]], None]


class FleetLink:
    """Runs every server of a `Fleet` at once; the app sees one store and one feed."""

    def __init__(
        self,
        fleet: Fleet,
        *,
        on_change: Callable[[StoreChange], None],
        on_report: Callable[[FeedReport], None],
        on_reports: FleetReports,
        on_gone: Callable[[], None],
        on_history_failure: Say,
        painted: Painted | None = None,
        demo_config: EmulatorConfig | None = None,
    ) -> None:
        # demo_config: the members in demo mode each start an emulator of it (seed + place)
        self.fleet = fleet
        self.members: dict[str, FeedLink] = {}
        for name, settings in fleet.items():
            self.members[name] = FeedLink(
                VideoStore(),
                settings,
                name=name,
                on_change=partial(self.member_changed, name),
                on_report=partial(self.member_reported, name),
                on_server=lambda url: None,  # the header names the profiles, not URLs
                on_gone=self._gone_changed,
                on_history_failure=self._history_failure(name, on_history_failure),
                painted=painted,
                demo_config=_member_demo(demo_config, len(self.members)),
            )
        self.view = FleetView({name: link.store for name, link in self.members.items()})
        self.store = self.view.merged
        self.reports: dict[str, FeedReport] = {}
        self.history = FleetRemembered(self)
        self.poller: FleetPoller | None = None
        self.emulator: EmulatorServer | None = None  # demo members each run their own
        self.paused = False
        self._on_change = on_change
        self._pending: StoreChange | None = None  # merged changes not handed on yet
        self._on_report = on_report
        self._on_reports = on_reports
        self._on_gone = on_gone

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.members)

    @property
    def client(self) -> VideosClient | None:
        """The first server's client (what a new job is sent to unless told otherwise)."""
        return self.members[self.names[0]].client

    @property
    def settings(self) -> Settings:
        return self.fleet.default

    @property
    def remembered(self) -> FleetRemembered:
        return self.history

    # --- running -------------------------------------------------------------------------

    async def run(self, settings: Settings | None = None) -> None:
        """Run every member until cancelled; one member's crash is logged, never the others'."""
        self.poller = FleetPoller(self)
        try:
            async with asyncio.TaskGroup() as group:
                for name, link in self.members.items():
                    group.create_task(self._run_member(name, link))
        finally:
            self.poller = None

    async def _run_member(self, name: str, link: FeedLink) -> None:
        try:
            await link.run(link.settings)
        except asyncio.CancelledError:
            raise
        except Exception:  # a bug in one member's feed must not stop the fleet
            log.exception("fleet member %s stopped", name)
        finally:
            link.forget()

    def member_changed(self, name: str, change: StoreChange) -> None:
        """Member ``name``'s store did ``change``: the merged store's part of it now, the app's
        once the event loop turns (with whatever other members change meanwhile)."""
        merged = self.view.apply(name, change)
        if merged.empty:
            return
        if self._pending is None:
            self._pending = merged
            asyncio.get_running_loop().call_soon(self.hand_on)
        else:
            self._pending = self._pending | merged

    def hand_on(self) -> None:
        """Give the app the merged changes not handed on yet, as one."""
        change, self._pending = self._pending, None
        if change is not None:
            self._on_change(change)

    def member_reported(self, name: str, report: FeedReport) -> None:
        self.hand_on()  # the report follows the rows it speaks of
        self.reports[name] = report
        reports = [(n, self.reports[n]) for n in self.names if n in self.reports]
        self._on_reports(reports)
        self._on_report(fleet_report(reports, len(self.members)))

    def _gone_changed(self) -> None:
        self.history.rebuild_gone()
        self._on_gone()

    @staticmethod
    def _history_failure(name: str, say: Say) -> Say:
        def said(text: str, *, severity: SeverityLevel, timeout: float) -> None:
            say(f"{name}: {text}", severity=severity, timeout=timeout)

        return said

    def set_paused(self, paused: bool) -> None:
        self.paused = paused
        for link in self.members.values():
            link.set_paused(paused)

    async def shut_down(self) -> None:
        for link in self.members.values():
            with contextlib.suppress(Exception):
                await link.shut_down()

    async def stop_emulator(self) -> None:
        """A fleet has no emulator of its own (demo members stop theirs at shut-down)."""

    def forget(self) -> None:
        self.poller = None
        for link in self.members.values():
            link.forget()

    # --- jobs and their servers ----------------------------------------------------------

    def server_for(self, key: str | None) -> FeedLink:
        """The member a job key is on (None, or a key of no member: the first server)."""
        if key is not None:
            member = self.members.get(split_key(key)[0])
            if member is not None:
                return member
        return self.members[self.names[0]]

    def server_named(self, name: str) -> FeedLink:
        """The member of that profile name (an unknown name: the first server)."""
        return self.members.get(name) or self.members[self.names[0]]

    def key_of(self, server: str, video_id: str) -> str:
        return job_key(server, video_id)

    def add_job(self, server: str, video: Video) -> StoreChange:
        """A job this dashboard made on ``server`` (a new job, a remix): in the stores now (what
        the members changed before it handed on first, so the app hears them in order)."""
        self.hand_on()
        link = self.members[server]
        return self.view.apply(server, link.store.upsert(video))

    def remove_job(self, key: str) -> StoreChange:
        """A job this dashboard deleted: out of its server's store and the merged one."""
        self.hand_on()
        server, video_id = split_key(key)
        link = self.members.get(server)
        if link is None:
            return self.store.remove(key)
        return self.view.apply(server, link.store.remove(video_id))


def _member_demo(config: EmulatorConfig | None, place: int) -> EmulatorConfig | None:
    """A member's own demo world: the fleet's, seeded apart (no two servers alike)."""
    if config is None:
        return None
    from dataclasses import replace

    return replace(config, seed=config.seed + place)
