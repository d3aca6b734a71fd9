"""VideoTable: a virtual (Line API) table of jobs that renders only the lines on screen.

Nothing here is proportional to the number of rows except copying the id list in
``set_view`` and finding the cursor's job in it; rendering, repainting and flashing
touch only visible rows, and rendered rows are cached by (id, width, cursor, flash).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from itertools import product
from typing import ClassVar, Protocol

from rich.style import Style
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
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "video-table--header",
        "video-table--cursor",
        "video-table--flash",
        "video-table--dim",
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
        """The cursor or the scroll position is within one screenful of the last row."""

        def __init__(self, table: VideoTable) -> None:
            super().__init__()
            self.table = table

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

    def set_view(self, ids: Sequence[str], videos: VideoLookup) -> None:
        """Show these rows, in this order; the cursor stays on its job (or its old place)."""
        old_ids, old_cursor, old_id = self._ids, self._cursor, self.cursor_id
        was_visible = old_cursor in self._visible_range()
        self._ids = list(ids)
        self._videos = videos
        new_cursor = self._follow(old_id, old_ids, old_cursor)
        self._cursor = new_cursor
        self._update_virtual_size()
        # Keep the cursor row where it was on screen when rows arrive above it; a user who
        # wheeled away from the cursor keeps looking at the same rows.
        self.scroll_to(y=self.scroll_y + (new_cursor - old_cursor), animate=False, force=True)
        if was_visible or self.cursor_id != old_id:
            self._scroll_cursor_into_view()
        self.refresh()
        self._after_move()

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

    def _move_cursor(self, index: int) -> None:
        if not self._ids:
            return
        index = max(0, min(index, len(self._ids) - 1))
        if index != self._cursor:
            old = self._cursor
            self._cursor = index
            self._refresh_index(old)
            self._refresh_index(index)
        self._scroll_cursor_into_view()
        self._after_move()

    def _after_move(self) -> None:
        if self.cursor_id != self._posted_id:
            self._posted_id = self.cursor_id
            self.post_message(self.Highlighted(self, self._posted_id))
        self._check_near_end()

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

    def _check_near_end(self) -> None:
        count = len(self._ids)
        if count == 0 or self._near_end_for == count or not self.is_mounted:
            return
        last_visible = round(self.scroll_y) + self._page - 1
        threshold = count - 1 - self._page
        if self._cursor >= threshold or last_visible >= threshold:
            self._near_end_for = count
            self.post_message(self.NearEnd(self))

    # --- actions ------------------------------------------------------------------------

    def action_cursor_up(self) -> None:
        self._move_cursor(self._cursor - 1)

    def action_cursor_down(self) -> None:
        self._move_cursor(self._cursor + 1)

    def action_cursor_top(self) -> None:
        self._move_cursor(0)

    def action_cursor_bottom(self) -> None:
        self._move_cursor(len(self._ids) - 1)

    def action_page_up(self) -> None:
        self.scroll_to(y=self.scroll_y - self._page, animate=False, force=True)
        self._move_cursor(self._cursor - self._page)

    def action_page_down(self) -> None:
        self.scroll_to(y=self.scroll_y + self._page, animate=False, force=True)
        self._move_cursor(self._cursor + self._page)

    def action_select(self) -> None:
        video_id = self.cursor_id
        if video_id is not None:
            self.post_message(self.Selected(self, video_id))

    # --- events -------------------------------------------------------------------------

    async def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < HEADER_LINES:
            return
        index = offset.y - HEADER_LINES + round(self.scroll_y)
        if not 0 <= index < len(self._ids):
            return
        event.stop()
        again = index == self._cursor
        self._move_cursor(index)
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
            strip = render_header(layout, palette)
        else:
            index = y - HEADER_LINES + round(self.scroll_y)
            if not 0 <= index < len(self._ids):
                return Strip.blank(width, palette.base)
            strip = self._row_strip(index, layout, palette)
        return strip.crop_extend(scroll_x, scroll_x + width, palette.base)

    def _row_strip(self, index: int, layout: Layout, palette: Palette) -> Strip:
        video_id = self._ids[index]
        video = self._videos.get(video_id)
        cursor = index == self._cursor
        flash = video_id in self._flash_until
        key: RowKey = (video_id, layout.width, cursor, flash)
        cached = self._rows.get(key)
        if cached is not None and cached[0] is video:  # a new Video object means new data
            return cached[1]
        strip = render_row(video_id, video, layout, palette, self._now, cursor=cursor, flash=flash)
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
