"""Find and order: `/` search, `s`/`S` sort by any column, `w` the watching view.

All three work on what is loaded (no request is made) and stack on top of the status bucket:
bucket → watching → search → sort. The filter bar's counts stay over all loaded jobs; the
search bar line under it says how many rows match and how the table is sorted.

Watching shows queued and in-progress jobs, plus jobs this app saw leave flight in the last
minute (by the local clock, when the poll that brought the news arrived), so a job you are
watching stays in sight as it completes or fails, then drops out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import partial
from typing import Final

from textual.app import SystemCommand
from textual.css.query import NoMatches
from textual.timer import Timer

from tui import clock
from tui.actions import FIND, Action
from tui.features.base import Dashboard, Feature
from tui.feed.filters import GONE
from tui.feed.store import StoreChange
from tui.feed.view import (
    SORT_COLUMNS,
    WATCH_LINGER_SECONDS,
    SearchIndex,
    SortOrder,
    parse_query,
    sort_ids,
    watching_ids,
)
from tui.widgets.search_bar import SearchBar

SEARCH_ACTIONS: Final = (
    Action(
        "search",
        "slash",
        "Search",
        FIND,
        key_display="/",
        palette="Search jobs",
        palette_help="Filter rows by id, prompt, model or error text (/)",
    ),
    Action("sort_next", "s", "Sort", FIND),
    Action(
        "sort_reverse",
        "S",
        "Reverse sort",
        FIND,
        show=False,
        key_display="S",
        palette="Reverse sort order",
        palette_help="Flip the order of the current sort column (S)",
    ),
    Action("toggle_watching", "w", "Watch", FIND),  # its palette words change: see commands
)


class FindOrder(Feature):
    """Search, sort and the watching view, shaping the table's rows."""

    ACTIONS = SEARCH_ACTIONS
    WATCH_LINGER_SECONDS: float = WATCH_LINGER_SECONDS

    def __init__(self, dashboard: Dashboard) -> None:
        super().__init__(dashboard)
        self.query = ""
        self._terms: tuple[str, ...] = ()
        self.sort_order = SortOrder()
        self.watching = False
        self._search_open = False  # the input is on screen (typing, or a kept query)
        self._search = SearchIndex()
        self._seen_in_flight: set[str] = set()
        self._finished_at: dict[str, float] = {}
        self._linger_timer: Timer | None = None

    @property
    def search_bar(self) -> SearchBar:
        return self.dashboard.dashboard_screen.query_one("#search", SearchBar)

    @property
    def shaped(self) -> bool:
        """A search, a sort or the watching view is on: a job's data can move its row."""
        return bool(self._terms) or self.watching or not self.sort_order.is_default

    # --- the view ---------------------------------------------------------------------------

    def shape_view(self, ids: Sequence[str]) -> Sequence[str]:
        store = self.dashboard.store
        if self.watching:
            ids = watching_ids(
                ids,
                store.in_flight_ids(),
                self._finished_at,
                now=clock.now(),
                linger=self.WATCH_LINGER_SECONDS,
            )
        # The Gone view's rows are the history's gone jobs, not the store's.
        videos = self.dashboard.remembered.gone if self.dashboard.bucket == GONE else store
        if self._terms:
            ids = self._search.matching(ids, videos, self._terms)
        return sort_ids(ids, videos, self.sort_order)

    def describe_view(self, what: str) -> str:
        if self.watching:
            what = f"{what} in flight or just finished" if what != "jobs" else "jobs in flight"
        if self._terms:
            what = f"{what} matching “{' '.join(self._terms)}”"
        return what

    def store_changed(self, change: StoreChange) -> bool:
        self._track_flight(change)
        if not change.empty:
            self._search.forget(change.changed | change.removed)
        # Bucket membership is the core's to judge; a search, a sort or the watching view can
        # also move rows when a job's data changes (progress, status, error).
        return bool(change.changed) and self.shaped

    def view_refreshed(self) -> None:
        self._show_summary()
        if self.watching:
            self._arm_linger_timer()

    def _track_flight(self, change: StoreChange) -> None:
        """Note when a job seen in flight is seen finished (for the watching view)."""
        now = clock.now()
        store = self.dashboard.store
        for video_id in change.removed:
            self._seen_in_flight.discard(video_id)
            self._finished_at.pop(video_id, None)
        for video_id in change.added | change.changed:
            video = store.get(video_id)
            if video is None:
                continue
            if video.in_flight:
                self._seen_in_flight.add(video_id)
                self._finished_at.pop(video_id, None)
            elif video_id in self._seen_in_flight:
                self._seen_in_flight.discard(video_id)
                self._finished_at[video_id] = now
        self._forget_old_finishes(now)

    def _forget_old_finishes(self, now: float) -> None:
        since = now - self.WATCH_LINGER_SECONDS
        for video_id in [i for i, at in self._finished_at.items() if at <= since]:
            del self._finished_at[video_id]

    def _arm_linger_timer(self) -> None:
        """While watching, re-filter when the next finished job's minute is up."""
        if self._linger_timer is not None or not self._finished_at:
            return
        due = min(self._finished_at.values()) + self.WATCH_LINGER_SECONDS - clock.now()
        # On the table, not the app: the timer stops with the screen, never firing into a
        # closing app.
        self._linger_timer = self.dashboard.table.set_timer(max(0.05, due), self._linger_over)

    def _linger_over(self) -> None:
        self._linger_timer = None
        self._forget_old_finishes(clock.now())
        if self.watching:
            self.dashboard.refresh_view()

    def _show_summary(self) -> None:
        try:
            bar = self.search_bar
        except NoMatches:  # not mounted yet
            return
        rows = self.dashboard.table.row_count
        parts: list[str] = []
        if self._terms:
            parts.append(f"{rows} match{'' if rows == 1 else 'es'} · tab counts are of all loaded")
        if self.watching:
            minute = self.WATCH_LINGER_SECONDS
            what = (
                "in flight + finished in the last minute"
                if minute == 60
                else (f"in flight + finished in the last {minute:g} s")
            )
            parts.append(f"watching {what}" + ("" if self._terms else f" ({rows})"))
        if not self.sort_order.is_default:
            parts.append(f"sort {self.sort_order.label}")
        bar.show(" · ".join(parts), query_shown=self._search_open or bool(self.query))

    # --- search -------------------------------------------------------------------------------

    def _set_query(self, text: str) -> None:
        terms = parse_query(text)
        self.query = text
        if terms != self._terms:
            self._terms = terms
            self.dashboard.view_changed()
        else:
            self._show_summary()

    def clear_search(self) -> None:
        """Drop the query, close the input and go back to the table."""
        self.search_bar.clear()
        self._search_open = False
        self._set_query("")
        self.dashboard.table.focus()
        self._show_summary()

    def on_search_bar_changed(self, message: SearchBar.Changed) -> None:
        self._set_query(message.query)

    def on_search_bar_submitted(self, message: SearchBar.Submitted) -> None:
        self._set_query(message.query)
        self._search_open = bool(self._terms)
        self.dashboard.table.focus()
        self._show_summary()

    def on_search_bar_cleared(self, message: SearchBar.Cleared) -> None:
        self.clear_search()

    def on_escape(self) -> bool:
        # Esc on the table with a kept search clears it (like k9s).
        if self.query and self.dashboard.table.has_focus:
            self.clear_search()
            return True
        return False

    # --- sort and watch -------------------------------------------------------------------

    def sort_by(self, column: str) -> None:
        """Sort by ``column`` (its natural direction); the same column again reverses it."""
        order = SortOrder(column)
        self._set_sort(self.sort_order.reversed() if self.sort_order.column == column else order)

    def _set_sort(self, order: SortOrder) -> None:
        self.sort_order = order
        self.dashboard.refresh_view()

    def set_watching(self, watching: bool) -> None:
        self.watching = watching
        self.dashboard.view_changed()

    # --- actions ------------------------------------------------------------------------------

    def do_search(self) -> None:
        self._search_open = True
        self.search_bar.open()

    def do_sort_next(self) -> None:
        self._set_sort(self.sort_order.next_column())

    def do_sort_reverse(self) -> None:
        self._set_sort(self.sort_order.reversed())

    def do_toggle_watching(self) -> None:
        self.set_watching(not self.watching)

    def commands(self) -> Iterable[SystemCommand]:
        if self.query:
            yield SystemCommand("Clear search", "Show every row again (Esc)", self.clear_search)
        if self.watching:
            yield SystemCommand(
                "Stop watching", "Show every job again (w)", self.do_toggle_watching
            )
        else:
            yield SystemCommand(
                "Watch in-flight jobs",
                "Only queued and in-progress jobs, and those that just finished (w)",
                self.do_toggle_watching,
            )
        for column in SORT_COLUMNS:
            yield SystemCommand(
                f"Sort by {column}",
                f"Order the table by {column}; again reverses (s cycles columns)",
                partial(self.sort_by, column),
            )
