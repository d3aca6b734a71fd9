"""A ScrollView's content grows or shrinks without a layout of the screen, where that is safe.

Setting ``virtual_size`` makes Textual lay out the whole screen (~12 ms at 140×40 on a 2-core
machine, and a repaint of every widget that moved) so that scrollbars can come or go. When the
width stays and the vertical scrollbar is shown before and after (always, under
``overflow-y: scroll``; else when the content is taller than the widget both times), nothing on
the screen moves but the scrollbar's thumb: the size is set without its watcher, and the bar is
told its new extent. Every other change goes through Textual as usual.
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
        view.vertical_scrollbar.window_virtual_size = size.height
        view.scroll_y = view.validate_scroll_y(view.scroll_y)  # shorter: still in range
        return
    view.virtual_size = size


def _scrollbar_stays(view: ScrollView, old: Size, new: Size) -> bool:
    if not view.is_mounted or new.width != old.width or not view.show_vertical_scrollbar:
        return False
    return view.styles.overflow_y == "scroll" or min(old.height, new.height) > view.size.height
