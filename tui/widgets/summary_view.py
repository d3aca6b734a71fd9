"""The summary screen: jobs per day as a sparkline, then status counts, failure rate, time to
complete and estimated cost as short text bar charts (a bar reads faster than a column of numbers).

It shows a ``Summary`` it is handed (``tui.stats``) and can be handed a new one while open.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Final

import humanize
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.screen import ModalScreen
from textual.widgets import Sparkline, Static

from tui.cost import CostTotal, money
from tui.history.notes import DaySummary
from tui.stats import Summary
from tui.text import one_line
from tui.widgets.status_style import look
from tui.widgets.summary_history import history_summary_text

BAR_CELLS: Final = 24
_LABEL_LIMIT: Final = 22
_BLOCK: Final = "█"
_EIGHTHS: Final = ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")


def bar(value: float, largest: float, cells: int = BAR_CELLS) -> str:
    """A horizontal bar ``value/largest`` of ``cells`` long, in eighths of a cell; at least a sliver
    for any value above zero."""
    if value <= 0 or largest <= 0:
        return ""
    eighths = max(1, round(min(1.0, value / largest) * cells * 8))
    full, part = divmod(eighths, 8)
    return _BLOCK * full + _EIGHTHS[part]


def bar_chart(rows: Sequence[tuple[str, float, str, str]], cells: int = BAR_CELLS) -> Text:
    """One line per (label, value, shown value, style): label, bar, then the shown value."""
    if not rows:
        return Text("nothing loaded", style="dim")
    largest = max(value for _, value, _, _ in rows)
    width = max(len(label) for label, _, _, _ in rows)
    text = Text()
    for index, (label, value, shown, style) in enumerate(rows):
        if index:
            text.append("\n")
        text.append(f"{label.ljust(width)} ", style="bold")
        text.append(bar(value, largest, cells).ljust(cells), style=style or "")
        text.append(f" {shown}")
    return text


def status_text(summary: Summary) -> Text:
    rows = [
        (one_line(status or "(none)", limit=_LABEL_LIMIT), count, str(count), look(status).style)
        for status, count in summary.counts.items()
    ]
    return bar_chart(rows)


def rates_text(summary: Summary) -> Text:
    text = Text()
    text.append("Failure rate       ", style="bold")
    rate = summary.failure_rate
    if rate is None:
        text.append("— (no job has finished)", style="dim")
    else:
        text.append(f"{rate:.1%}", style="red" if summary.failed else "")
        text.append(f"  ({summary.failed} of {summary.finished} finished jobs failed)", style="dim")
    text.append("\nMedian to complete ", style="bold")
    median = summary.median_complete_seconds
    if median is None:
        text.append("— (no completed job)", style="dim")
    else:
        text.append(str(humanize.naturaldelta(median)))
        text.append(
            f"  ({median:.0f} s, completed_at − created_at over {summary.completed_timed} jobs)",
            style="dim",
        )
    return text


def days_caption(summary: Summary) -> Text:
    total = sum(summary.per_day)
    busiest = max(summary.per_day, default=0)
    first, last = summary.days[0], summary.days[-1]
    return Text.assemble(
        (f"{first:%b %d} → {last:%b %d} (today)", "dim"),
        f"   {total} jobs, busiest day {busiest}",
    )


def cost_text(cost: CostTotal) -> Text:
    rows = [
        (one_line(model, limit=_LABEL_LIMIT), cents, money(cents), "green")
        for model, cents in sorted(cost.by_model.items(), key=lambda item: -item[1])
    ]
    text = bar_chart(rows) if rows else Text("no job with a known price", style="dim")
    text.append("\n")
    text.append("Total ", style="bold")
    text.append(cost.line())
    return text


def view_text(label: str, cost: CostTotal) -> Text:
    return Text.assemble(("This view ", "bold"), (f"({label}): ", "bold"), cost.line())


class SummaryScreen(ModalScreen[None]):
    """A summary of the loaded jobs; escape, i or q closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,i,q", "close", "Close summary"),
    ]

    def __init__(self, summary: Summary, view_label: str, view_cost: CostTotal) -> None:
        super().__init__()
        self.summary = summary
        self.view_label = view_label
        self.view_cost = view_cost
        self._history = Text("Reading the history…", style="dim")

    def compose(self) -> ComposeResult:
        with Vertical(id="summary-dialog"), VerticalScroll(id="summary-scroll"):
            yield Static(classes="summary-heading", id="summary-days-heading")
            yield Sparkline(id="summary-days")
            yield Static(id="summary-days-caption")
            yield Static("Jobs by status", classes="summary-heading")
            yield Static(id="summary-status")
            yield Static(id="summary-rates")
            yield Static(
                "Estimated cost by model (failed jobs left out: likely not billed)",
                classes="summary-heading",
            )
            yield Static(id="summary-cost")
            yield Static(id="summary-view")
            yield Static("The whole history, per day and model", classes="summary-heading")
            yield Static(self._history, id="summary-history")

    def on_mount(self) -> None:
        try:
            dialog = self.query_one("#summary-dialog")
        except NoMatches:  # the app quit between the key and the screen's first layout
            return
        dialog.border_subtitle = "escape · i to close"
        self._fill()

    def show_summary(self, summary: Summary, view_label: str, view_cost: CostTotal) -> None:
        """Show new figures in place (the feed moved on while the screen is open)."""
        self.summary, self.view_label, self.view_cost = summary, view_label, view_cost
        if self.is_mounted:
            self._fill()

    def _fill(self) -> None:
        summary = self.summary
        plural = "" if summary.loaded == 1 else "s"
        dialog = self.query_one("#summary-dialog")
        dialog.border_title = f"Summary over {summary.loaded} loaded job{plural}"
        self.query_one("#summary-days-heading", Static).update(
            f"Jobs per day, last {len(summary.days)} days"
        )
        self.query_one("#summary-days", Sparkline).data = [float(n) for n in summary.per_day]
        self.query_one("#summary-days-caption", Static).update(days_caption(summary))
        self.query_one("#summary-status", Static).update(status_text(summary))
        self.query_one("#summary-rates", Static).update(rates_text(summary))
        self.query_one("#summary-cost", Static).update(cost_text(summary.cost))
        self.query_one("#summary-view", Static).update(view_text(self.view_label, self.view_cost))
        self.query_one("#summary-history", Static).update(self._history)

    def show_history(self, rows: Sequence[DaySummary] | None) -> None:
        """The figures over the whole history (None: there is no history to read)."""
        self._history = history_summary_text(rows)
        if self.is_mounted:
            self.query_one("#summary-history", Static).update(self._history)

    def action_close(self) -> None:
        self.dismiss(None)
