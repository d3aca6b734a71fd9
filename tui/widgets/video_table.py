"""VideoTable: a virtual (Line API) table of jobs that renders only the lines on screen.

Nothing here is proportional to the number of rows except copying the id list in
``set_view`` and finding the cursor's job in it; rendering, repainting and flashing
touch only visible rows, and rendered rows are cached by (id, width, cursor, flash).

The live head: while the view is scrolled to the top, new jobs (``fresh`` ids given to
``set_view``) appear at the top at once and the cursor stays on its job; a cursor on the
first row that the user has not moved follows the head (stays on the first row). Scrolled
away, the rows on screen stay still and the header says ``↑ N new``; ``g`` (or a click on
the header) jumps to the head.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Iterable, Sequence
from itertools import product
from typing import ClassVar, Protocol

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer

from tui import clock
from tui.api.models import Video
from tui.widgets.table_row import Layout, Palette, render_header, render_row

HEADER_LINES = 1


def new_marker(count: int) -> str:
    """What the header says while ``count`` new jobs are above the rows on screen."""
    return f" ↑ {count} new · g " if count else ""


class VideoLookup(Protocol):
    """What the table needs of the store: a Mapping[str, Video] or the VideoStore itself."""

    def get(self, video_id: str, /) -> Video | None: ...


RowKey = tuple[str, int, bool, bool]  # (video_id, width, is_cursor, is_flashing)


class VideoTable(ScrollView, can_focus=True):
    """The jobs, one per line, with a fixed header and a row cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("home,g", "cursor_top", "Top", show=False),
        Binding("end,G", "cursor_bottom", "Bottom", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("enter", "select", "Details"),
        Binding("left", "filter_step(-1)", "Previous filter", show=False),
        Binding("right", "filter_step(1)", "Next filter", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "video-table--header",
        "video-table--cursor",
        "video-table--flash",
        "video-table--dim",
        "video-table--new",
    }
    DEFAULT_CSS = """
    VideoTable {
        background: $surface;
        color: $foreground;
        height: 1fr;
        & > .video-table--header { background: $panel; color: $text; text-style: bold; }
        & > .video-table--cursor { background: $block-cursor-blurred-background; }
        & > .video-table--flash { background: $accent 25%; }
        & > .video-table--dim { color: $text-muted; }
        & > .video-table--new { background: $accent; color: $text; text-style: bold; }
        &:focus > .video-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
    }
    """
    FLASH_SECONDS: ClassVar[float] = 1.5
    CLOCK_SECONDS: ClassVar[float] = 15.0  # how often "created … ago" is brought up to date
    # A dozen screenfuls: enough for paging back and forth. Each cached row is a Strip with its
    # segments and caches (~15 objects the cyclic collector walks on every full collection).
    CACHE_ROWS: ClassVar[int] = 512

    class Highlighted(Message):
        """The cursor landed on another job (None: the view is empty)."""

        def __init__(self, table: VideoTable, video_id: str | None) -> None:
            super().__init__()
            self.table = table
            self.video_id = video_id

        @property
        def control(self) -> VideoTable:
            return self.table

    class Selected(Message):
        """Enter (or a click on the cursor row): show this job's details."""

        def __init__(self, table: VideoTable, video_id: str) -> None:
            super().__init__()
            self.table = table
            self.video_id = video_id

        @property
        def control(self) -> VideoTable:
            return self.table

    class NearEnd(Message):
        """The cursor or the scroll position is within one screenful of the last row (or the
        view is shorter than a screen). ``by_user``: a key or the mouse brought it there."""

        def __init__(self, table: VideoTable, *, by_user: bool = False) -> None:
            super().__init__()
            self.table = table
            self.by_user = by_user

        @property
        def control(self) -> VideoTable:
            return self.table

    class EndRequested(Message):
        """``G`` / End: the user wants the real end of the list, not just of what is loaded."""

        def __init__(self, table: VideoTable) -> None:
            super().__init__()
            self.table = table

        @property
        def control(self) -> VideoTable:
            return self.table

    class FilterStep(Message):
        """←/→ on the table: the previous (-1) or next (+1) status filter."""

        def __init__(self, table: VideoTable, delta: int) -> None:
            super().__init__()
            self.table = table
            self.delta = delta

        @property
        def control(self) -> VideoTable:
            return self.table

    class NewAbove(Message):
        """How many new jobs wait above the rows on screen (0: none, or the view is at the top)."""

        def __init__(self, table: VideoTable, count: int) -> None:
            super().__init__()
            self.table = table
            self.count = count

        @property
        def control(self) -> VideoTable:
            return self.table

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._ids: list[str] = []
        self._videos: VideoLookup = {}
        self._cursor = 0
        self._posted_id: str | None = None
        self._near_end_for: int | None = None
        self._rows: LRUCache[RowKey, tuple[Video | None, Strip]] = LRUCache(self.CACHE_ROWS)
        self._palette: Palette | None = None
        self._now = clock.now()
        self._flash_until: dict[str, float] = {}
        self._flash_timer: Timer | None = None
        self._follow_head = True  # the cursor stays on the first row as new jobs arrive
        self._new_above: set[str] = set()  # new jobs above the rows on screen
        self._new_posted = 0
        self._empty_text = ""
        self.user_moves = 0  # cursor moves made by a key or the mouse
        self._user_moving = False
        self._id_skip = 0

    # --- public API -------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self._ids)

    @property
    def cursor_id(self) -> str | None:
        return self._ids[self._cursor] if self._ids else None

    @property
    def cursor_row(self) -> int:
        """The cursor's row index (0 when the view is empty)."""
        return self._cursor

    @property
    def page_rows(self) -> int:
        """Rows in one screenful (at least one)."""
        return self._page

    @property
    def new_above(self) -> int:
        """New jobs above the rows on screen (what the ``↑ N new`` marker says)."""
        return len(self._new_above)

    @property
    def follows_head(self) -> bool:
        return self._follow_head

    @property
    def empty_text(self) -> str:
        return self._empty_text

    @empty_text.setter
    def empty_text(self, text: str) -> None:
        """What an empty view says (why it is empty); shown only while there are no rows."""
        if text != self._empty_text:
            self._empty_text = text
            if not self._ids:
                self.refresh()

    def set_view(
        self,
        ids: Sequence[str],
        videos: VideoLookup,
        *,
        fresh: Collection[str] = (),
        id_skip: int | None = None,
    ) -> None:
        """Show these rows, in this order; the cursor stays on its job (or its old place).

        ``fresh``: ids of jobs new on the server since the last view (not older pages). At the
        top they are shown at once; scrolled away, the rows on screen stay and they are counted
        for the ``↑ N new`` marker. ``id_skip``: leading characters every loaded id shares,
        left out of the ID column (None: as before)."""
        if id_skip is not None and id_skip != self._id_skip:
            self._id_skip = id_skip
            self._rows.clear()
        old_ids, old_cursor, old_id = self._ids, self._cursor, self.cursor_id
        old_top = round(self.scroll_y)
        old_top_id = old_ids[old_top] if old_top < len(old_ids) else None
        was_visible = old_cursor in self._visible_range()
        self._ids = list(ids)
        self._videos = videos
        if fresh and self._follow_head and old_cursor == 0:
            new_cursor = 0  # following the head: the newest job is the one highlighted
        else:
            new_cursor = self._follow(old_id, old_ids, old_cursor)
        self._cursor = new_cursor
        self._update_virtual_size()
        top = self._top_after(old_top, old_top_id, new_cursor - old_cursor)
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

    def refresh_rows(self, ids: Iterable[str], *, flash: bool = True) -> None:
        """These jobs' data changed: repaint their rows if on screen, and tint them briefly."""
        changed = set(ids)
        if not changed:
            return
        for video_id in changed:
            self._forget(video_id)
        if flash:
            until = time.monotonic() + self.FLASH_SECONDS
            self._flash_until.update(dict.fromkeys(changed, until))
            if self._flash_timer is None:
                self._flash_timer = self.set_timer(self.FLASH_SECONDS, self._end_flashes)
        self._refresh_visible(changed)

    def move_cursor_to(self, video_id: str) -> None:
        """Put the cursor on this job, if it is in the view."""
        try:
            index = self._ids.index(video_id)
        except ValueError:
            return
        self._move_cursor(index)

    # --- the head -----------------------------------------------------------------------

    def _top_after(self, old_top: int, old_top_id: str | None, shift: int) -> int:
        """The first row on screen after a view change: the top stays the top (the head is
        live); elsewhere the same job stays first on screen (else the cursor keeps its place)."""
        if old_top == 0:
            return 0
        if old_top_id is not None:
            if old_top < len(self._ids) and self._ids[old_top] == old_top_id:
                return old_top
            try:
                return self._ids.index(old_top_id)
            except ValueError:
                pass
        return max(0, old_top + shift)

    def _count_new(self, fresh: Collection[str]) -> None:
        """Keep the new jobs that are above the screen; post the count when it changes."""
        waiting = self._new_above
        waiting.update(fresh)
        if waiting:
            top = round(self.scroll_y)
            # New jobs sit near the top (the view is newest first), so index() stops early.
            position = {video_id: self._index_of(video_id) for video_id in waiting}
            waiting.intersection_update(i for i, at in position.items() if 0 <= at < top)
        count = len(waiting)
        if count != self._new_posted:
            self._new_posted = count
            self.refresh(Region(0, 0, self.size.width, HEADER_LINES))
            self.post_message(self.NewAbove(self, count))

    def _index_of(self, video_id: str) -> int:
        try:
            return self._ids.index(video_id)
        except ValueError:
            return -1

    # --- cursor -------------------------------------------------------------------------

    def _follow(self, old_id: str | None, old_ids: list[str], old_cursor: int) -> int:
        """Where the cursor goes in the new rows: its job, else the nearest surviving neighbour."""
        if not self._ids:
            return 0
        if old_id is None:
            return 0
        if old_cursor < len(self._ids) and self._ids[old_cursor] == old_id:
            return old_cursor
        try:
            return self._ids.index(old_id)
        except ValueError:
            pass
        present = set(self._ids)
        for distance in range(1, len(old_ids)):  # outwards, the row below before the one above
            for index in (old_cursor + distance, old_cursor - distance):
                if 0 <= index < len(old_ids) and old_ids[index] in present:
                    return self._ids.index(old_ids[index])
        return min(old_cursor, len(self._ids) - 1)

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

    @property
    def _page(self) -> int:
        """Rows in one screenful (at least one)."""
        return max(1, self.scrollable_content_region.height - HEADER_LINES)

    def _scroll_cursor_into_view(self) -> None:
        top = round(self.scroll_y)
        if self._cursor < top:
            self.scroll_to(y=self._cursor, animate=False, force=True)
        elif self._cursor >= top + self._page:
            self.scroll_to(y=self._cursor - self._page + 1, animate=False, force=True)

    def _check_near_end(self, *, by_user: bool = False) -> None:
        """Post NearEnd when within a screenful of the end: once per row count as the view
        scrolls or changes, and at every move a key or the mouse makes there."""
        count = len(self._ids)
        if not self.is_mounted or (self._near_end_for == count and not by_user):
            return
        last_visible = round(self.scroll_y) + self._page - 1
        threshold = count - 1 - self._page
        if self._cursor >= threshold or last_visible >= threshold:
            self._near_end_for = count
            self.post_message(self.NearEnd(self, by_user=by_user))

    # --- actions ------------------------------------------------------------------------

    def _user_move(self, index: int) -> None:
        self.user_moves += 1
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
        self.user_moves += 1
        self.jump_to_head()

    def action_cursor_bottom(self) -> None:
        self._user_move(len(self._ids) - 1)
        self.post_message(self.EndRequested(self))

    def move_to_last(self) -> None:
        """The cursor on the last row (the app lands here once `G` has loaded everything)."""
        self._move_cursor(len(self._ids) - 1)

    def action_page_up(self) -> None:
        self.scroll_to(y=self.scroll_y - self._page, animate=False, force=True)
        self._user_move(self._cursor - self._page)

    def action_page_down(self) -> None:
        self.scroll_to(y=self.scroll_y + self._page, animate=False, force=True)
        self._user_move(self._cursor + self._page)

    def action_filter_step(self, delta: int) -> None:
        self.post_message(self.FilterStep(self, delta))

    def action_select(self) -> None:
        video_id = self.cursor_id
        if video_id is not None:
            self.post_message(self.Selected(self, video_id))

    # --- events -------------------------------------------------------------------------

    async def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
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

    def _on_resize(self, event: events.Resize) -> None:
        self._update_virtual_size()
        self._scroll_cursor_into_view()
        self._check_near_end()

    # Textual calls the handlers of every class in the MRO: no super() calls needed here.
    def _on_focus(self, event: events.Focus) -> None:
        self._restyle()

    def _on_blur(self, event: events.Blur) -> None:
        self._restyle()

    def _on_mount(self, event: events.Mount) -> None:
        self.set_interval(self.CLOCK_SECONDS, self._tick)
        self._update_virtual_size()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self._new_above:
            self._count_new(())
        if not self._user_moving:
            self._check_near_end()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._restyle()

    # --- rendering ----------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        self._now = clock.now()  # one "now" for every row painted in this pass
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        layout = self._layout()
        palette = self._get_palette()
        scroll_x = round(self.scroll_x)
        if y < HEADER_LINES:
            strip = self._header_strip(layout, palette)
        else:
            index = y - HEADER_LINES + round(self.scroll_y)
            if not self._ids and y == HEADER_LINES + 1 and self._empty_text:
                return self._text_strip(self._empty_text, palette.dim, width)
            if not 0 <= index < len(self._ids):
                return Strip.blank(width, palette.base)
            strip = self._row_strip(index, layout, palette)
        return strip.crop_extend(scroll_x, scroll_x + width, palette.base)

    def _header_strip(self, layout: Layout, palette: Palette) -> Strip:
        strip = render_header(layout, palette)
        marker = new_marker(len(self._new_above))
        if not marker:
            return strip
        style = self.get_component_rich_style("video-table--new")
        width = max(layout.width, self.size.width)
        cells = Strip([Segment(marker, style)]).cell_length
        at = max(0, min(strip.cell_length, width) - cells)
        return Strip.join([strip.crop(0, at), Strip([Segment(marker, style)])])

    def _text_strip(self, text: str, style: Style, width: int) -> Strip:
        line = Text(f"  {text}", style=style, no_wrap=True, overflow="ellipsis")
        segments = list(line.render(self.app.console))
        return Strip(segments).crop_extend(0, width, self._get_palette().base)

    def _row_strip(self, index: int, layout: Layout, palette: Palette) -> Strip:
        video_id = self._ids[index]
        video = self._videos.get(video_id)
        cursor = index == self._cursor
        flash = video_id in self._flash_until
        key: RowKey = (video_id, layout.width, cursor, flash)
        cached = self._rows.get(key)
        if cached is not None and cached[0] is video:  # a new Video object means new data
            return cached[1]
        strip = render_row(
            video_id,
            video,
            layout,
            palette,
            self._now,
            cursor=cursor,
            flash=flash,
            id_skip=self._id_skip,
        )
        self._rows.set(key, (video, strip))
        return strip

    def _layout(self) -> Layout:
        return Layout.for_width(self._view_width())

    def _view_width(self) -> int:
        """The width the rows get: the vertical scrollbar's columns are taken off when the
        rows overflow, decided here from the row count so the layout never waits for it."""
        width, height = self.size
        overflow = self.styles.overflow_y
        if overflow == "scroll" or (overflow == "auto" and HEADER_LINES + len(self._ids) > height):
            width -= self.styles.scrollbar_size_vertical
        return max(0, width)

    def _update_virtual_size(self) -> None:
        width = self._layout().width
        self.virtual_size = Size(width, HEADER_LINES + len(self._ids))

    def _get_palette(self) -> Palette:
        if self._palette is None:
            cursor_styles = self.get_component_styles("video-table--cursor")
            dim = self.get_component_rich_style("video-table--dim")
            dim_partial = self.get_component_rich_style("video-table--dim", partial=True)
            self._palette = Palette(
                base=self.rich_style,
                header=self.get_component_rich_style("video-table--header"),
                cursor=self.get_component_rich_style("video-table--cursor"),
                cursor_colours=not cursor_styles.has_rule("color"),
                flash=self.get_component_rich_style("video-table--flash"),
                dim=Style(color=dim.color)
                + Style(bold=dim_partial.bold, italic=dim_partial.italic, dim=dim_partial.dim),
            )
        return self._palette

    def _restyle(self) -> None:
        """Colours may have changed (theme, focus): drop resolved styles and rendered rows."""
        self._palette = None
        self._rows.clear()
        self.refresh()

    def _tick(self) -> None:
        self._rows.clear()
        self.refresh()

    # --- repainting -----------------------------------------------------------------------

    def _forget(self, video_id: str) -> None:
        width = self._layout().width
        for cursor, flash in product((False, True), repeat=2):
            self._rows.discard((video_id, width, cursor, flash))

    def _visible_range(self) -> range:
        top = round(self.scroll_y)
        return range(top, min(len(self._ids), top + self._page))

    def _refresh_visible(self, ids: set[str]) -> None:
        for index in self._visible_range():
            if self._ids[index] in ids:
                self._refresh_index(index)

    def _refresh_index(self, index: int) -> None:
        top = round(self.scroll_y)
        if top <= index < top + self._page:
            self.refresh(Region(0, HEADER_LINES + index - top, self.size.width, 1))

    def _end_flashes(self) -> None:
        now = time.monotonic()
        done = {video_id for video_id, until in self._flash_until.items() if until <= now}
        for video_id in done:
            del self._flash_until[video_id]
        self._refresh_visible(done)
        self._flash_timer = None
        if self._flash_until:
            delay = min(self._flash_until.values()) - now
            self._flash_timer = self.set_timer(max(0.01, delay), self._end_flashes)
