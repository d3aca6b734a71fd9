"""Getting more of the list: views that fill themselves, and ``G`` to the real end.

* **Filling**: when a view nears the end of its rows (the table's NearEnd: also an empty or a
  short view), pages load until the view has a screenful more rows or the server has no more.
  The API has no status filter, so a Failed view over thousands of jobs must go and get them.
* **To the end** (``G``): every remaining page, then the cursor lands on the last job unless
  the user moved it meanwhile.
* **Esc** stops either; what arrived stays. After Esc only a key near the end fills again.
"""

from __future__ import annotations

from typing import Any, Protocol

from textual.screen import Screen

from tui.feed.filters import GONE
from tui.feed.poller import FeedReport, PollControl
from tui.widgets.video_table import VideoTable


class PagedView(Protocol):
    """What paging needs of the app."""

    @property
    def table(self) -> VideoTable: ...
    @property
    def poller(self) -> PollControl | None: ...
    @property
    def feed_report(self) -> FeedReport | None: ...
    @property
    def bucket(self) -> str: ...
    @property
    def screen_stack(self) -> list[Screen[Any]]: ...

    def refresh_view(self) -> None: ...
    def paging_changed(self) -> None: ...
    def toast(self, text: str, *, timeout: float = 3) -> None: ...


class Paging:
    def __init__(self, view: PagedView) -> None:
        self._view = view
        self._fill_target: int | None = None  # view rows to reach; None: not filling
        self._stopped = False  # Esc stopped a fill: only a key starts another
        self._landing: str | None = None  # G: the row it landed on; still on it → go to the end

    @property
    def filling(self) -> bool:
        """Pages are loading until the view has a screenful more rows (or the list ends)."""
        return self._fill_target is not None

    @property
    def loading_to_end(self) -> bool:
        status = self._view.feed_report
        return self._landing is not None or bool(status and status.loading_all)

    def view_changed(self) -> None:
        """Another view (filter, search, watching): whatever it needs is asked for anew."""
        self._fill_target, self._stopped = None, False

    def near_end(self, *, by_user: bool) -> None:
        view, status = self._view, self._view.feed_report
        if not view.screen_stack:  # shutting down: the table is gone
            return
        poller = view.poller
        if poller is None or status is None or status.end_reached or status.loading_all:
            return
        if view.bucket == GONE:  # the history's rows: no server page can add to them
            return
        if status.last_success is None:  # before the first page, the view is not short yet
            return
        if self._stopped and not by_user:
            return
        if not view.table.near_end:  # rows arrived since the table posted it: not short now
            return
        self._stopped = False
        if self._fill_target is None:
            self._fill_target = view.table.row_count + view.table.page_rows
        poller.want_more()
        view.paging_changed()

    def to_the_end(self) -> None:
        view, status = self._view, self._view.feed_report
        if not view.screen_stack:  # a key handled after the screens went (the app quitting)
            return
        if view.poller is None or status is None or status.end_reached:
            return
        self._fill_target, self._stopped = None, False
        self._landing = view.table.cursor_id
        view.poller.load_all()

    def page_arrived(self, status: FeedReport) -> None:
        """A page (or a tick) is merged and nothing is on its way: go on, or land."""
        view = self._view
        target = self._fill_target
        if target is not None and view.poller is not None:
            if status.end_reached or view.table.row_count >= target or status.loading_all:
                self._fill_target = None
                view.paging_changed()
            else:
                view.poller.want_more()
        if self._landing is not None and not status.loading_all:
            landing, self._landing = self._landing, None
            if status.end_reached and view.table.cursor_id == landing:  # the user stayed
                view.refresh_view()
                view.table.move_to_last()

    def stop(self) -> bool:
        """Esc: stop filling or loading to the end. True when anything was under way."""
        view = self._view
        busy = self._fill_target is not None or self._landing is not None
        stopped = view.poller.stop_loading() if view.poller is not None else False
        if not (busy or stopped):
            return False
        self._fill_target, self._landing, self._stopped = None, None, True
        loaded = view.feed_report.loaded if view.feed_report is not None else 0
        view.toast(f"Stopped loading: {loaded:,} jobs loaded", timeout=2)
        view.paging_changed()
        return True
