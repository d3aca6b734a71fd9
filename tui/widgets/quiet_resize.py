"""A ScrollView's content grows or shrinks without a layout of the screen, where that is safe.

Setting ``virtual_size`` makes Textual lay out the whole screen (~12 ms at 140×40 on a 2-core
machine, and a repaint of every widget that moved) so that scrollbars can come or go. When the
width stays and Textual's vertical scrollbar cannot come or go, nothing on the screen moves:
the size is set without its watcher (and a bar that is shown is told its new extent). Textual's
bar cannot come or go when it is never shown (``overflow-y: hidden``: the views that paint their
own, tui/widgets/row_scrollbar.py), when it is always shown (``overflow-y: scroll``), or when the
content is taller than the widget both times. Every other change goes through Textual as usual.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.widget import Widget


def set_virtual_size(view: ScrollView, size: Size) -> None:
    """Give ``view`` the content size ``size``, laying out the screen only when needed."""
    old = view.virtual_size
    if size == old:
        return
    if _scrollbar_stays(view, old, size):
        view.set_reactive(Widget.virtual_size, size)
        if view.show_vertical_scrollbar:
            view.vertical_scrollbar.window_virtual_size = size.height
        view.scroll_y = view.validate_scroll_y(view.scroll_y)  # shorter: still in range
        return
    view.virtual_size = size


def _scrollbar_stays(view: ScrollView, old: Size, new: Size) -> bool:
    if not view.is_mounted or new.width != old.width:
        return False
    overflow = view.styles.overflow_y
    if overflow == "hidden":
        return not view.show_vertical_scrollbar
    if not view.show_vertical_scrollbar:
        return False
    return overflow == "scroll" or min(old.height, new.height) > view.size.height
