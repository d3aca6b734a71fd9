"""FieldList: the detail pane's labelled fields, painted line by line by one widget.

One widget rather than a label and a value widget per field: each widget on the screen costs
every layout pass, every repaint that crosses the pane and every round of messages, and the pane
changes whenever the job under the cursor does. A row is wrapped once per text and width; a new
value repaints the lines of its row, and re-lays out the screen only when its height changes.

A row is either side by side (the label in a column of ``LABEL_WIDTH``, the value wrapping beside
it) or wide (a blank line, the label, then the value indented by ``WIDE_INDENT``): the look the
pane had when each field was a row of widgets (.textual.css: ``FieldList``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Final, NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.content import Content
from textual.geometry import Region, Size
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.visual import Visual
from textual.widget import Widget

LABEL_WIDTH: Final = 13
WIDE_INDENT: Final = 2


class Row(NamedTuple):
    """One field: its name (the label unless ``label`` is given), wide or side by side, bold."""

    name: str
    wide: bool = False
    strong: bool = False
    label: str = ""


class FieldList(Widget):
    """Rows of label and value; ``set_value(name, None)`` hides a row."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"field-list--label", "field-list--strong"}

    def __init__(
        self, rows: Sequence[Row], *, name: str | None = None, id: str | None = None
    ) -> None:
        super().__init__(name=name, id=id)
        self._rows = {row.name: row for row in rows}
        self._values: dict[str, Content | None] = dict.fromkeys(self._rows)
        # Each row's lines at ``_width``: (first row?, lines before the value, the lines).
        self._painted: dict[str, tuple[bool, int, list[Strip]]] = {}
        self._width = -1
        self._lines: list[Strip] | None = None  # every shown row's lines, in order
        self._starts: dict[str, int] = {}  # the line each shown row starts on
        self._labels: dict[str, Strip] = {}  # each row's label line at ``_width``: never changes

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
        if before is None or old is None or value is None:
            self.refresh(layout=True)
            return
        self._all_lines(self._width)  # every row's place, and this row's new lines
        height = len(before[2])
        if len(self._painted[name][2]) != height:
            self.refresh(layout=True)
        else:  # the same lines: repaint only them
            self.refresh(Region(0, self._starts[name], self._width, height))

    def value_text(self, name: str) -> str:
        """The row's value as painted (its lines, without the label), '' for a hidden row."""
        self._all_lines(self.content_size.width)
        if self._values[name] is None:
            return ""
        _, head, lines = self._painted[name]
        skip = WIDE_INDENT if self._rows[name].wide else LABEL_WIDTH
        return "\n".join(line.text[skip:].rstrip() for line in lines[head:])

    def label_text(self, name: str) -> str:
        """The row's label as painted ('' for a hidden row)."""
        self._all_lines(self.content_size.width)
        if self._values[name] is None:
            return ""
        _, head, lines = self._painted[name]
        if self._rows[name].wide:
            return lines[head - 1].text.rstrip()
        return lines[0].text[:LABEL_WIDTH].rstrip()

    def shown(self, name: str) -> bool:
        return self._values[name] is not None

    # --- layout and painting ------------------------------------------------------------------

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._all_lines(width))

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._painted.clear()  # the colours may have changed (theme, focus)
        self._labels.clear()
        self._lines = None

    def render_line(self, y: int) -> Strip:
        width = self.content_size.width
        lines = self._all_lines(width)
        if y >= len(lines):
            return Strip.blank(width, self.rich_style)
        line = lines[y]
        selection = self.text_selection
        if selection is not None and (span := selection.get_span(y)) is not None:
            line = _selected(line, span, self.screen.get_component_rich_style("screen--selection"))
        return line.apply_offsets(0, y)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        text = "\n".join(line.text for line in self._all_lines(self.content_size.width))
        return selection.extract(text), "\n"

    def _all_lines(self, width: int) -> list[Strip]:
        if width != self._width:
            self._width = width
            self._painted.clear()
            self._labels.clear()
            self._lines = None
        if self._lines is None:
            lines: list[Strip] = []
            for name, value in self._values.items():
                if value is not None:
                    self._starts[name] = len(lines)
                    lines += self._row_lines(name, not lines)
            self._lines = lines
        return self._lines

    def _row_lines(self, name: str, first: bool) -> list[Strip]:
        painted = self._painted.get(name)
        if painted is None or painted[0] != first:
            head, lines = self._paint(self._rows[name], self._values[name] or Content(), first)
            painted = (first, head, lines)
            self._painted[name] = painted
        return painted[2]

    def _paint(self, row: Row, value: Content, first: bool) -> tuple[int, list[Strip]]:
        """(lines before the value, every line) of one row."""
        width = max(1, self._width)
        blank = self.rich_style
        value_style = self.get_visual_style("field-list--strong") if row.strong else None
        column = self._label(row, width)
        if row.wide:
            lines = [] if first else [Strip.blank(width, blank)]
            lines.append(column)
            indent = Strip.blank(WIDE_INDENT, blank)
            body = self._wrap(value, width - WIDE_INDENT, value_style)
            return len(lines), lines + [Strip.join([indent, strip]) for strip in body]
        gap = Strip.blank(LABEL_WIDTH, blank)
        body = self._wrap(value, max(1, width - LABEL_WIDTH), value_style)
        return 0, [Strip.join([gap if y else column, strip]) for y, strip in enumerate(body)]

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
