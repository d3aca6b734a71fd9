"""Find and order: `/` search, `s`/`S` sort by any column, `w` the watching view.

All three work on what is loaded (no request is made) and stack on top of the status bucket:
bucket → watching → search → sort. The filter bar's counts stay over all loaded jobs; the
search bar line under it says how many rows match and how the table is sorted.

Watching shows queued and in-progress jobs, plus jobs this app saw leave flight in the last
minute (by the local clock, when the poll that brought the news arrived), so a job you are
watching stays in sight as it completes or fails, then drops out.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Any, ClassVar

from textual import on
from textual.app import SystemCommand
from textual.binding import Binding, BindingType
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget

from tui import clock
from tui.dashboard import DashboardApp
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


class FindOrderFeature(DashboardApp):
    """Search, sort and the watching view, as a mixin of the dashboard."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Search", key_display="/"),
        Binding("s", "sort_next", "Sort"),
        Binding("S", "sort_reverse", "Reverse sort", key_display="S", show=False),
        Binding("w", "toggle_watching", "Watch"),
    ]
    WATCH_LINGER_SECONDS: ClassVar[float] = WATCH_LINGER_SECONDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._query = ""
        self._terms: tuple[str, ...] = ()
        self._sort = SortOrder()
        self._watching = False
        self._search_open = False  # the input is on screen (typing, or a kept query)
        self._search = SearchIndex()
        self._seen_in_flight: set[str] = set()
        self._finished_at: dict[str, float] = {}
        self._linger_timer: Timer | None = None
        self._view_refreshes = 0

    # --- state, for other features and tests ------------------------------------------------

    @property
    def search_query(self) -> str:
        return self._query

    @property
    def sort_order(self) -> SortOrder:
        return self._sort

    @property
    def watching(self) -> bool:
        return self._watching

    @property
    def search_bar(self) -> SearchBar:
        return self.dashboard_screen.query_one("#search", SearchBar)

    # --- layout -----------------------------------------------------------------------------

    async def on_mount(self) -> None:
        # Textual calls every class's on_mount along the MRO: the core's runs after this one.
        await self.mount(SearchBar(id="search"), before=self._table_block())

    def _table_block(self) -> Widget:
        """The screen's child that holds the table (the search line goes just above it)."""
        node: Widget = self.table
        while isinstance(node.parent, Widget) and not isinstance(node.parent, Screen):
            node = node.parent
        return node

    # --- the view ---------------------------------------------------------------------------

    def view_ids(self) -> list[str]:
        ids = super().view_ids()
        if self._watching:
            ids = watching_ids(
                ids,
                self.store.in_flight_ids(),
                self._finished_at,
                now=clock.now(),
                linger=self.WATCH_LINGER_SECONDS,
            )
        if self._terms:
            ids = self._search.matching(ids, self.store, self._terms)
        return sort_ids(ids, self.store, self._sort)

    def view_description(self) -> str:
        what = super().view_description()
        if self._watching:
            what = f"{what} in flight or just finished" if what != "jobs" else "jobs in flight"
        if self._terms:
            what = f"{what} matching “{' '.join(self._terms)}”"
        return what

    def refresh_view(self, fresh: frozenset[str] = frozenset()) -> None:
        super().refresh_view(fresh)
        self._view_refreshes += 1
        self._show_summary()
        if self._watching:
            self._arm_linger_timer()

    def apply_change(self, change: StoreChange) -> None:
        self._track_flight(change)
        if not change.empty:
            self._search.forget(change.changed | change.removed)
        refreshes = self._view_refreshes
        super().apply_change(change)
        # The core re-filters only when bucket membership moved; a search, a sort or the
        # watching view can also move rows when a job's data changes (progress, status, error).
        shaped = bool(self._terms) or self._watching or not self._sort.is_default
        if change.changed and shaped and self._view_refreshes == refreshes:
            self.refresh_view()

    def _track_flight(self, change: StoreChange) -> None:
        """Note when a job seen in flight is seen finished (for the watching view)."""
        now = clock.now()
        for video_id in change.removed:
            self._seen_in_flight.discard(video_id)
            self._finished_at.pop(video_id, None)
        for video_id in change.added | change.changed:
            video = self.store.get(video_id)
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
        now = clock.now()
        due = min(self._finished_at.values()) + self.WATCH_LINGER_SECONDS - now
        # On the table, not the app: the timer stops with the screen, never firing into a
        # closing app.
        self._linger_timer = self.table.set_timer(max(0.05, due), self._linger_over)

    def _linger_over(self) -> None:
        self._linger_timer = None
        self._forget_old_finishes(clock.now())
        if self._watching:
            self.refresh_view()

    def _show_summary(self) -> None:
        try:
            bar = self.search_bar
        except NoMatches:  # not mounted yet
            return
        rows = self.table.row_count
        parts: list[str] = []
        if self._terms:
            parts.append(f"{rows} match{'' if rows == 1 else 'es'} · tab counts are of all loaded")
        if self._watching:
            minute = self.WATCH_LINGER_SECONDS
            what = (
                "in flight + finished in the last minute"
                if minute == 60
                else (f"in flight + finished in the last {minute:g} s")
            )
            parts.append(f"watching {what}" + ("" if self._terms else f" ({rows})"))
        if not self._sort.is_default:
            parts.append(f"sort {self._sort.label}")
        bar.show(" · ".join(parts), query_shown=self._search_open or bool(self._query))

    # --- search -------------------------------------------------------------------------------

    def _set_query(self, text: str) -> None:
        terms = parse_query(text)
        self._query = text
        if terms != self._terms:
            self._terms = terms
            self.view_changed()
        else:
            self._show_summary()

    def clear_search(self) -> None:
        """Drop the query, close the input and go back to the table."""
        self.search_bar.clear()
        self._search_open = False
        self._set_query("")
        self.table.focus()
        self._show_summary()

    @on(SearchBar.Changed)
    def _search_changed(self, message: SearchBar.Changed) -> None:
        self._set_query(message.query)

    @on(SearchBar.Submitted)
    def _search_submitted(self, message: SearchBar.Submitted) -> None:
        self._set_query(message.query)
        self._search_open = bool(self._terms)
        self.table.focus()
        self._show_summary()

    @on(SearchBar.Cleared)
    def _search_cleared(self) -> None:
        self.clear_search()

    # --- sort and watch -------------------------------------------------------------------

    def sort_by(self, column: str) -> None:
        """Sort by ``column`` (its natural direction); the same column again reverses it."""
        order = SortOrder(column)
        self._set_sort(self._sort.reversed() if self._sort.column == column else order)

    def _set_sort(self, order: SortOrder) -> None:
        self._sort = order
        self.refresh_view()

    def set_watching(self, watching: bool) -> None:
        self._watching = watching
        self.view_changed()

    # --- actions ------------------------------------------------------------------------------

    def action_search(self) -> None:
        self._search_open = True
        self.search_bar.open()

    def action_sort_next(self) -> None:
        self._set_sort(self._sort.next_column())

    def action_sort_reverse(self) -> None:
        self._set_sort(self._sort.reversed())

    def action_toggle_watching(self) -> None:
        self.set_watching(not self._watching)

    def action_focus_table(self) -> None:
        # Esc stops pages loading first; then, on the table with a kept search, clears it
        # (like k9s); otherwise the core's Esc.
        if self.stop_loading():
            return
        if self._query and self.table.has_focus:
            self.clear_search()
            return
        super().action_focus_table()

    # --- command palette ----------------------------------------------------------------------

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand(
            "Search jobs", "Filter rows by id, prompt, model or error text (/)", self.action_search
        )
        if self._query:
            yield SystemCommand("Clear search", "Show every row again (Esc)", self.clear_search)
        for column in SORT_COLUMNS:
            yield SystemCommand(
                f"Sort by {column}",
                f"Order the table by {column}; again reverses (s cycles columns)",
                partial(self.sort_by, column),
            )
        yield SystemCommand(
            "Reverse sort order", f"Now: {self._sort.label} (S)", self.action_sort_reverse
        )
        if self._watching:
            yield SystemCommand(
                "Stop watching", "Show every job again (w)", self.action_toggle_watching
            )
        else:
            yield SystemCommand(
                "Watch in-flight jobs",
                "Only queued and in-progress jobs, and those that just finished (w)",
                self.action_toggle_watching,
            )
