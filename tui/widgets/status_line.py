"""The status line at the bottom: what status_line_text says, kept current by a 1 s timer."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.reactive import reactive
from textual.timer import Timer
from textual.widget import Widget

from tui.clock import to_next_second
from tui.widgets.fleet_status_text import fleet_status_text
from tui.widgets.status_line_text import status_text

if TYPE_CHECKING:
    from tui.feed.poller import FeedReport


class StatusLine(Widget):
    """One line at the bottom. ``show_report`` sets what it says; a 1 s timer keeps the countdowns moving."""

    TICK_SECONDS: ClassVar[float] = 1.0  # the countdowns move by the second
    # While every page is loading (`G`), a report comes with each page (tens a second): the
    # line repaints a few times a second then, not once a page (each repaint is a frame).
    BULK_REPAINT_SECONDS: ClassVar[float] = 0.25
    demo: reactive[bool] = reactive(False)

    def __init__(
        self,
        *,
        demo: bool = False,
        clock: Callable[[], float] = time.time,
        server_label: str | None = None,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._clock = clock
        self._server_label = server_label
        self._status: FeedReport | None = None
        self._ticker: Timer | None = None
        self._cached = 0  # rows from the history no server answer has confirmed yet
        self._offline_since: float | None = None  # the first failure before any answer
        self._fleet: list[tuple[str, FeedReport]] = []  # a fleet's servers, each its own state
        self._repaint_due: Timer | None = None  # a coalesced repaint while loading every page
        self.set_reactive(StatusLine.demo, demo)

    @property
    def report(self) -> FeedReport | None:
        return self._status

    def on_mount(self) -> None:
        self.set_timer(to_next_second(), self._start_clock)

    def _start_clock(self) -> None:
        self._ticker = self.set_interval(self.TICK_SECONDS, self.refresh, name="status-clock")

    @property
    def cached(self) -> int:
        return self._cached

    @cached.setter
    def cached(self, count: int) -> None:
        """How many rows on show come from the history, unconfirmed (0: none)."""
        was, self._cached = self._cached, count
        if bool(count) != bool(was):  # the line says whether there are any, not how many
            self.refresh()

    def show_report(self, status: FeedReport) -> None:
        if status == self._status:  # the same words: no frame (End held re-reports each press)
            return
        if status.last_success is not None:
            self._offline_since = None
        elif status.error and self._offline_since is None:
            self._offline_since = self._clock()
        before, self._status = self._status, status
        self.set_class(bool(status.error), "-error")
        # Every page of `G`, or every End press reading the history offline (the same error
        # each time): one coalesced repaint; a new or cleared error is shown at once.
        if (
            status.loading_all
            and before is not None
            and before.loading_all
            and before.error == status.error
        ):
            if self._repaint_due is None:
                self._repaint_due = self.set_timer(self.BULK_REPAINT_SECONDS, self._repaint)
            return
        self._repaint()

    def _repaint(self) -> None:
        if self._repaint_due is not None:
            self._repaint_due.stop()
            self._repaint_due = None
        self.refresh()

    def show_fleet(self, reports: Sequence[tuple[str, FeedReport]]) -> None:
        """A fleet: each server's state in the line (its merged report still comes by
        ``show_report``)."""
        self._fleet = list(reports)
        self.refresh()

    @property
    def fleet(self) -> list[tuple[str, FeedReport]]:
        return self._fleet

    def render(self) -> Text:
        if self._fleet:
            text = fleet_status_text(
                self._fleet, self._status, self._clock(), width=self.content_size.width or None
            )
            text.no_wrap = True
            text.overflow = "ellipsis"
            return text
        text = status_text(
            self._status,
            self._clock(),
            demo=self.demo,
            server_label=self._server_label,
            width=self.content_size.width or None,
            cached=self._cached,
            offline_since=self._offline_since,
        )
        text.no_wrap = True
        text.overflow = "ellipsis"
        return text
