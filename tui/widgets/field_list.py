"""FieldList: the detail pane's text, painted line by line by one widget that scrolls it.

One widget rather than a widget per field, note and box: each widget on the screen costs every
layout pass, every repaint that crosses the pane and every round of messages, and the pane
changes whenever the job under the cursor does. The text scrolls inside this widget (a
ScrollView; .textual.css gives it ``overflow-y: scroll``), so a job whose text takes more or
fewer lines than the last one's (a failure box, a longer prompt, a note) repaints the pane and
moves the scrollbar's thumb, and never lays out the screen (tui/widgets/quiet_resize.py): a
layout with its repaint was the longest frame of scrolling the table. A value that keeps its
line count repaints only its lines. Rows are wrapped once per text and width.

Rows, in order, each shown while it has a value (``set_value(name, None)`` hides it):
- ``box``: the value in a rounded border (the failure), then a blank line;
- ``note``: the value at full width in its row's colours, then a blank line;
- ``field``, side by side (the label in a column of ``LABEL_WIDTH``, the value wrapping beside
  it) or wide (a blank line unless it is the first field, the label, then the value indented
  by ``WIDE_INDENT``): the look the pane had when each field was a row of widgets.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Final, Literal, NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.content import Content
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.visual import Visual

from tui.widgets.quiet_resize import set_virtual_size

LABEL_WIDTH: Final = 13
WIDE_INDENT: Final = 2
RIGHT_GAP: Final = 1  # blank columns between the text and the scrollbar
RowKind = Literal["field", "note", "box"]


class Row(NamedTuple):
    """One row: its name (a field's label unless ``label`` is given), its kind, and for a field
    wide or side by side and bold; ``look`` names a note's or box's component class."""

    name: str
    wide: bool = False
    strong: bool = False
    label: str = ""
    kind: RowKind = "field"
    look: str = ""


class Painted(NamedTuple):
    """A row's lines at one width; its value is ``lines[head:-tail]``, columns ``left`` to
    ``right`` from the end cut off (label, indent, border)."""

    first: bool  # painted as the first field (no blank line above a wide one)
    head: int
    tail: int
    left: int
    right: int
    lines: list[Strip]

    def value_lines(self) -> list[str]:
        lines = self.lines[self.head : len(self.lines) - self.tail]
        return [line.text[self.left : len(line.text) - self.right].rstrip() for line in lines]


class FieldList(ScrollView):
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
        self._rows = {row.name: row for row in rows}
        self._values: dict[str, Content | None] = dict.fromkeys(self._rows)
        self._painted: dict[str, Painted] = {}  # each shown row's lines at ``_width``
        self._width = -1
        self._lines: list[Strip] | None = None  # every shown row's lines, in order
        self._starts: dict[str, int] = {}  # the line each shown row starts on
        self._labels: dict[str, Strip] = {}  # each row's label line at ``_width``: never changes
        self._placed: dict[int, Strip] = {}  # the lines with their offsets, as painted
        self._pass_width: int | None = None  # the text's width while a paint is under way

    def set_value(self, name: str, text: Text | None) -> None:
        """Show ``text`` as the value of row ``name`` (None: hide the row)."""
        value = None if text is None else Content.from_rich_text(text, console=self.app.console)
        old = self._values[name]
        if old is None or value is None:
            if old is value:
                return
        elif value.is_same(old):
            return
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
        width = self.size.width - RIGHT_GAP
        if self.styles.overflow_y == "scroll":
            width -= self.styles.scrollbar_size_vertical
        return max(0, width)

    def _resize(self) -> None:
        height = max(len(self._all_lines(self._width)), self.scrollable_content_region.height)
        set_virtual_size(self, Size(self._width, height))

    def on_resize(self) -> None:
        self._all_lines(self._text_width())
        self._resize()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._painted.clear()  # the colours may have changed (theme, focus)
        self._labels.clear()
        self._lines = None

    def _refresh_lines(self, start: int, count: int) -> None:
        top = start - round(self.scroll_y)
        self.refresh(Region(0, top, self.size.width, count))

    def render_lines(self, crop: Region) -> list[Strip]:
        # Once per pass, not per line: the width asks the compositor for this widget's region.
        self._pass_width = self._text_width()
        try:
            return super().render_lines(crop)
        finally:
            self._pass_width = None

    def render_line(self, y: int) -> Strip:
        width = self._text_width() if self._pass_width is None else self._pass_width
        lines = self._all_lines(width)
        y += round(self.scroll_y)
        if y >= len(lines):  # below the text (Textual pads the line with the background)
            return Strip.blank(0)
        selection = self.text_selection
        if selection is not None and (span := selection.get_span(y)) is not None:
            style = self.screen.get_component_rich_style("screen--selection")
            return _selected(lines[y], span, style).apply_offsets(0, y)
        placed = self._placed.get(y)
        if placed is None:  # the line with its place in the text, for the mouse (selection)
            placed = self._placed[y] = lines[y].apply_offsets(0, y)
        return placed

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
            self._placed.clear()
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
            painted = self._paint(self._rows[name], self._values[name] or Content(), first)
            self._painted[name] = painted
        return painted.lines

    def _paint(self, row: Row, value: Content, first: bool) -> Painted:
        width = max(1, self._width)
        blank = Strip.blank(width, self.rich_style)
        if row.kind == "note":
            look = self.get_visual_style(row.look) if row.look else None
            lines = self._wrap(value, width, look)
            return Painted(first, 0, 1, 0, 0, [*lines, blank])
        if row.kind == "box":
            return Painted(first, 1, 2, 2, 2, [*self._box(value, max(5, width), row.look), blank])
        value_style = self.get_visual_style("field-list--strong") if row.strong else None
        column = self._label(row, width)
        if row.wide:
            lines = [] if first else [blank]
            lines.append(column)
            indent = Strip.blank(WIDE_INDENT, self.rich_style)
            body = self._wrap(value, width - WIDE_INDENT, value_style)
            head = len(lines)
            return Painted(first, head, 0, WIDE_INDENT, 0, lines + [indent + s for s in body])
        gap = Strip.blank(LABEL_WIDTH, self.rich_style)
        body = self._wrap(value, max(1, width - LABEL_WIDTH), value_style)
        lines = [Strip.join([gap if y else column, strip]) for y, strip in enumerate(body)]
        return Painted(first, 0, 0, LABEL_WIDTH, 0, lines)

    def _box(self, value: Content, width: int, look: str) -> list[Strip]:
        """``value`` in a rounded border, a column of padding inside each side."""
        inside = self.get_visual_style(look)
        edge = self.get_visual_style(f"{look}-border").rich_style
        pad = inside.rich_style
        left = Strip([Segment("│", edge), Segment(" ", pad)], 2)
        right = Strip([Segment(" ", pad), Segment("│", edge)], 2)
        rule = "─" * (width - 2)
        top = Strip([Segment(f"╭{rule}╮", edge)], width)
        bottom = Strip([Segment(f"╰{rule}╯", edge)], width)
        body = self._wrap(value, width - 4, inside)
        return [top, *(Strip.join([left, strip, right]) for strip in body), bottom]

    def _label(self, row: Row, width: int) -> Strip:
        """The row's label line: a wide row's across ``width``, else its column's. Drawn once
        per width and style: a value changes on every poll, its label never."""
        label = self._labels.get(row.name)
        if label is None:
            style = self.get_visual_style("field-list--label")
            text = Content(row.label or row.name)
            cells = width if row.wide else LABEL_WIDTH
            head = Visual.to_strips(self, text, cells, 1, style, apply_selection=False)
            pad = self.rich_style if row.wide else style.rich_style
            label = self._labels[row.name] = head[0].extend_cell_length(cells, pad)
        return label

    def _wrap(self, value: Content, width: int, style: VisualStyle | None) -> list[Strip]:
        """The value wrapped as a Static of this width wraps it, each line padded to it."""
        style = style or self.visual_style
        strips = Visual.to_strips(self, value, width, None, style, apply_selection=False, pad=True)
        return strips or [Strip.blank(width, style.rich_style)]


def _selected(line: Strip, span: tuple[int, int], style: Style) -> Strip:
    """``line`` with the selected characters ``span`` (end -1: to the end) in ``style``."""
    text = line.text
    start, end = span
    end = len(text) if end == -1 else end
    cuts = [cell_len(text[:start]), cell_len(text[:end]), line.cell_length]
    before, middle, after = line.divide(cuts)
    chosen = Strip(Segment.apply_style(middle, post_style=style), middle.cell_length)
    return Strip.join([before, chosen, after])
