"""The help's text: groups of key rows laid out in one column or two, side by side."""

from __future__ import annotations

from rich.text import Text

from tui.widgets.help_rows import BindingGroup


def split_columns(groups: list[BindingGroup], columns: int) -> list[list[BindingGroup]]:
    """Groups dealt into at most ``columns`` columns, in order, as even in height as they go."""
    if columns <= 1 or len(groups) <= 1:
        return [groups]
    heights = [group.height + 1 for group in groups]  # a blank line between groups
    total = sum(heights)
    best, best_cut = total, len(groups)
    running = 0
    for cut in range(1, len(groups)):
        running += heights[cut - 1]
        tallest = max(running, total - running)
        if tallest < best:
            best, best_cut = tallest, cut
    return [groups[:best_cut], groups[best_cut:]]


def _key_width(groups: list[BindingGroup]) -> int:
    return max((len(row.keys) for group in groups for row in group.rows), default=0)


def bindings_text(groups: list[BindingGroup]) -> Text:
    width = _key_width(groups)
    text = Text()
    for index, group in enumerate(groups):
        if index:
            text.append("\n")
        text.append(f"{group.title}\n", style="bold underline")
        for row in group.rows:
            style = "" if row.enabled else "dim"
            text.append(f"  {row.keys.rjust(width)}  ", style=f"bold {style}".strip())
            text.append(row.description, style=style)
            if row.where:
                text.append(f"  ({row.where})", style="dim italic")
            text.append("\n")
    text.rstrip()
    return text


def text_width(text: Text) -> int:
    return max((line.cell_len for line in text.split("\n")), default=0)


def side_by_side(columns: list[Text], gap: int) -> Text:
    """Texts laid next to each other, line by line, each padded to its widest line."""
    split = [column.split("\n", allow_blank=True) for column in columns]
    widths = [text_width(column) for column in columns]
    out = Text()
    for index in range(max((len(lines) for lines in split), default=0)):
        if index:
            out.append("\n")
        line = Text()
        for number, (lines, width) in enumerate(zip(split, widths, strict=True)):
            if number:
                line.append(" " * gap)
            part = lines[index].copy() if index < len(lines) else Text()
            part.pad_right(width - part.cell_len)
            line.append_text(part)
        line.rstrip()
        out.append_text(line)
    return out
