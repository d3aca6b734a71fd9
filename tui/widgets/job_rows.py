"""JobRows: the painting half of the VideoTable, a ScrollView of one header line over job rows.

It paints only the lines on screen, each row once per change (table_paint.RowCache), repaints
rows by id, tints changed rows a while, keeps "created … ago" current. The cursor's row and
everything the user does are VideoTable's.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import ClassVar, NamedTuple

from textual import events
from textual.color import BLACK, Color
from textual.filter import LineFilter
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui import clock
from tui.feed.id_chunks import IdSnapshot
from tui.feed.view import VideoLookup
from tui.widgets.quiet_resize import set_virtual_size
from tui.widgets.row_flash import RowFlashes
from tui.widgets.row_scrollbar import CELLS, NO_BAR, Bar, BarMouse, RowScrollbar
from tui.widgets.strip_fit import fitted
from tui.widgets.table_layout import Layout, server_cells
from tui.widgets.table_paint import (
    RowCache,
    note_line,
    paint_lines,
    plain_box,
    resolve_palette,
    with_marker,
)
from tui.widgets.table_row import Palette, render_header

HEADER_LINES = 1


class _Pass(NamedTuple):
    """What every line of one paint shares: width, columns, scroll offsets, the bar's cells,
    the line filters applied here (none: Textual's styles pass applies them)."""

    width: int
    layout: Layout
    scroll_x: int
    scroll_y: int
    bar: Bar
    filters: Sequence[LineFilter] = ()
    background: Color = BLACK


class JobRows(BarMouse, ScrollView):
    """Job rows under a fixed header; ``_cursor`` (the row drawn as the cursor) is set by the
    subclass, ``header_marker`` says what the header shows at its right end."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "video-table--header",
        "video-table--cursor",
        "video-table--flash",
        "video-table--dim",
        "video-table--new",
    }
    FLASH_SECONDS: ClassVar[float] = 1.5
    CLOCK_SECONDS: ClassVar[float] = 15.0  # how often "created … ago" is brought up to date
    # Four screenfuls: the rows on screen through a refresh of the whole view, and a page or two
    # back. Each is a Strip with its segments and caches (~15 objects every full collection
    # walks: at 512 rows, a third of what one walked with 100k jobs loaded, ~4 ms of ~14).
    CACHE_ROWS: ClassVar[int] = 160

    def __init__(
        self,
        *,
        servers: Sequence[str] = (),
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        # a fleet's Server column: as wide as its longest name (capped), none for one server
        self._server_cells = server_cells(servers)
        self._ids: tuple[str, ...] | IdSnapshot = ()
        self._videos: VideoLookup = {}
        self._faded: Collection[str] = ()
        self._cursor = 0
        self._id_skip = 0
        self._empty_text = ""
        self._rows = RowCache(self.CACHE_ROWS)
        self._palette: Palette | None = None
        self._now = clock.now()
        self._flashes = RowFlashes(self.set_timer, self._refresh_visible)
        self._pass: _Pass | None = None  # set while a paint is under way
        self._scrollbar = RowScrollbar(self)  # painted as each line's last cell

    @property
    def ids(self) -> Sequence[str]:
        """The rows' job ids, in order (the table's own list: read, do not change)."""
        return self._ids

    @property
    def row_count(self) -> int:
        return len(self._ids)

    @property
    def page_rows(self) -> int:
        """Rows in one screenful (at least one)."""
        return max(1, self.scrollable_content_region.height - HEADER_LINES)

    @property
    def flashing(self) -> Collection[str]:
        """The jobs whose rows are tinted now (refresh_rows with ``flash``)."""
        return self._flashes.ids

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

    def header_marker(self) -> str:
        """Text over the header's right end ("" for none)."""
        return ""

    def refresh_rows(self, ids: Iterable[str], *, flash: bool = True) -> None:
        """These jobs' data changed: repaint their rows if on screen, and tint them briefly."""
        changed = set(ids)
        if not changed:
            return
        width = self._layout().width
        for video_id in changed:
            self._rows.forget(video_id, width)
        if flash:
            self._flashes.start(changed, self.FLASH_SECONDS)
        self._refresh_visible(changed)

    def _set_rows(
        self,
        ids: Sequence[str],
        videos: VideoLookup,
        id_skip: int | None,
        faded: Collection[str] = (),
    ) -> None:
        """Paint these rows from now on (``id_skip`` None: as before; ``faded``: dimmed ids);
        the caller scrolls."""
        if id_skip is not None and id_skip != self._id_skip:
            self._id_skip = id_skip
            self._rows.clear()
        # immutable: the store's own snapshot when the view is all of it (never a copy), else a
        # tuple (the collector untracks a tuple of strings once, but walks a list every time)
        self._ids = ids if isinstance(ids, (tuple, IdSnapshot)) else tuple(ids)
        self._videos = videos
        self._faded = faded
        self._update_virtual_size()

    # --- events: Textual calls the handler of every class in the MRO, so ScrollView's and
    # Widget's own (ScrollView.on_mount sets up the scrollbars) run as well as these. ---------

    def on_focus(self, event: events.Focus) -> None:
        self._restyle()

    def on_blur(self, event: events.Blur) -> None:
        self._restyle()

    def on_mount(self) -> None:
        self.set_interval(self.CLOCK_SECONDS, self._tick)
        self._update_virtual_size()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._restyle()

    # --- rendering ----------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        self._now = clock.now()  # one "now" for every row painted in this pass
        # Once per pass, not per line: each asks the compositor for this widget's region.
        plain = plain_box(self)
        self._pass = self._new_pass(filtered=plain)
        self._scrollbar.painted(self._scrollbar.bar() if self._pass.bar.cells else NO_BAR)
        try:
            if not plain:  # a border, padding, tint…: Textual's own styles pass
                return super().render_lines(crop)
            return paint_lines(self, crop, filters=())  # render_line has applied them
        finally:
            self._pass = None

    def _new_pass(self, *, filtered: bool = False) -> _Pass:
        """``filtered``: lines go through the line filters before the bar's cell joins them, so
        that a row's filtered form is cached on the row's Strip, not made anew (new segments:
        garbage for the cyclic collector, as Textual's compositor keeps each line it paints in a
        cycle of the line's own cache) in each frame that shows it on another line."""
        scroll_x, scroll_y = round(self.scroll_x), round(self.scroll_y)
        width, layout, bars = self._view_width(), self._layout(), self._bar_cells()
        if not filtered:
            bar = self._scrollbar.bar() if bars else NO_BAR
            return _Pass(width, layout, scroll_x, scroll_y, bar)
        filters, background = self.get_line_filters(), self.background_colors[1]
        bar = self._scrollbar.filtered_bar(filters, background) if bars else NO_BAR
        return _Pass(width, layout, scroll_x, scroll_y, bar, filters, background)

    def render_line(self, y: int) -> Strip:
        paint = self._pass or self._new_pass()
        line = self._row_line(y, paint)
        for line_filter in paint.filters:
            line = line.apply_filter(line_filter, paint.background)
        return self._scrollbar.attach(y, line, paint.bar)

    def _row_line(self, y: int, paint: _Pass) -> Strip:
        width, layout, scroll_x, scroll_y, *_ = paint
        palette = self._get_palette()
        if y < HEADER_LINES:
            marker_style = self.get_component_rich_style("video-table--new")
            header = render_header(layout, palette)
            strip = with_marker(
                header, self.header_marker(), marker_style, max(layout.width, width)
            )
        else:
            index = y - HEADER_LINES + scroll_y
            if not self._ids and y == HEADER_LINES + 1 and self._empty_text:
                console = self.app.console
                return note_line(self._empty_text, palette.dim, width, palette.base, console)
            if not 0 <= index < len(self._ids):
                return Strip.blank(width, palette.base)
            strip = self._row_strip(index, layout, palette)
        return fitted(strip, scroll_x, scroll_x + width, palette.base)

    def _row_strip(self, index: int, layout: Layout, palette: Palette) -> Strip:
        video_id = self._ids[index]
        return self._rows.row(
            video_id,
            self._videos.get(video_id),
            layout,
            palette,
            self._now,
            cursor=index == self._cursor,
            flash=video_id in self._flashes,
            id_skip=self._id_skip,
            faded=video_id in self._faded,
        )

    def _layout(self) -> Layout:
        return Layout.for_width(self._view_width(), self._server_cells)

    def _view_width(self) -> int:
        """The width the rows get: the width less the scrollbar's column (when shown)."""
        return max(0, self.size.width - self._bar_cells())

    def _bar_cells(self) -> int:
        """The columns of our scrollbar (tui/widgets/row_scrollbar.py): always there (an empty
        track when every row fits), so the columns do not jump when a filter shortens the view."""
        return CELLS

    def _update_virtual_size(self) -> None:
        # Rows that come or go under our scrollbar (Textual's hidden) move only its thumb: no
        # layout of the screen on every page of `G` or new job. The bar's column is content.
        width = self._layout().width + self._bar_cells()
        set_virtual_size(self, Size(width, HEADER_LINES + len(self._ids)))
        self._scrollbar.refresh_if_moved()

    def _get_palette(self) -> Palette:
        if self._palette is None:
            self._palette = resolve_palette(self)
        return self._palette

    def _restyle(self) -> None:
        """Colours may have changed (theme, focus): drop resolved styles and rendered rows."""
        self._palette = None
        self._rows.clear()
        self._scrollbar.forget()
        self.refresh()

    def _tick(self) -> None:
        self._rows.clear()
        self.refresh()

    # --- repainting -----------------------------------------------------------------------

    def _visible_range(self) -> range:
        top = round(self.scroll_y)
        return range(top, min(len(self._ids), top + self.page_rows))

    def _refresh_visible(self, ids: Collection[str]) -> None:
        for index in self._visible_range():
            if self._ids[index] in ids:
                self._refresh_index(index)

    def _refresh_index(self, index: int) -> None:
        top = round(self.scroll_y)
        if top <= index < top + self.page_rows:
            self.refresh(Region(0, HEADER_LINES + index - top, self.size.width, 1))

    def _refresh_header(self) -> None:
        self.refresh(Region(0, 0, self.size.width, HEADER_LINES))
