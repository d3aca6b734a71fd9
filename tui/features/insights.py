"""Understand it: a summary of the loaded jobs (key ``i``) and the estimated cost of the view.

Figures come from the store only (no request is made) and say how many loaded jobs they are over;
below them, the whole history's spend and failure rate per day and model (read in a thread).
The summary screen follows the feed while it is open. "This view" is whatever the table shows
(the status filter, and any search or sort).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import TYPE_CHECKING, Final

from textual.app import SystemCommand

from tui import clock
from tui.actions import VIEW, Action
from tui.api.models import Video
from tui.cost import CostTotal, money, total
from tui.features.base import Dashboard, Feature
from tui.history.errors import HistoryUnavailable
from tui.messages import FeedChanged

if TYPE_CHECKING:  # the summary (its screen, the statistics) loads when first asked for
    from tui.history import DaySummary, History
    from tui.stats import Summary
    from tui.widgets.summary_view import SummaryScreen

INSIGHTS_ACTIONS: Final = (
    Action(
        "insights",
        "i",
        "Summary",
        VIEW,
        palette="Summary",
        palette_help="Jobs per day, failure rate, time to complete and cost of the loaded jobs (i)",
    ),
)


class Insights(Feature):
    """The summary screen and the cost of what is on show."""

    ACTIONS = INSIGHTS_ACTIONS

    def __init__(self, dashboard: Dashboard) -> None:
        super().__init__(dashboard)
        self._screen: SummaryScreen | None = None  # the last summary opened (it follows the feed)

    def view_videos(self) -> list[Video]:
        """The loaded jobs the table shows, in its order."""
        store = self.dashboard.store
        found = (store.get(video_id) for video_id in self.dashboard.view_ids())
        return [video for video in found if video is not None]

    def view_label(self) -> str:
        return self.dashboard.bucket.replace("_", " ")

    def view_cost(self) -> CostTotal:
        """The estimated cost of the jobs in the current view."""
        return total(self.view_videos())

    def summary(self) -> Summary:
        from tui.stats import summarize

        return summarize(self.dashboard.store, clock.now())

    def do_insights(self) -> None:
        from tui.widgets.summary_view import SummaryScreen

        self._screen = screen = SummaryScreen(self.summary(), self.view_label(), self.view_cost())
        self.dashboard.push_screen(screen)
        self.in_worker(lambda: self._history_summary(screen), group="summary", exclusive=True)

    async def _history_summary(self, screen: SummaryScreen) -> None:
        """The whole history's figures, read in a thread (None: no history to read). In a
        fleet, every server's history, added up day by day and model by model."""
        dashboard = self.dashboard
        names = dashboard.servers or ("",)
        opened = [await dashboard.server_named(name).remembered.opened() for name in names]
        histories = [history for history in opened if history is not None]
        rows: list[DaySummary] | None = None
        if histories:
            try:
                rows = await asyncio.to_thread(_summary_of, histories)
            except HistoryUnavailable:
                rows = None
        screen.show_history(rows)

    def show_view_cost(self) -> None:
        self.dashboard.toast(
            f"Estimated cost of this view ({self.view_label()}): {self.view_cost().line()}"
        )

    def on_feed_changed(self, message: FeedChanged) -> None:
        screen = self._screen
        if screen is not None and screen in self.dashboard.screen_stack:
            screen.show_summary(self.summary(), self.view_label(), self.view_cost())

    def commands(self) -> Iterable[SystemCommand]:
        cost = self.view_cost()
        yield SystemCommand(
            f"Cost of this view ({self.view_label()}): {money(cost.cents)}",
            "Estimated cost of the jobs the table shows (failed jobs: likely not billed)",
            self.show_view_cost,
        )


def _summary_of(histories: list[History]) -> list[DaySummary]:
    from tui.history.summary import added_up

    for history in histories:
        history.flush()  # every job seen so far, the last batch included
    return added_up([history.summary() for history in histories])
