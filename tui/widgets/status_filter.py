"""The status filter bar: one tab per bucket with its count, and how much of the list is loaded."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar, Final

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from tui.feed.filters import BUCKETS

LABELS: Final = {
    "all": "All",
    "queued": "Queued",
    "in_progress": "In progress",
    "completed": "Completed",
    "failed": "Failed",
    "other": "Other",
}
OTHER: Final = "other"


class FilterTab(Static):
    """One clickable tab: 'Queued 3'."""

    def __init__(self, bucket: str) -> None:
        super().__init__(
            f"{LABELS.get(bucket, bucket)} 0", id=f"tab-{bucket}", classes="filter-tab"
        )
        self.bucket = bucket

    def set_count(self, count: int) -> None:
        self.update(f"{LABELS.get(self.bucket, self.bucket)} {count}")


class StatusFilterBar(Widget, can_focus=True):
    """Tabs All / Queued / In progress / Completed / Failed (/ Other when there is any)."""

    BINDING_GROUP_TITLE = "Filter bar"  # how help names it

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "previous_tab", "Previous filter", show=False),
        Binding("right", "next_tab", "Next filter", show=False),
    ]
    DEFAULT_CSS = """
    StatusFilterBar { layout: horizontal; height: 1; }
    StatusFilterBar > .filter-tab { width: auto; padding: 0 1; }
    StatusFilterBar > .filter-sep { width: auto; }
    StatusFilterBar > #filter-loaded { width: auto; padding: 0 1; }
    StatusFilterBar > .-hidden { display: none; }
    """

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

    def _sync(self) -> None:
        visible = set(self.visible_buckets)
        for tab in self.query(FilterTab):
            tab.set_count(self._counts.get(tab.bucket, 0))
            tab.set_class(tab.bucket == self.bucket, "-active")
            tab.set_class(tab.bucket not in visible, "-hidden")
        for sep in self.query(".filter-sep"):
            sep.set_class(sep.id == f"sep-{OTHER}" and OTHER not in visible, "-hidden")
        self.query_one("#filter-loaded", Static).update(self.loaded_text())

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
