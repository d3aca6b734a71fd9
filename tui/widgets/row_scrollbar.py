"""A vertical scrollbar painted by its view as the last cell of each line: the table's, and the
detail pane's text's (tui/widgets/field_list.py).

Textual's ScrollBar is a widget of its own: every move of its thumb (each page `G` loads, each
row that arrives, each End press) repainted it through Textual's generic styles pass, ~2 ms for
40 lines on a 2-core machine (End held over a 100k history, bench 6's child: the frames took
1.37–1.40 s in all with Textual's bar, 1.06–1.11 s with this one). Here the track is drawn by
Textual's own ``ScrollBarRender.render_bar`` (the same glyphs, and the ``scrollbar-*`` colours
of the view, hover and grab included), its column is repainted only when its cells change, and
the mouse works it as it works Textual's (``BarMouse``): a press above or below the thumb
scrolls a page, a drag of the thumb scrolls with it.

Such a view hides Textual's bar altogether (``overflow-y: hidden``; ``BarMouse`` lets the wheel
scroll it all the same). A bar given no width but shown is still told every scroll, and each
such refresh of a widget that is not on the screen made Textual rebuild its map of the whole
screen in the next frame (~2 ms at 140×40; every End press over a 100k history paid it).
"""

from __future__ import annotations

from collections.abc import Sequence
from math import ceil
from typing import Final, NamedTuple, cast

from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.color import Color as TextualColor
from textual.filter import LineFilter
from textual.geometry import Region
from textual.scrollbar import ScrollBarRender
from textual.strip import Strip
from textual.widget import Widget

CELLS: Final = 1
# What a press on a cell does: render_bar's own mouse actions, read from its segments.
UP: Final = "scroll_up"
GRAB: Final = "grab"
DOWN: Final = "scroll_down"


class Track(NamedTuple):
    """What the thumb depends on, in lines: the view (and so the track), the content, the top."""

    height: int
    virtual: int
    position: float


class Colours(NamedTuple):
    bar: Color
    back: Color


class Bar(NamedTuple):
    """The track's cells, top to bottom, and what a press on each does (UP, GRAB or DOWN)."""

    cells: tuple[Segment, ...]
    roles: tuple[str, ...]


NO_BAR: Final = Bar((), ())


class RowScrollbar:
    """The bar of one ScrollView that paints its own lines: ``bar`` for a paint, ``attach`` for
    each line, and the view's mouse events passed on to the ``mouse_*`` methods."""

    def __init__(self, view: Widget) -> None:
        self._view = view
        self._hover = False
        self._grab: tuple[int, float] | None = None  # (screen y, scroll y) at the press
        self._key: tuple[Track, Colours] | None = None
        self._bar = NO_BAR
        # the last `filtered_bar`: (bar, filters, background) and the filtered Bar
        self._filtered: tuple[tuple[Bar, tuple[LineFilter, ...], TextualColor], Bar] | None = None
        self._painted: tuple[Segment, ...] = ()
        self._joined: dict[int, tuple[Strip, Segment, Strip]] = {}  # y: (line, cell, line+cell)
        self._plain: dict[tuple[Style, Style], Style] = {}  # render_bar's, over the base, inert

    def track(self) -> Track:
        view = self._view
        return Track(view.size.height, view.virtual_size.height, view.scroll_y)

    def bar(self) -> Bar:
        """The cells for the view as it is now (the same Bar while nothing it shows changed)."""
        track, colours = self.track(), self._colours()
        if (track, colours) != self._key:
            self._key = (track, colours)
            self._bar = self._render(track, colours)
        return self._bar

    def filtered_bar(self, filters: Sequence[LineFilter], background: TextualColor) -> Bar:
        """`bar` with its cells through the line filters (the same Bar while nothing changed)."""
        bar = self.bar()
        key = (bar, tuple(filters), background)
        if self._filtered is None or self._filtered[0] != key:
            cells = list(bar.cells)
            for line_filter in filters:
                cells = line_filter.apply(cells, background)
            self._filtered = (key, Bar(tuple(cells), bar.roles))
        return self._filtered[1]

    def painted(self, bar: Bar) -> None:
        """``bar`` is what the lines being painted show."""
        self._painted = bar.cells

    def attach(self, y: int, line: Strip, bar: Bar) -> Strip:
        """``line`` with the bar's cell for line ``y`` at its end. The same Strip as last time
        when neither changed, so that its crops and filtered forms, cached on it, are kept."""
        if not bar.cells:
            return line
        cell = bar.cells[y] if y < len(bar.cells) else Segment(" " * CELLS)
        joined = self._joined.get(y)
        if joined is not None and joined[0] is line and joined[1] == cell:
            return joined[2]
        strip = Strip([*line, cell], line.cell_length + CELLS)
        self._joined[y] = (line, cell, strip)
        return strip

    def refresh_if_moved(self) -> None:
        """Repaint the bar's column if its cells are not those last painted."""
        if self._painted and self.bar().cells != self._painted:
            self._refresh_column()

    def forget(self) -> None:
        """Colours or sizes changed: draw every cell again."""
        self._key = None
        self._joined.clear()

    # --- the mouse ----------------------------------------------------------------------

    def on_bar(self, event: events.MouseEvent) -> bool:
        offset = event.get_content_offset(self._view)
        width = self._view.size.width
        return bool(self._painted) and offset is not None and offset.x >= width - CELLS

    def mouse_down(self, event: events.MouseDown) -> None:
        """A press on the track scrolls a page towards it; one on the thumb grabs it."""
        offset = event.get_content_offset(self._view)
        if offset is None or not self.on_bar(event):
            return
        event.stop()
        roles = self._bar.roles
        role = roles[offset.y] if 0 <= offset.y < len(roles) else DOWN
        if role == GRAB:
            self._grab = (event.screen_y, self._view.scroll_y)
            self._view.capture_mouse()
            self._refresh_column()
        elif role == UP:
            self._view.scroll_page_up()
        else:
            self._view.scroll_page_down()

    def mouse_move(self, event: events.MouseMove) -> None:
        self._set_hover(self.on_bar(event))
        if self._grab is None:
            return
        event.stop()
        track = self.track()
        if track.height and track.virtual:
            start_y, start_scroll = self._grab
            lines = (event.screen_y - start_y) * (track.virtual / track.height)
            self._view.scroll_to(y=start_scroll + lines, animate=False)

    def mouse_up(self, event: events.MouseUp) -> None:
        if self._grab is not None:
            event.stop()
            self._view.release_mouse()
            self.released()

    def released(self) -> None:
        """The mouse is not captured any more (let go, or taken by the app)."""
        if self._grab is not None:
            self._grab = None
            self._refresh_column()

    def left(self) -> None:
        self._set_hover(False)

    # --- internals ----------------------------------------------------------------------

    def _set_hover(self, hover: bool) -> None:
        if hover != self._hover:
            self._hover = hover
            self._refresh_column()

    def _refresh_column(self) -> None:
        width, height = self._view.size
        if width >= CELLS:
            self._view.refresh(Region(width - CELLS, 0, CELLS, height))

    def _colours(self) -> Colours:
        """The bar's colours as Textual's ScrollBar picks them from its view's styles."""
        view = self._view
        styles = view.styles
        if self._grab is not None:
            background, color = styles.scrollbar_background_active, styles.scrollbar_color_active
        elif self._hover:
            background, color = styles.scrollbar_background_hover, styles.scrollbar_color_hover
        else:
            background, color = styles.scrollbar_background, styles.scrollbar_color
        if background.a < 1:
            background = view.background_colors[0] + background
        color = background + color
        return Colours(color.rich_color, background.rich_color)

    def _render(self, track: Track, colours: Colours) -> Bar:
        shows_thumb = self._view.screen.styles.scrollbar_color.a != 0
        window = track.height if shows_thumb and track.height < track.virtual else 0
        rendered = ScrollBarRender.render_bar(
            size=track.height,
            virtual_size=ceil(track.virtual),
            window_size=ceil(window),
            position=track.position,
            thickness=CELLS,
            vertical=True,
            back_color=colours.back,
            bar_color=colours.bar,
        )
        base = self._view.rich_style  # beneath the cells, as Textual's styles pass puts it
        cells: list[Segment] = []
        roles: list[str] = []
        for segment in rendered.segments:
            segment_style = segment.style or Style()
            plain = self._plain.get((base, segment_style))
            if plain is None:
                plain = base + segment_style.clear_meta_and_links()
                self._plain[base, segment_style] = plain
            cells.append(Segment(segment.text, plain))
            roles.append(str(segment_style.meta.get("@mouse.down", DOWN)))
        return Bar(tuple(cells), tuple(roles))


class BarMouse:
    """The mouse handlers of a view that paints a RowScrollbar (``_scrollbar``). Textual runs
    the handlers of every class in the view's MRO, so its own run as well as these."""

    _scrollbar: RowScrollbar

    @property
    def allow_vertical_scroll(self) -> bool:
        """The wheel scrolls the view while its content is taller than it, although Textual's
        bar is hidden (Textual lets a view scroll only while its bar is shown)."""
        view = cast(Widget, self)
        return view.max_scroll_y > 0 and not (view.disabled or view.loading)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        self._scrollbar.mouse_down(event)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._scrollbar.mouse_move(event)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        self._scrollbar.mouse_up(event)

    def on_mouse_release(self, event: events.MouseRelease) -> None:
        self._scrollbar.released()

    def on_leave(self, event: events.Leave) -> None:
        self._scrollbar.left()
