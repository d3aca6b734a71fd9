"""FieldList: the detail pane's text, painted line by line by one widget that scrolls it.

One widget rather than a widget per field, note and box: each widget on the screen costs every
layout pass, every repaint that crosses the pane and every round of messages, and the pane
changes whenever the job under the cursor does. The text scrolls inside this widget (a
ScrollView that paints its own scrollbar: Textual's is hidden), so a job whose text takes more or
fewer lines than the last one's (a failure box, a longer prompt, a note) repaints the pane and
moves the scrollbar's thumb, and never lays out the screen (tui/widgets/quiet_resize.py): a
layout with its repaint was the longest frame of scrolling the table. A value that keeps its
line count repaints only its lines. Rows are wrapped once per text and width (how each kind is
painted: tui/widgets/field_paint.py). The scrollbar is the last cell of each line, as the
table's is (tui/widgets/row_scrollbar.py): Textual's bar widget took 2-6 ms to repaint each
time the text's height changed, that is, on most moves of the cursor.

Rows, in order, each shown while it has a value (``set_value(name, None)`` hides it):
- ``box``: the value in a rounded border (the failure), then a blank line;
- ``note``: the value at full width in its row's colours, then a blank line;
- ``lines``: lines painted elsewhere (``set_lines``: the thumbnail's half cells), each cut or
  padded to the width, then a blank line;
- ``field``, side by side (the label in a column of ``LABEL_WIDTH``, the value wrapping beside
  it) or wide (a blank line unless it is the first field, the label, then the value indented
  by ``WIDE_INDENT``): the look the pane had when each field was a row of widgets.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Final

from rich.text import Text
from textual.content import Content
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip

from tui.widgets.field_paint import (
    LABEL_WIDTH,
    Painted,
    Row,
    Value,
    label_line,
    paint_row,
    selected,
)
from tui.widgets.quiet_resize import set_virtual_size
from tui.widgets.row_scrollbar import CELLS, NO_BAR, BarMouse, RowScrollbar
from tui.widgets.table_paint import paint_lines, plain_box

__all__ = ["FieldList", "Row"]

RIGHT_GAP: Final = 1  # blank columns between the text and the scrollbar


class FieldList(BarMouse, ScrollView):
    """Rows of label and value, notes and boxes, scrolled as one text."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "field-list--label",
        "field-list--strong",
        "field-list--box",
        "field-list--box-border",
        "field-list--warning",
        "field-list--muted",
    }

    def __init__(
        self, rows: Sequence[Row], *, name: str | None = None, id: str | None = None
    ) -> None:
        super().__init__(name=name, id=id)
        # The text has no links (server text is made inert: tui/text.py), so no wrap needs
        # Textual's pass that restyles each line for the link under the mouse.
        self.auto_links = False
        self._rows = {row.name: row for row in rows}
        self._values: dict[str, Value | None] = dict.fromkeys(self._rows)
        self._painted: dict[str, Painted] = {}  # each shown row's lines at ``_width``
        self._width = -1
        self._lines: list[Strip] | None = None  # every shown row's lines, in order
        self._starts: dict[str, int] = {}  # the line each shown row starts on
        self._labels: dict[str, Strip] = {}  # each row's label line at ``_width``: never changes
        # Each line as painted (its place in the text added, padded to the view), kept with the
        # line of text it came from: the same Strip again while that line is the same.
        self._placed: dict[int, tuple[Strip, Strip]] = {}
        self._pass_width: int | None = None  # the text's width while a paint is under way
        self._pass_bar = NO_BAR  # the scrollbar's cells while a paint is under way
        self._scrollbar = RowScrollbar(self)
        self._blank: Strip | None = None  # a line below the text, at the view's width

    def set_value(self, name: str, text: Text | None) -> None:
        """Show ``text`` as the value of row ``name`` (None: hide the row)."""
        value = None if text is None else Content.from_rich_text(text, console=self.app.console)
        old = self._values[name]
        if old is None or value is None:
            if old is value:
                return
        elif isinstance(old, Content) and value.is_same(old):
            return
        self._change(name, value)

    def set_lines(self, name: str, lines: tuple[Strip, ...] | None) -> None:
        """Show ``lines`` as the ``lines`` row ``name`` (None: hide the row)."""
        value = lines or None
        if value is not self._values[name]:
            self._change(name, value)

    @property
    def text_width(self) -> int:
        """The columns the text gets (the scrollbar and the gap after the text taken off)."""
        return self._text_width()

    def _change(self, name: str, value: Value | None) -> None:
        self._values[name] = value
        before = self._painted.pop(name, None)
        self._lines = None
        if self._width <= 0:
            self.refresh()  # not laid out yet: painted at the first width
            return
        self._all_lines(self._width)  # every row's place, and this row's new lines
        after = self._painted.get(name)
        if before is None or after is None or len(after.lines) != len(before.lines):
            self._resize()  # the lines below moved: the thumb moves, the pane repaints
            self.refresh()
        else:
            self._refresh_lines(self._starts[name], len(after.lines))

    def value_text(self, name: str) -> str:
        """The row's value as painted (its lines, without label or border), '' when hidden."""
        self._all_lines(self._text_width())
        painted = self._painted.get(name)
        return "" if painted is None else "\n".join(painted.value_lines())

    def label_text(self, name: str) -> str:
        """A field's label as painted ('' for a hidden row, a note or a box)."""
        self._all_lines(self._text_width())
        row, painted = self._rows[name], self._painted.get(name)
        if painted is None or row.kind != "field":
            return ""
        if row.wide:
            return painted.lines[painted.head - 1].text.rstrip()
        return painted.lines[0].text[:LABEL_WIDTH].rstrip()

    def row_lines(self, name: str) -> list[str]:
        """Every line of the row as painted (label, border and the blank line after included),
        none for a hidden row."""
        self._all_lines(self._text_width())
        painted = self._painted.get(name)
        return [] if painted is None else [line.text for line in painted.lines]

    def shown(self, name: str) -> bool:
        return self._values[name] is not None

    # --- size, scrolling and painting ----------------------------------------------------------

    def _text_width(self) -> int:
        """The columns the text gets: the scrollbar (always there) and a gap taken off."""
        return max(0, self._view_width() - RIGHT_GAP)

    def _view_width(self) -> int:
        """The columns left of our scrollbar (always there)."""
        return max(0, self.size.width - self._bar_cells())

    def _bar_cells(self) -> int:
        return CELLS

    def _resize(self) -> None:
        height = max(len(self._all_lines(self._width)), self.scrollable_content_region.height)
        set_virtual_size(self, Size(self._width, height))
        self._scrollbar.refresh_if_moved()

    def on_resize(self) -> None:
        self._all_lines(self._text_width())
        self._resize()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._painted.clear()  # the colours may have changed (theme, focus)
        self._labels.clear()
        self._lines = None
        self._blank = None
        self._scrollbar.forget()

    def _refresh_lines(self, start: int, count: int) -> None:
        top = start - round(self.scroll_y)
        self.refresh(Region(0, top, self.size.width, count))

    def render_lines(self, crop: Region) -> list[Strip]:
        # Once per pass, not per line: the width asks the compositor for this widget's region.
        self._pass_width = self._text_width()
        self._pass_bar = self._scrollbar.bar() if self._bar_cells() else NO_BAR
        self._scrollbar.painted(self._pass_bar)
        try:
            if not plain_box(self):  # a border, padding, tint…: Textual's own styles pass
                return super().render_lines(crop)
            return paint_lines(self, crop)  # the lines as they are, through the line filters
        finally:
            self._pass_width = None
            self._pass_bar = NO_BAR

    def render_line(self, y: int) -> Strip:
        if self._pass_width is None:  # asked outside a paint pass
            bar = self._scrollbar.bar() if self._bar_cells() else NO_BAR
            return self._scrollbar.attach(y, self._text_line(y, self._text_width()), bar)
        return self._scrollbar.attach(y, self._text_line(y, self._pass_width), self._pass_bar)

    def _text_line(self, y: int, width: int) -> Strip:
        """Line ``y`` of the view, left of the scrollbar (the text ``width`` and the gap)."""
        lines = self._all_lines(width)
        view_width = width + RIGHT_GAP
        y += round(self.scroll_y)
        if y >= len(lines):  # below the text
            blank = self._blank
            if blank is None or blank.cell_length != view_width:
                blank = self._blank = Strip.blank(view_width, self.visual_style.rich_style)
            return blank
        selection = self.text_selection
        if selection is not None and (span := selection.get_span(y)) is not None:
            style = self.screen.get_component_rich_style("screen--selection")
            line = selected(lines[y], span, style).apply_offsets(0, y)
            return line.extend_cell_length(view_width, self.visual_style.rich_style)
        line, placed = lines[y], self._placed.get(y)
        if placed is None or placed[0] is not line:  # its place in the text: for the selection
            base = self.visual_style.rich_style
            padded = line.apply_offsets(0, y).extend_cell_length(view_width, base)
            placed = self._placed[y] = (line, padded)
        return placed[1]

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        text = "\n".join(line.text for line in self._all_lines(self._text_width()))
        return selection.extract(text), "\n"

    def _all_lines(self, width: int) -> list[Strip]:
        if width != self._width:
            self._width = width
            self._painted.clear()
            self._labels.clear()
            self._lines = None
        if self._lines is None:
            lines: list[Strip] = []
            first = True
            for name, value in self._values.items():
                if value is not None:
                    self._starts[name] = len(lines)
                    lines += self._row_lines(name, first)
                    first = first and self._rows[name].kind != "field"
            self._lines = lines
        return self._lines

    def _row_lines(self, name: str, first: bool) -> list[Strip]:
        painted = self._painted.get(name)
        if painted is None or painted.first != first:
            row, value = self._rows[name], self._values[name] or Content()
            width = max(1, self._width)
            label = self._label(row, width) if row.kind == "field" else Strip.blank(0)
            painted = paint_row(self, row, value, first, width, label)
            self._painted[name] = painted
        return painted.lines

    def _label(self, row: Row, width: int) -> Strip:
        """The row's label line, drawn once per width and style: a value changes on every
        poll, its label never."""
        label = self._labels.get(row.name)
        if label is None:
            label = self._labels[row.name] = label_line(self, row, width)
        return label
