"""The VideoTable's paint: its palette from the component classes, its lines through the line
filters, job rows through a cache, and the header and note lines."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import product

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.cache import LRUCache
from textual.filter import LineFilter
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from tui.api.models import Video
from tui.widgets.strip_fit import fitted
from tui.widgets.table_layout import Layout
from tui.widgets.table_row import Palette, render_row

RowKey = tuple[str, int, bool, bool, bool]  # (video_id, width, cursor, flashing, faded)


def resolve_palette(table: Widget) -> Palette:
    """The Rich styles of the table's ``video-table--*`` component classes (.textual.css)."""
    cursor_styles = table.get_component_styles("video-table--cursor")
    dim = table.get_component_rich_style("video-table--dim")
    dim_partial = table.get_component_rich_style("video-table--dim", partial=True)
    return Palette(
        base=table.rich_style,
        header=table.get_component_rich_style("video-table--header"),
        cursor=table.get_component_rich_style("video-table--cursor"),
        cursor_colours=not cursor_styles.has_rule("color"),
        flash=table.get_component_rich_style("video-table--flash"),
        dim=Style(color=dim.color)
        + Style(bold=dim_partial.bold, italic=dim_partial.italic, dim=dim_partial.dim),
    )


def plain_box(widget: Widget) -> bool:
    """Whether Textual's styles pass would only copy the widget's lines: no border, padding,
    outline, tint, opacity or hatch to draw over them."""
    styles = widget.styles
    return (
        not any(styles.gutter)
        and not any(edge for edge, _ in styles.outline)
        and not styles.tint.a
        and widget.opacity == 1.0
        and styles.text_opacity == 1.0
        and not styles.has_rule("hatch")
    )


def paint_lines(
    widget: Widget, crop: Region, filters: Sequence[LineFilter] | None = None
) -> list[Strip]:
    """The lines of ``crop`` as ``widget.render_line`` makes them, through the app's line
    filters (``filters``: these instead; ``()`` when the lines come filtered). Textual's pass
    would copy each into a new Strip first (~55 µs a line, and each filter then runs on the
    copy): here a row that did not change is the Strip painted last time, whose crop and
    filtered forms that Strip has cached."""
    if filters is None:
        filters = widget.get_line_filters()
    background = widget.background_colors[1]
    lines: list[Strip] = []
    for y in crop.line_range:
        line = widget.render_line(y)
        for line_filter in filters:
            line = line.apply_filter(line_filter, background)
        lines.append(line)
    start, end = crop.column_span
    if (start, end) != (0, widget.size.width):
        lines = [line.crop(start, end) for line in lines]
    return lines


class RowCache:
    """Rendered job rows by (id, width, cursor, flash), each kept with the Video it shows: a new
    Video object means new data, so a row is drawn again only when its job changed."""

    def __init__(self, size: int) -> None:
        self._rows: LRUCache[RowKey, tuple[Video | None, Strip]] = LRUCache(size)

    def row(
        self,
        video_id: str,
        video: Video | None,
        layout: Layout,
        palette: Palette,
        now: float,
        *,
        cursor: bool,
        flash: bool,
        id_skip: int,
        faded: bool = False,
    ) -> Strip:
        key: RowKey = (video_id, layout.width, cursor, flash, faded)
        cached = self._rows.get(key)
        if cached is not None and cached[0] is video:
            return cached[1]
        strip = render_row(
            video_id,
            video,
            layout,
            palette,
            now,
            cursor=cursor,
            flash=flash,
            id_skip=id_skip,
            faded=faded,
        )
        self._rows.set(key, (video, strip))
        return strip

    def forget(self, video_id: str, width: int) -> None:
        for cursor, flash, faded in product((False, True), repeat=3):
            self._rows.discard((video_id, width, cursor, flash, faded))

    def clear(self) -> None:
        self._rows.clear()


def with_marker(header: Strip, marker: str, style: Style, width: int) -> Strip:
    """The header with ``marker`` over its right end (at ``width``, the wider of table and rows)."""
    if not marker:
        return header
    tag = Strip([Segment(marker, style)])
    at = max(0, min(header.cell_length, width) - tag.cell_length)
    return Strip.join([header.crop(0, at), tag])


def note_line(text: str, style: Style, width: int, base: Style, console: Console) -> Strip:
    """One indented line of ``text`` (what an empty view says), cut to ``width``."""
    line = Text(f"  {text}", style=style, no_wrap=True, overflow="ellipsis")
    return fitted(Strip(list(line.render(console))), 0, width, base)
