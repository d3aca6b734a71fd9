"""From the store to what the table and the filter bar show, touching only what changed.

* The rows: the bucket's loaded ids, shaped by each feature in turn (watch, search, sort);
  the Gone view's rows are the history's gone jobs (tui/feed/gone.py), all dimmed, and the
  jobs recalled from the history that no server answer has confirmed yet are dimmed too.
* Which added jobs are *new* on the server (at or above the newest job loaded before): the
  table shows them at the top or counts them as "↑ N new"; older pages are not news.
* The filter bar's counts and its loaded note (tui/widgets/loaded_note.py), relabelled only when
  they change; while ``G`` loads page after page, rows and labels follow a few times a second
  (each relabel re-lays out the screen, each re-filter walks every loaded job).
* An empty view's words (why it is empty).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Final

from textual.timer import Timer

from tui.api.models import Video
from tui.feed.filters import ALL, GONE, LABELS_PLURAL, bucket_of, view_ids
from tui.feed.gone import GoneJobs
from tui.feed.poller import FeedReport
from tui.feed.store import StoreChange, VideoStore
from tui.job_keys import SEPARATOR, video_id_of
from tui.widgets.detail_pane import DetailPane
from tui.widgets.loaded_note import empty_view_text, loaded_note
from tui.widgets.status_filter import StatusFilterBar
from tui.widgets.status_line import StatusLine
from tui.widgets.table_cells import IdRange
from tui.widgets.video_table import VideoTable

BULK_REFRESH_SECONDS: Final = 0.25

Shaper = Callable[[Sequence[str]], Sequence[str]]
Describer = Callable[[str], str]


def plain_ids(keys: Collection[str]) -> Collection[str]:
    """The jobs' ids of these row keys (a fleet's keys name the server too: the ID column
    shows what the ids differ in)."""
    first = next(iter(keys), None)
    if first is None or SEPARATOR not in first:
        return keys
    return [video_id_of(key) for key in keys]


class ViewKeeper:
    def __init__(
        self,
        store: VideoStore,
        gone: GoneJobs,
        *,
        table: Callable[[], VideoTable],
        filter_bar: Callable[[], StatusFilterBar],
        status_line: Callable[[], StatusLine],
        shape: Shaper,
        describe: Describer,
        reshaped: Callable[[StoreChange], bool],
        filling: Callable[[], bool],
        refreshed: Callable[[], None],
    ) -> None:
        self.store = store
        self.gone = gone
        self.bucket = "all"
        self.report: FeedReport | None = None
        self._table = table
        self._filter_bar = filter_bar
        self._status_line = status_line
        self._shape = shape  # the features, each in turn (watch, search, sort)
        self._describe = describe
        self._reshaped = reshaped  # the features hear the change; True: their rows may move
        self._filling = filling  # paging is looking for more rows of this view
        self._ids = IdRange()  # the loaded ids' range: the prefix they share (ID column)
        self._ids_measured = False  # False: measure the range again (a bound id left)
        self._refreshed = refreshed  # the features hear that the rows were redone
        self._head_key: tuple[int, str] | None = None  # the newest loaded job's sort key
        self._counts_shown: tuple[object, ...] | None = None
        self._refresh_due = False
        self._bulk_timer: Timer | None = None

    @property
    def bulk(self) -> bool:
        return self.report is not None and self.report.loading_all

    def view_ids(self) -> Sequence[str]:
        if self.bucket == GONE:
            return self._shape(self.gone.ordered_ids())
        return self._shape(view_ids(self.store, self.bucket))

    def job(self, video_id: str | None) -> Video | None:
        """The job a row shows: loaded, or gone from the server (the Gone view)."""
        if video_id is None:
            return None
        return self.store.get(video_id) or self.gone.get(video_id)

    def gone_changed(self) -> None:
        """The gone jobs (or their count) changed: the tab's count, and the Gone view's rows."""
        if self.bucket == GONE:
            self.refresh()
        self.show_counts(now=True)

    def refresh(self, fresh: frozenset[str] = frozenset()) -> None:
        """Recompute the table's rows from what is loaded (no request is made)."""
        self._refresh_due = False
        if not self._ids_measured:  # it walks every loaded id: only when a bound id left
            self._ids_measured = True
            self._ids.measure(plain_ids(self.store.ordered_ids()))
        ids = self.view_ids()
        if self.bucket == GONE:
            gone = self.gone
            self._table().set_view(ids, gone, id_skip=0, faded=gone)  # their ids: in full
        else:
            store = self.store
            table = self._table()
            table.set_view(ids, store, fresh=fresh, id_skip=self._ids.skip, faded=store.unconfirmed)
        self.describe_empty()
        self._refreshed()

    def changed(self, change: StoreChange, pane: DetailPane) -> None:
        """Touch only what the change implies: the view when membership moved, else the rows
        (and the detail pane when its job changed)."""
        if change.removed and self._ids.leaves(plain_ids(change.removed)):
            self._ids_measured = False
        elif self._ids_measured:
            self._ids.add(plain_ids(change.added))  # the cost of the new ids, not of all
        reshaped = self._reshaped(change)
        membership_moved = bool(change.added or change.removed) or (
            self.bucket != ALL and any(self._left_bucket(video_id) for video_id in change.changed)
        )
        self._apply(change, membership_moved or reshaped)
        table = self._table()
        if change.changed:
            table.refresh_rows(change.changed)
        if change.confirmed:  # the same data, no longer dimmed: no flash
            table.refresh_rows(change.confirmed, flash=False)
        cursor = table.cursor_id
        moved = change.changed | change.removed | change.confirmed
        if cursor is not None and cursor in moved and self.bucket != GONE:
            pane.show(self.store.get(cursor))

    def _left_bucket(self, video_id: str) -> bool:
        video = self.store.get(video_id)
        return video is not None and bucket_of(video.status) != self.bucket

    def _apply(self, change: StoreChange, membership_moved: bool) -> None:
        fresh = self._fresh_ids(change)
        if membership_moved and self.bulk and not fresh and not change.removed:
            self._refresh_due = True  # G at the bottom: re-filter a few times a second
            self._paint_soon()
        elif membership_moved:
            self.refresh(fresh)
        self.show_counts()

    def _fresh_ids(self, change: StoreChange) -> frozenset[str]:
        store = self.store
        before = self._head_key
        newest = store.newest_id()
        top = store.get(newest) if newest is not None else None
        self._head_key = (top.created_at, top.id) if top is not None else None
        if before is None or not change.added:
            return frozenset()
        fresh = set()
        for video_id in change.added:
            video = store.get(video_id)
            if video is not None and (video.created_at, video.id) > before:
                fresh.add(video_id)
        return frozenset(fresh)

    def report_changed(self, status: FeedReport) -> None:
        self.report = status
        self._status_line().show_report(status)
        if not status.loading_page and self._refresh_due and not status.loading_all:
            self.refresh()  # G is done: the rows it brought, at once
        self.show_counts()
        if self._table().row_count == 0:
            self.describe_empty()

    def show_counts(self, *, now: bool = False) -> None:
        self._status_line().cached = len(self.store.unconfirmed)
        if self.bulk and not now:
            self._paint_soon()
            return
        status, store = self.report, self.store
        counts, loaded = store.counts(), len(store)
        counts[GONE] = max(self.gone.total, len(self.gone))
        end_reached = bool(status and status.end_reached)
        note = loaded_note(status, loaded, filling=self._filling())
        shown = (counts, loaded, end_reached, note)
        if shown == self._counts_shown:  # each new label re-lays out the screen: only on change
            return
        self._counts_shown = shown
        bar = self._filter_bar()
        bar.set_counts(counts, loaded=loaded, end_reached=end_reached)
        bar.set_loaded_text(*note)

    def describe_empty(self) -> None:
        table = self._table()
        if table.row_count:
            return
        if self.bucket == GONE:
            table.empty_text = "no job of this history is gone from the server"
            return
        what = self._describe(LABELS_PLURAL.get(self.bucket, "jobs"))
        report, filling = self.report, self._filling()
        table.empty_text = empty_view_text(what, len(self.store), report, filling=filling)

    def _paint_soon(self) -> None:
        if self._bulk_timer is None:
            self._bulk_timer = self._table().set_timer(BULK_REFRESH_SECONDS, self._paint)

    def _paint(self) -> None:
        self._bulk_timer = None
        if not self._table().app.is_running:  # the app is closing: its widgets are going
            return
        if self._refresh_due:
            self.refresh()
        self.show_counts(now=True)
