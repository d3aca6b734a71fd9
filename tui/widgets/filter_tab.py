"""The status filter bar's line: each tab's label (shorter forms as room runs short), and the
tabs, separators and loaded note painted as one line of styled text, with where each tab is."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final, NamedTuple

from rich.cells import cell_len
from textual.content import Content
from textual.style import Style

# Each bucket's label, longest first: the bar takes the longest forms that fit its width.
LABEL_FORMS: Final = {
    "all": ("All", "All", "All"),
    "queued": ("Queued", "Queued", "Q"),
    "in_progress": ("In progress", "In prog.", "Run"),
    "completed": ("Completed", "Compl.", "Done"),
    "failed": ("Failed", "Failed", "Fail"),
    "other": ("Other", "Other", "?"),
    "gone": ("Gone", "Gone", "Gone"),
}
SEPARATOR: Final = "·"  # between two tabs
PADDING: Final = 1  # a space each side of a tab and of the note

# The component classes of StatusFilterBar (.textual.css).
TAB: Final = "status-filter--tab"
HOVER: Final = "status-filter--hover"
ACTIVE: Final = "status-filter--active"
SEP: Final = "status-filter--sep"
NOTE: Final = "status-filter--note"
PARTS: Final = (TAB, HOVER, ACTIVE, SEP, NOTE)


def label(bucket: str, form: int = 0) -> str:
    """The tab's label in ``form`` (0 longest); an unknown bucket is its own label."""
    forms = LABEL_FORMS.get(bucket)
    return forms[min(form, len(forms) - 1)] if forms else bucket


def tab_label(bucket: str, count: int, form: int = 0) -> str:
    """'Queued 3' (or 'Q 3' in the tightest form)."""
    return f"{label(bucket, form)} {count}"


class Tab(NamedTuple):
    """Where a tab is painted: its bucket, its first column and the column after it."""

    bucket: str
    start: int
    end: int


class BarLine(NamedTuple):
    """The line as text with its styles, and its parts in order (to paint it as segments)."""

    content: Content
    tabs: tuple[Tab, ...]
    parts: tuple[tuple[str, Style], ...] = ()


def bar_line(
    tabs: Sequence[tuple[str, str]],
    note: str,
    *,
    active: str,
    hover: str | None,
    style: Callable[[str], Style],
) -> BarLine:
    """The bar's line: each (bucket, text) of ``tabs`` padded, the separators between, the note;
    ``style`` gives the style of each part by its component class."""
    pad = " " * PADDING
    parts: list[tuple[str, Style]] = []
    placed: list[Tab] = []
    x = 0
    for index, (bucket, text) in enumerate(tabs):
        if index:
            parts.append((SEPARATOR, style(SEP)))
            x += cell_len(SEPARATOR)
        cell = f"{pad}{text}{pad}"
        part = ACTIVE if bucket == active else HOVER if bucket == hover else TAB
        parts.append((cell, style(part)))
        placed.append(Tab(bucket, x, x + cell_len(cell)))
        x += cell_len(cell)
    parts.append((f"{pad}{note}{pad}", style(NOTE)))
    return BarLine(Content.assemble(*parts), tuple(placed), tuple(parts))


def line_width(tab_texts: Sequence[str], note: str) -> int:
    """Columns the bar's line takes with these tab texts and note."""
    tabs = sum(cell_len(text) + 2 * PADDING for text in tab_texts)
    separators = cell_len(SEPARATOR) * max(0, len(tab_texts) - 1)
    return tabs + separators + cell_len(note) + 2 * PADDING
