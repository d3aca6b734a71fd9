"""A Strip cut or padded to a width, without the reference cycle Textual's own way can make.

``Strip.crop_extend`` keeps its result in the strip's own cache; when nothing needs cutting or
padding that result is the strip itself, a cycle that only the cyclic collector frees. A view
whose rows are dropped from its cache as it scrolls (the table's RowCache, the pane's lines)
would leave each of them, its segments and its caches, to a full collection: a second of
scrolling at 100k piled up ~28k such objects, a 20-30 ms pause in the frame it fell in.
"""

from __future__ import annotations

from rich.style import Style
from textual.strip import Strip


def fitted(strip: Strip, start: int, end: int, style: Style | None) -> Strip:
    """``strip.crop_extend(start, end, style)``, or the strip itself when it spans exactly that."""
    if start == 0 and strip.cell_length == end:
        return strip
    return strip.crop_extend(start, end, style)
