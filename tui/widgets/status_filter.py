"""The status filter bar: one tab per bucket with its count, and how much of the list is loaded.

One widget paints the whole line (tui/widgets/filter_tab.py), not a widget per tab: a count that
changes repaints one line, and no tab's width can make the screen lay itself out again.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar, Final

from rich.segment import Segment
from textual import events
from textual.binding import BindingType
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.widget import Widget

from tui.actions import CORE_ACTIONS, FILTER_BAR_SCOPE, bindings
from tui.feed.filters import BUCKETS, OCCASIONAL
from tui.widgets.filter_tab import PARTS, BarLine, Tab, bar_line, line_width, tab_label

# (label form, loaded note form) from roomiest to tightest; the note is "full" or "short".
FITS: Final = ((0, "full"), (1, "full"), (1, "short"), (2, "short"))


class StatusFilterBar(Widget, can_focus=True):
    """Tabs All / Queued / In progress / Completed / Failed (/ Other when there is any)."""

    BINDING_GROUP_TITLE = "Filter bar"  # how help names it

    BINDINGS: ClassVar[list[BindingType]] = list(bindings(CORE_ACTIONS, FILTER_BAR_SCOPE))

    COMPONENT_CLASSES: ClassVar[set[str]] = set(PARTS)

    bucket: reactive[str] = reactive("all")

    class Changed(Message):
        """The user picked another bucket."""

        def __init__(self, bar: StatusFilterBar, bucket: str) -> None:
            super().__init__()
            self.bar = bar
            self.bucket = bucket

        @property
        def control(self) -> StatusFilterBar:
            return self.bar

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._counts: dict[str, int] = {bucket: 0 for bucket in BUCKETS}
        self._loaded = 0
        self._end_reached = False
        self._counted = False
        self._loaded_texts: tuple[str, str] | None = None  # set_loaded_text's (full, short)
        self._hover: str | None = None  # the tab under the mouse
        self._line = BarLine(Content(), ())
        self._strip: Strip | None = None  # the line as painted at the bar's width
        self._note = ""
        self._styles: dict[str, VisualStyle] = {}  # each part's style, until the CSS changes
        self._restyle_due = False  # the parts' styles changed: read them again when painted

    def on_mount(self) -> None:
        self._sync()

    @property
    def visible_buckets(self) -> list[str]:
        """The tabs on show: Other only when some job has an unknown status, Gone only when the
        history remembers a job the server no longer has (or while either is selected)."""
        return [
            b
            for b in BUCKETS
            if b not in OCCASIONAL or self._counts.get(b, 0) > 0 or self.bucket == b
        ]

    def loaded_text(self) -> str:
        if not self._counted:
            return "loading…"
        if self._end_reached:
            return f"all {self._loaded} loaded"
        return f"loaded {self._loaded}, more on server"

    def short_loaded_text(self) -> str:
        """``loaded_text()`` for a narrow bar: 'all 450', '450 · more'."""
        if not self._counted:
            return "loading…"
        if self._end_reached:
            return f"all {self._loaded}"
        return f"{self._loaded} · more"

    def set_loaded_text(self, full: str, short: str) -> None:
        """Say ``full`` about what is loaded where there is room, else ``short``; from now on
        in place of ``loaded_text()``, whatever ``set_counts`` is told."""
        if self._loaded_texts == (full, short):
            return
        self._loaded_texts = (full, short)
        if self.is_mounted:
            self._sync()

    @property
    def loaded_texts(self) -> tuple[str, str]:
        """The loaded note, (full, short): as set by ``set_loaded_text``, else from the counts."""
        if self._loaded_texts is not None:
            return self._loaded_texts
        return self.loaded_text(), self.short_loaded_text()

    def set_counts(self, counts: Mapping[str, int], *, loaded: int, end_reached: bool) -> None:
        """New counts per bucket ('all' defaults to the sum of the others); updates the tabs in place."""
        self._counts = {bucket: int(counts.get(bucket, 0)) for bucket in BUCKETS}
        if "all" not in counts:
            self._counts["all"] = sum(v for k, v in self._counts.items() if k != "all")
        self._loaded, self._end_reached, self._counted = loaded, end_reached, True
        if self.is_mounted:
            self._sync()

    def select(self, bucket: str) -> None:
        """Make ``bucket`` the active tab; posts Changed when that is a change."""
        if bucket not in BUCKETS or bucket == self.bucket:
            return
        self.bucket = bucket
        self.post_message(self.Changed(self, bucket))

    def watch_bucket(self) -> None:
        if self.is_mounted:
            self._sync()

    def on_resize(self) -> None:
        self._sync()

    def _texts(self, buckets: list[str], form: int) -> list[str]:
        return [tab_label(b, self._counts.get(b, 0), form) for b in buckets]

    def _fit(self, buckets: list[str]) -> tuple[int, str]:
        """The roomiest label form and note that fit the bar's width (the tightest else)."""
        full, short = self.loaded_texts
        width = self.size.width
        for form, note_form in FITS:
            note = full if note_form == "full" else short
            # Width 0: not laid out yet (on_resize fits it again).
            if width == 0 or line_width(self._texts(buckets, form), note) <= width:
                return form, note
        return FITS[-1][0], short

    def _sync(self, *, repaint: bool = True) -> None:
        """Paint the line again, only if it changed (one line of one widget: never a layout)."""
        buckets = self.visible_buckets
        form, note = self._fit(buckets)
        tabs = list(zip(buckets, self._texts(buckets, form), strict=True))
        line = bar_line(tabs, note, active=self.bucket, hover=self._hover, style=self._style)
        if line.content.is_same(self._line.content) and line.tabs == self._line.tabs:
            return
        self._line, self._note = line, note
        self._strip = None
        if repaint:
            self.refresh()

    def render_line(self, y: int) -> Strip:
        """The line, made into a strip once per change from its parts' segments: a Content
        returned by ``render`` is laid out again on every frame that crosses the bar, and even
        once per change that costs a third of a poll tick's frame."""
        width = self.size.width
        if self._restyle_due:
            self._restyle_due = False
            self._styles.clear()
            self._sync(repaint=False)  # painting now
            self._strip = None
        if y:
            return Strip.blank(width, self.rich_style)
        if self._strip is None or self._strip.cell_length != width:
            segments = [Segment(text, style.rich_style) for text, style in self._line.parts]
            line = Strip(segments).extend_cell_length(width, self.rich_style)
            self._strip = line.crop(0, width)  # text-overflow: clip
        return self._strip

    def _style(self, part: str) -> VisualStyle:
        """A part's whole style, as a child widget with that class would have it. (Content's
        ".class" styles are partial ones, and a partial opaque background is lost: Textual
        8.2's Widget.get_visual_style blends it in with weight 1 - alpha; nor do they reverse.)
        Worked out once per style update: counts change on every poll, the CSS does not."""
        style = self._styles.get(part)
        if style is None:
            style = self.get_visual_style(part)
            if self.get_component_styles(part).text_style.reverse:
                style += VisualStyle(reverse=True)
            self._styles[part] = style
        return style

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._restyle()  # the theme's colours are in the painted line

    def _restyle(self) -> None:
        """The theme, the CSS or focus (``:focus`` in .textual.css) changed the parts' look:
        paint them from their styles as they are when painted. Textual restyles the parts only
        after this hook, and after on_focus/on_blur: styles read now would be the old ones."""
        self._styles.clear()
        self._restyle_due = True
        self.refresh()

    # --- what is painted, for tests and clicks ---------------------------------------------

    @property
    def note_text(self) -> str:
        """The loaded note as painted (the full or the short form, whichever fits)."""
        return self._note

    def tab_text(self, bucket: str) -> str:
        """The tab's text as painted ('Queued 3'), '' when the tab is not on show."""
        tab = self._tab(bucket)
        return self._line.content.plain[tab.start : tab.end].strip() if tab else ""

    def tab_region(self, bucket: str) -> Region | None:
        """Where the tab is, relative to the bar (None when it is not on show)."""
        tab = self._tab(bucket)
        return Region(tab.start, 0, tab.end - tab.start, 1) if tab else None

    def _tab(self, bucket: str) -> Tab | None:
        return next((tab for tab in self._line.tabs if tab.bucket == bucket), None)

    def _bucket_at(self, x: int) -> str | None:
        return next((tab.bucket for tab in self._line.tabs if tab.start <= x < tab.end), None)

    def _step(self, delta: int) -> None:
        tabs = self.visible_buckets
        index = tabs.index(self.bucket) if self.bucket in tabs else 0
        self.select(tabs[(index + delta) % len(tabs)])

    def action_previous_tab(self) -> None:
        self._step(-1)

    def action_next_tab(self) -> None:
        self._step(1)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        bucket = self._bucket_at(offset.x) if offset is not None else None
        if bucket is not None:
            event.stop()
            self.select(bucket)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        offset = event.get_content_offset(self)
        self._set_hover(self._bucket_at(offset.x) if offset is not None else None)

    def on_leave(self, event: events.Leave) -> None:
        self._set_hover(None)

    def on_focus(self, event: events.Focus) -> None:
        self._restyle()  # the active tab's colours follow the bar's focus

    def on_blur(self, event: events.Blur) -> None:
        self._restyle()

    def _set_hover(self, bucket: str | None) -> None:
        if bucket != self._hover:
            self._hover = bucket
            self._sync()
