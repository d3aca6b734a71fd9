"""The status filter bar: one tab per bucket with its count, and how much of the list is loaded."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar, Final

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from tui.actions import CORE_ACTIONS, FILTER_BAR_SCOPE, bindings
from tui.feed.filters import BUCKETS, OTHER
from tui.widgets.filter_tab import FilterTab, label

# (label form, loaded note form) from roomiest to tightest; the note is "full" or "short".
FITS: Final = ((0, "full"), (1, "full"), (1, "short"), (2, "short"))
_TAB_PADDING: Final = 2  # `padding: 0 1` on every tab and on the note (.textual.css)
_SEPARATOR: Final = 1  # the "·" between two tabs


class StatusFilterBar(Widget, can_focus=True):
    """Tabs All / Queued / In progress / Completed / Failed (/ Other when there is any)."""

    BINDING_GROUP_TITLE = "Filter bar"  # how help names it

    BINDINGS: ClassVar[list[BindingType]] = list(bindings(CORE_ACTIONS, FILTER_BAR_SCOPE))

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

    def compose(self) -> ComposeResult:
        for index, bucket in enumerate(BUCKETS):
            if index:
                yield Static("·", id=f"sep-{bucket}", classes="filter-sep")
            yield FilterTab(bucket)
        yield Static("", id="filter-loaded")

    def on_mount(self) -> None:
        self._sync()

    @property
    def visible_buckets(self) -> list[str]:
        """The tabs on show: Other only when some job has an unknown status (or it is selected)."""
        return [
            b
            for b in BUCKETS
            if b != OTHER or self._counts.get(OTHER, 0) > 0 or self.bucket == OTHER
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

    def _width_needed(self, buckets: list[str], form: int, note: str) -> int:
        tabs = sum(
            cell_len(f"{label(b, form)} {self._counts.get(b, 0)}") + _TAB_PADDING for b in buckets
        )
        return tabs + _SEPARATOR * (len(buckets) - 1) + cell_len(note) + _TAB_PADDING

    def _fit(self, buckets: list[str]) -> tuple[int, str]:
        """The roomiest label form and note that fit the bar's width (the tightest else)."""
        full, short = self.loaded_texts
        width = self.size.width
        for form, note_form in FITS:
            note = full if note_form == "full" else short
            # Width 0: not laid out yet (on_resize fits it again).
            if width == 0 or self._width_needed(buckets, form, note) <= width:
                return form, note
        return FITS[-1][0], short

    def _sync(self) -> None:
        buckets = self.visible_buckets
        visible = set(buckets)
        form, note = self._fit(buckets)
        for tab in self.query(FilterTab):
            tab.set_count(self._counts.get(tab.bucket, 0), form)
            tab.set_class(tab.bucket == self.bucket, "-active")
            tab.set_class(tab.bucket not in visible, "-hidden")
        for sep in self.query(".filter-sep"):
            sep.set_class(sep.id == f"sep-{OTHER}" and OTHER not in visible, "-hidden")
        loaded = self.query_one("#filter-loaded", Static)
        if str(loaded.content) != note:
            loaded.update(note)

    def _step(self, delta: int) -> None:
        tabs = self.visible_buckets
        index = tabs.index(self.bucket) if self.bucket in tabs else 0
        self.select(tabs[(index + delta) % len(tabs)])

    def action_previous_tab(self) -> None:
        self._step(-1)

    def action_next_tab(self) -> None:
        self._step(1)

    def on_click(self, event: events.Click) -> None:
        tab = event.widget
        while tab is not None and tab is not self and not isinstance(tab, FilterTab):
            tab = tab.parent if isinstance(tab.parent, Widget) else None
        if isinstance(tab, FilterTab):
            event.stop()
            self.select(tab.bucket)
