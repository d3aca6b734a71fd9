"""Understand it: a summary of the loaded jobs (key ``i``) and the estimated cost of the view.

Figures come from the store only (no request is made) and say how many loaded jobs they are over.
The summary screen follows the feed while it is open. "This view" is whatever the table shows
(``view_ids()``: the status filter, and any search or sort a feature adds).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from tui import clock
from tui.api.models import Video
from tui.cost import CostTotal, money, total
from tui.dashboard import DashboardApp, FeedChanged
from tui.stats import Summary, summarize
from tui.widgets.summary_view import SummaryScreen


class InsightsFeature(DashboardApp):
    """The summary screen and the cost of what is on show."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("i", "insights", "Summary", id="insights"),
    ]

    def view_videos(self) -> list[Video]:
        """The loaded jobs the table shows, in its order."""
        found = (self.store.get(video_id) for video_id in self.view_ids())
        return [video for video in found if video is not None]

    def view_label(self) -> str:
        return self.bucket.replace("_", " ")

    def view_cost(self) -> CostTotal:
        """The estimated cost of the jobs in the current view."""
        return total(self.view_videos())

    def summary(self) -> Summary:
        return summarize(self.store, clock.now())

    def action_insights(self) -> None:
        self.push_screen(SummaryScreen(self.summary(), self.view_label(), self.view_cost()))

    def action_view_cost(self) -> None:
        self.notify(
            self.view_cost().line(), title=f"Estimated cost of this view ({self.view_label()})"
        )

    def on_feed_changed(self, message: FeedChanged) -> None:
        screen = self.screen
        if isinstance(screen, SummaryScreen):
            screen.show_summary(self.summary(), self.view_label(), self.view_cost())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand(
            "Summary",
            "Jobs per day, failure rate, time to complete and cost of the loaded jobs (i)",
            self.action_insights,
        )
        cost = self.view_cost()
        yield SystemCommand(
            f"Cost of this view ({self.view_label()}): {money(cost.cents)}",
            "Estimated cost of the jobs the table shows (failed jobs: likely not billed)",
            self.action_view_cost,
        )
