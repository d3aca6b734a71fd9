"""The detail pane's rows as lines: what FieldList (tui/widgets/field_list.py) paints for each
kind of row, at one width, in the widget's component styles."""

from __future__ import annotations

from typing import Final, Literal, NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.content import Content
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.visual import Visual
from textual.widget import Widget

from tui.widgets.strip_fit import fitted

LABEL_WIDTH: Final = 13
WIDE_INDENT: Final = 2
RowKind = Literal["field", "note", "box", "lines"]
Value = Content | tuple[Strip, ...]  # a ``lines`` row's value is its lines


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


def paint_row(
    view: Widget, row: Row, value: Value, first: bool, width: int, label: Strip
) -> Painted:
    """``row`` showing ``value`` at ``width`` (``label``: its label line, see ``label_line``)."""
    # The view's own colours. Textual caches them on visual_style; its rich_style property
    # walks every ancestor's styles on each read (~0.1 ms, read twice a row, ~7 rows a job).
    base = view.visual_style.rich_style
    blank = Strip.blank(width, base)
    if isinstance(value, tuple):  # a ``lines`` row
        lines = [fitted(line, 0, width, base) for line in value]
        return Painted(first, 0, 1, 0, 0, [*lines, blank])
    if row.kind == "note":
        look = view.get_visual_style(row.look) if row.look else None
        return Painted(first, 0, 1, 0, 0, [*wrap(view, value, width, look), blank])
    if row.kind == "box":
        return Painted(first, 1, 2, 2, 2, [*box(view, value, max(5, width), row.look), blank])
    value_style = view.get_visual_style("field-list--strong") if row.strong else None
    if row.wide:
        lines = [] if first else [blank]
        lines.append(label)
        indent = Strip.blank(WIDE_INDENT, base)
        body = wrap(view, value, width - WIDE_INDENT, value_style)
        head = len(lines)
        return Painted(first, head, 0, WIDE_INDENT, 0, lines + [indent + s for s in body])
    gap = Strip.blank(LABEL_WIDTH, base)
    body = wrap(view, value, max(1, width - LABEL_WIDTH), value_style)
    lines = [Strip.join([gap if y else label, strip]) for y, strip in enumerate(body)]
    return Painted(first, 0, 0, LABEL_WIDTH, 0, lines)


def box(view: Widget, value: Content, width: int, look: str) -> list[Strip]:
    """``value`` in a rounded border, a column of padding inside each side."""
    inside = view.get_visual_style(look)
    edge = view.get_visual_style(f"{look}-border").rich_style
    pad = inside.rich_style
    left = Strip([Segment("│", edge), Segment(" ", pad)], 2)
    right = Strip([Segment(" ", pad), Segment("│", edge)], 2)
    rule = "─" * (width - 2)
    top = Strip([Segment(f"╭{rule}╮", edge)], width)
    bottom = Strip([Segment(f"╰{rule}╯", edge)], width)
    body = wrap(view, value, width - 4, inside)
    return [top, *(Strip.join([left, strip, right]) for strip in body), bottom]


def label_line(view: Widget, row: Row, width: int) -> Strip:
    """The row's label line: a wide row's across ``width``, else its column's."""
    style = view.get_visual_style("field-list--label")
    text = Content(row.label or row.name)
    cells = width if row.wide else LABEL_WIDTH
    head = Visual.to_strips(view, text, cells, 1, style, apply_selection=False)
    pad = view.rich_style if row.wide else style.rich_style
    return head[0].extend_cell_length(cells, pad)


def wrap(view: Widget, value: Content, width: int, style: VisualStyle | None) -> list[Strip]:
    """The value wrapped as a Static of this width wraps it, each line padded to it."""
    style = style or view.visual_style
    strips = Visual.to_strips(view, value, width, None, style, apply_selection=False, pad=True)
    return strips or [Strip.blank(width, style.rich_style)]


def selected(line: Strip, span: tuple[int, int], style: Style) -> Strip:
    """``line`` with the selected characters ``span`` (end -1: to the end) in ``style``."""
    text = line.text
    start, end = span
    end = len(text) if end == -1 else end
    cuts = [cell_len(text[:start]), cell_len(text[:end]), line.cell_length]
    before, middle, after = line.divide(cuts)
    chosen = Strip(Segment.apply_style(middle, post_style=style), middle.cell_length)
    return Strip.join([before, chosen, after])
