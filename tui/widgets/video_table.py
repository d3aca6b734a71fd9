"""VideoTable: a virtual (Line API) table of jobs that renders only the lines on screen.

Nothing here is proportional to the number of rows except copying the id list in
``set_view`` and finding the cursor's job in it; rendering, repainting and flashing
touch only visible rows (the painting is JobRows', job_rows.py).

The live head: while the view is scrolled to the top, new jobs (``fresh`` ids given to
``set_view``) appear at the top at once and the cursor stays on its job; a cursor on the
first row that the user has not moved follows the head (stays on the first row). Scrolled
away, the rows on screen stay still and the header says ``↑ N new``; ``g`` (or a click on
the header) jumps to the head.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import ClassVar, TypeAlias

from textual import events
from textual.binding import BindingType

from tui.actions import CORE_ACTIONS, TABLE_SCOPE, bindings
from tui.feed.view import VideoLookup
from tui.widgets import table_messages as messages
from tui.widgets.job_rows import HEADER_LINES, JobRows
from tui.widgets.new_above import WaitingAbove, new_marker
from tui.widgets.view_follow import cursor_after, top_after

__all__ = ["HEADER_LINES", "VideoTable"]


class VideoTable(JobRows, can_focus=True):
    """The jobs, one per line, with a fixed header and a row cursor."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings(CORE_ACTIONS, TABLE_SCOPE))
    # The messages (table_messages.py), reachable as VideoTable.Highlighted etc.
    Highlighted: TypeAlias = messages.Highlighted
    Selected: TypeAlias = messages.Selected
    NearEnd: TypeAlias = messages.NearEnd
    EndRequested: TypeAlias = messages.EndRequested
    FilterStep: TypeAlias = messages.FilterStep
    NewAbove: TypeAlias = messages.NewAbove

    def __init__(
        self,
        *,
        servers: Sequence[str] = (),
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        # servers: a fleet's profile names (a Server column shows each row's); () for one
        super().__init__(servers=servers, name=name, id=id, classes=classes)
        self._posted_id: str | None = None
        self._near_end_for: int | None = None
        self._follow_head = True  # the cursor stays on the first row as new jobs arrive
        self._new_above = WaitingAbove()
        self._user_moving = False

    # --- public API -------------------------------------------------------------------

    @property
    def cursor_id(self) -> str | None:
        return self._ids[self._cursor] if self._ids else None

    @property
    def cursor_row(self) -> int:
        """The cursor's row index (0 when the view is empty)."""
        return self._cursor

    @property
    def new_above(self) -> int:
        """New jobs above the rows on screen (what the ``↑ N new`` marker says)."""
        return len(self._new_above)

    def set_view(
        self,
        ids: Sequence[str],
        videos: VideoLookup,
        *,
        fresh: Collection[str] = (),
        id_skip: int | None = None,
        faded: Collection[str] = (),
    ) -> None:
        """Show these rows, in this order; the cursor stays on its job (or its old place).

        ``fresh``: ids of jobs new on the server since the last view (not older pages). At the
        top they are shown at once; scrolled away, the rows on screen stay and they are counted
        for the ``↑ N new`` marker. ``id_skip``: leading characters every loaded id shares,
        left out of the ID column (None: as before). ``faded``: ids whose rows are dimmed (not
        confirmed by the server, or gone from it); a live collection the caller keeps current,
        telling ``refresh_rows`` which rows it changed."""
        old_ids, old_cursor, old_id = self._ids, self._cursor, self.cursor_id
        old_top = round(self.scroll_y)
        old_top_id = old_ids[old_top] if old_top < len(old_ids) else None
        was_visible = old_cursor in self._visible_range()
        self._set_rows(ids, videos, id_skip, faded)
        if fresh and self._follow_head and old_cursor == 0:
            self._cursor = 0  # following the head: the newest job is the one highlighted
        else:
            self._cursor = cursor_after(self._ids, old_ids, old_cursor, old_id)
        top = top_after(self._ids, old_top, old_top_id, self._cursor - old_cursor)
        self.scroll_to(y=top, animate=False, force=True)
        if was_visible or self.cursor_id != old_id:
            self._scroll_cursor_into_view()
        self._near_end_for = None  # another view: tell again if it is short
        self._count_new(fresh)
        self.refresh()
        self._after_move()

    def jump_to_head(self) -> None:
        """The first row, scrolled to the top, following the head from now on."""
        self._move_cursor(0)
        self.scroll_to(y=0, animate=False, force=True)
        self._follow_head = True
        self._count_new(())

    def move_cursor_to(self, video_id: str) -> None:
        """Put the cursor on this job, if it is in the view."""
        if video_id in self._ids:
            self._move_cursor(self._ids.index(video_id))

    def move_to_last(self) -> None:
        """The cursor on the last row (the app lands here once `G` has loaded everything)."""
        self._move_cursor(len(self._ids) - 1)

    # --- cursor and scroll position -----------------------------------------------------

    def _count_new(self, fresh: Collection[str]) -> None:
        """Keep the new jobs that are above the screen; post the count when it changes."""
        count = self._new_above.recount(fresh, self._ids, round(self.scroll_y))
        if count is not None:
            self._refresh_header()
            self.post_message(self.NewAbove(self, count))

    def _move_cursor(self, index: int, *, by_user: bool = False) -> None:
        if not self._ids:
            if by_user:
                self._check_near_end(by_user=True)
            return
        index = max(0, min(index, len(self._ids) - 1))
        if index != self._cursor:
            old = self._cursor
            self._cursor = index
            self._refresh_index(old)
            self._refresh_index(index)
        self._scroll_cursor_into_view()
        self._after_move(by_user=by_user)

    def _after_move(self, *, by_user: bool = False) -> None:
        if self.cursor_id != self._posted_id:
            self._posted_id = self.cursor_id
            self.post_message(self.Highlighted(self, self._posted_id))
        self._check_near_end(by_user=by_user)

    def _scroll_cursor_into_view(self) -> None:
        top, page = round(self.scroll_y), self.page_rows
        if self._cursor < top:
            self.scroll_to(y=self._cursor, animate=False, force=True)
        elif self._cursor >= top + page:
            self.scroll_to(y=self._cursor - page + 1, animate=False, force=True)

    def _check_near_end(self, *, by_user: bool = False) -> None:
        """Post NearEnd when within a screenful of the end: once per row count as the view
        scrolls or changes, and at every move a key or the mouse makes there."""
        count = len(self._ids)
        if not self.is_mounted or (self._near_end_for == count and not by_user):
            return
        if self.near_end:
            self._near_end_for = count
            self.post_message(self.NearEnd(self, by_user=by_user))

    @property
    def near_end(self) -> bool:
        """The cursor or the last row on screen is within a screenful of the last row. A
        NearEnd is handled after rows may have arrived: its handler asks this again."""
        last_visible = round(self.scroll_y) + self.page_rows - 1
        threshold = len(self._ids) - 1 - self.page_rows
        return self._cursor >= threshold or last_visible >= threshold

    # --- actions ------------------------------------------------------------------------

    def _user_move(self, index: int) -> None:
        self._follow_head = False
        self._user_moving = True  # the scroll this move makes is not a NearEnd of its own
        try:
            self._move_cursor(index, by_user=True)
        finally:
            self._user_moving = False

    def action_cursor_up(self) -> None:
        self._user_move(self._cursor - 1)

    def action_cursor_down(self) -> None:
        self._user_move(self._cursor + 1)

    def action_cursor_top(self) -> None:
        self.jump_to_head()

    def action_cursor_bottom(self) -> None:
        self._user_move(len(self._ids) - 1)
        self.post_message(self.EndRequested(self))

    def action_page_up(self) -> None:
        self.scroll_to(y=self.scroll_y - self.page_rows, animate=False, force=True)
        self._user_move(self._cursor - self.page_rows)

    def action_page_down(self) -> None:
        self.scroll_to(y=self.scroll_y + self.page_rows, animate=False, force=True)
        self._user_move(self._cursor + self.page_rows)

    def action_filter_step(self, delta: int) -> None:
        self.post_message(self.FilterStep(self, delta))

    def action_select(self) -> None:
        video_id = self.cursor_id
        if video_id is not None:
            self.post_message(self.Selected(self, video_id))

    # --- events (JobRows', ScrollView's and Widget's own handlers run as well) ---------

    def header_marker(self) -> str:
        return new_marker(len(self._new_above))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or self._scrollbar.on_bar(event):  # the bar's own press scrolled
            return
        if offset.y < HEADER_LINES:
            if self._new_above:  # the header holds the "↑ N new" marker: to the head
                event.stop()
                self.action_cursor_top()
            return
        index = offset.y - HEADER_LINES + round(self.scroll_y)
        if not 0 <= index < len(self._ids):
            return
        event.stop()
        again = index == self._cursor
        self._user_move(index)
        if again or event.chain >= 2:
            self.action_select()

    def on_resize(self, event: events.Resize) -> None:
        self._update_virtual_size()
        self._scroll_cursor_into_view()
        self._check_near_end()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self._new_above:
            self._count_new(())
        if not self._user_moving:
            self._check_near_end()
