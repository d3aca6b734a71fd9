"""A fleet's feed as the app's one feed: its paging controls and its one report.

More rows ask the servers that hold the horizon up (tui/feed/fleet_view.py); ``G`` asks every
server for all of its pages; pause and refresh go to all. The one report sums the members'.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.feed.fleet_view import servers_to_page
from tui.feed.paging import END_COMPLETE
from tui.feed.poller import FeedReport

if TYPE_CHECKING:
    from tui.app.fleet_link import FleetLink


class FleetPoller:
    """The paging controls of every member, as the app's one poller."""

    def __init__(self, link: FleetLink) -> None:
        self._link = link

    def want_more(self) -> None:
        """The next page from the servers that hold the horizon up (tui/feed/fleet_view.py);
        a server that is failing or has not answered yet holds nothing up."""
        link = self._link
        more = [
            name
            for name, member in link.members.items()
            if member.poller is not None
            and (report := link.reports.get(name)) is not None
            and report.last_success is not None
            and report.error is None
            and not report.end_reached
        ]
        oldest = {name: link.view.oldest_key(name) for name in more}
        for name in servers_to_page(oldest, more):
            poller = link.members[name].poller
            if poller is not None:
                poller.want_more()

    def load_all(self) -> None:
        for name, member in self._link.members.items():
            report = self._link.reports.get(name)
            if member.poller is not None and not (report and report.end_reached):
                member.poller.load_all()

    def stop_loading(self) -> bool:
        stopped = False
        for member in self._link.members.values():
            if member.poller is not None:
                stopped = member.poller.stop_loading() or stopped
        return stopped

    def refresh_now(self) -> None:
        for member in self._link.members.values():
            if member.poller is not None:
                member.poller.refresh_now()

    def set_paused(self, paused: bool) -> None:
        self._link.set_paused(paused)

    @property
    def report(self) -> FeedReport:
        """Every member's report so far, as one."""
        link = self._link
        reports = [(n, link.reports[n]) for n in link.names if n in link.reports]
        return fleet_report(reports, len(link.members))

    @property
    def loading_all(self) -> bool:
        return any(
            member.poller is not None and member.poller.loading_all
            for member in self._link.members.values()
        )


def fleet_report(reports: list[tuple[str, FeedReport]], size: int) -> FeedReport:
    """The members' reports as one: live while any server is, loaded and in flight summed, the
    end reached when every server's is. Each server's own state and error are the status
    line's per-server part (tui/widgets/fleet_status_text.py)."""
    all_in = len(reports) == size
    states = [report.state for _, report in reports]
    state = "live" if "live" in states else (states[0] if states else "connecting")
    successes = [r.last_success for _, r in reports if r.last_success is not None]
    polls = [r.next_poll_at for _, r in reports if r.next_poll_at is not None]
    ended = all_in and all(r.end_reached for _, r in reports)
    complete = ended and all(r.end_kind == END_COMPLETE for _, r in reports)
    loaded = sum(r.loaded for _, r in reports)
    end_note = None
    if ended:
        end_note = f"all {size} servers loaded" if complete else "every server's end reached"
    return FeedReport(
        server=f"{size} servers",
        state=state,
        last_success=max(successes) if successes else None,
        next_poll_at=min(polls) if polls else None,
        error=None,
        retry_at=None,
        loaded=loaded,
        end_reached=ended,
        end_note=end_note,
        loading_page=any(r.loading_page for _, r in reports),
        in_flight=sum(r.in_flight for _, r in reports),
        end_kind=(END_COMPLETE if complete else reports[0][1].end_kind) if ended else None,
        loading_all=any(r.loading_all for _, r in reports),
        bulk_pages=sum(r.bulk_pages for _, r in reports),
        bulk_jobs=sum(r.bulk_jobs for _, r in reports),
        bulk_seconds=max((r.bulk_seconds for _, r in reports), default=0.0),
    )
