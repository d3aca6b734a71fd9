"""A fleet's histories as the features see one: every member's, each its own file."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import TYPE_CHECKING

from tui.feed.gone import GoneJobs
from tui.feed.poller import FeedReport
from tui.history import History
from tui.job_keys import split_key

if TYPE_CHECKING:
    from tui.app.fleet_link import FleetLink


class FleetRemembered:
    """Every member's history, as the features see one: the gone jobs of all of them (keyed by
    server), marks and reads sent to the job's own server. No one file holds a fleet, so
    ``history`` is None: what reads one file (the summary, a job's downloads) is per server."""

    def __init__(self, link: FleetLink) -> None:
        self._link = link
        self.gone = GoneJobs()

    @property
    def history(self) -> History | None:
        return None

    async def opened(self) -> History | None:
        return None

    def rebuild_gone(self) -> None:
        gone = self.gone
        gone.clear()
        for name, member in self._link.members.items():
            member_gone = member.history.gone
            gone.add(member_gone.entries(), server=name)
            gone.total += max(member_gone.total, len(member_gone))
        gone.exhausted = all(m.history.gone.exhausted for m in self._link.members.values())

    def mark_gone(self, ids: Iterable[str], *, reason: str) -> None:
        by_server: dict[str, list[str]] = {}
        for key in ids:
            server, video_id = split_key(key)
            by_server.setdefault(server, []).append(video_id)
        for server, video_ids in by_server.items():
            member = self._link.members.get(server)
            if member is not None:
                member.history.mark_gone(video_ids, reason=reason)

    async def near_end(self, bucket: str, report: FeedReport | None) -> None:
        link = self._link
        await asyncio.gather(
            *(
                member.history.near_end(bucket, link.reports.get(name))
                for name, member in link.members.items()
            )
        )

    async def recall_matching(self, text: str) -> None:
        await asyncio.gather(
            *(member.history.recall_matching(text) for member in self._link.members.values())
        )
