"""The rendering of one VideoTable line (header or job row) into a Strip, by the column layout."""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from tui.api.models import COMPLETED, IN_FLIGHT_STATUSES, KNOWN_STATUSES, Video
from tui.cost import estimate
from tui.job_keys import server_of, video_id_of
from tui.text import one_line
from tui.widgets import table_cells as cells
from tui.widgets.status_style import look
from tui.widgets.table_layout import GAP, PROGRESS_CELLS, Layout

__all__ = ["Layout", "Palette", "render_header", "render_row"]  # Layout: tests/test_cost.py


class Palette(NamedTuple):
    """Rich styles resolved from the widget's component classes, once per style change."""

    base: Style
    header: Style
    cursor: Style
    cursor_colours: bool  # False when the cursor sets its own foreground (cell colours yield)
    flash: Style
    dim: Style


Cell = list[tuple[str, Style | None]]


@lru_cache(maxsize=64)
def _parse(style: str) -> Style:
    return Style.parse(style)


def _status(video: Video) -> Cell:
    status_look = look(video.status)
    known = video.status in KNOWN_STATUSES
    label = status_look.label.lower() if known else one_line(status_look.label, limit=64)
    return [(f"{status_look.symbol} {label}", _parse(status_look.style))]


def _progress(video: Video, dim: Style) -> Cell:
    if video.status in IN_FLIGHT_STATUSES:
        filled, empty = cells.bar(video.progress)
        text = f" {cells.percent(video.progress)}"
        return [(filled, _parse(look(video.status).style)), (empty, dim), (text, None)]
    if video.status == COMPLETED:
        return [(" " * (PROGRESS_CELLS - 4) + "100%", dim)]
    return [("", None)]


def _cost(video: Video, dim: Style) -> Cell:
    """The estimate; dim when unknown, struck through and dim for a failed job (likely not billed)."""
    cost = estimate(video)
    if not cost.known:
        return [(cost.short(), dim)]
    if cost.failed:
        return [(cost.short(), dim + _parse("strike"))]
    return [(cost.short(), None)]


def _row_cells(video: Video, now: float, dim: Style, id_skip: int) -> dict[str, Cell]:
    return {
        "status": _status(video),
        "progress": _progress(video, dim),
        "id": [(cells.short_id(video.id, id_skip), dim)],
        "model": [(cells.plain(video.model, limit=64), None)],
        "size": [(cells.plain(video.size, limit=32), None)],
        "seconds": [(cells.seconds(video.seconds), None)],
        "cost": _cost(video, dim),
        "prompt": [(cells.plain(video.prompt), None)],
        "created": [(cells.age(video.created_at, now), dim)],
    }


def _placeholder_cells(video_id: str, dim: Style, id_skip: int) -> dict[str, Cell]:
    """A row whose job is not (or no longer) in the store: show its id only."""
    return {"status": [("…", dim)], "id": [(cells.short_id(video_id_of(video_id), id_skip), dim)]}


def _line(row: dict[str, Cell], layout: Layout, row_style: Style, colours: bool) -> Strip:
    # Builds the simplified Strip directly: each piece's text joins the previous segment's when
    # their styles are equal, exactly as Strip.simplify() would merge them.
    texts: list[str] = []
    styles: list[Style] = []
    total = 0
    for column, width in zip(layout.columns, layout.widths, strict=True):
        parts = row.get(column.key, ())
        pieces: list[tuple[str, Style]] = []
        room = width
        for text, style in parts:
            piece = cells.clip_words(text, room) if column.words else cells.clip(text, room)
            if piece:
                use_style = row_style + style if (style is not None and colours) else row_style
                pieces.append((piece, use_style))
                room -= cells.cells_of(piece)
        pad = (" " * room, row_style)
        for text, style in (
            [(" " * GAP, row_style), pad, *pieces]
            if column.right
            else [(" " * GAP, row_style), *pieces, pad]
        ):
            if styles and (styles[-1] is style or styles[-1] == style):
                texts[-1] += text
            else:
                texts.append(text)
                styles.append(style)
        total += GAP + width - room + max(room, 0)
    if total < layout.width:  # the trailing gap, as Strip.adjust_cell_length would pad it
        if styles[-1] is row_style or styles[-1] == row_style:
            texts[-1] += " " * (layout.width - total)
        else:
            texts.append(" " * (layout.width - total))
            styles.append(row_style)
        total = layout.width
    elif total > layout.width:  # a wide character overran its cell: let Strip cut it
        segments = [Segment(text, style) for text, style in zip(texts, styles, strict=True)]
        return Strip(segments).adjust_cell_length(layout.width, row_style).simplify()
    return Strip([Segment(text, style) for text, style in zip(texts, styles, strict=True)], total)


def render_row(
    video_id: str,
    video: Video | None,
    layout: Layout,
    palette: Palette,
    now: float,
    *,
    cursor: bool,
    flash: bool,
    id_skip: int = 0,
    faded: bool = False,
) -> Strip:
    """One job row at the layout's full width (the caller crops for horizontal scroll).
    ``faded``: dimmed, one colour (a job from the history the server has not confirmed).

    ``id_skip``: leading id characters every loaded id shares (cells.shared_prefix_length),
    left out of the ID column so that it shows what differs."""
    row_style = palette.base
    if faded:
        row_style += palette.dim
    if flash:
        row_style += palette.flash
    if cursor:
        row_style += palette.cursor
    colours = (palette.cursor_colours or not cursor) and not faded
    if video is None:
        row = _placeholder_cells(video_id, palette.dim, id_skip)
    else:
        row = _row_cells(video, now, palette.dim, id_skip)
    if layout.columns[0].key == "server":  # a fleet's row: its key names the server
        row["server"] = [(cells.plain(server_of(video_id), limit=64), palette.dim)]
    return _line(row, layout, row_style, colours)


def render_header(layout: Layout, palette: Palette) -> Strip:
    style = palette.base + palette.header
    titles: dict[str, Cell] = {c.key: [(c.title, None)] for c in layout.columns}
    return _line(titles, layout, style, True)
