"""StatusFilterBar: counts, loaded note, select()/Changed, arrows, clicks, the Other tab."""

from __future__ import annotations

import pytest
from rich.style import Style
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.pilot import Pilot

from tui.style import stylesheet_path
from tui.widgets.status_filter import StatusFilterBar

COUNTS = {"all": 312, "queued": 3, "in_progress": 4, "completed": 280, "failed": 25, "other": 0}


class BarApp(App[None]):
    """The bar alone, under the app's own stylesheet."""

    CSS_PATH = stylesheet_path()

    def __init__(self) -> None:
        super().__init__()
        self.changes: list[str] = []

    def compose(self) -> ComposeResult:
        yield StatusFilterBar()

    def on_status_filter_bar_changed(self, event: StatusFilterBar.Changed) -> None:
        self.changes.append(event.bucket)


def painted(bar: StatusFilterBar) -> str:
    """The bar as painted on screen (its one line)."""
    return bar.render_lines(Region(0, 0, bar.size.width, 1))[0].text.rstrip()


def style_at(bar: StatusFilterBar, x: int) -> Style:
    """The style the bar paints column ``x`` in."""
    for segment in bar.render_lines(Region(0, 0, bar.size.width, 1))[0]:
        if x < len(segment.text):
            return segment.style or Style()
        x -= len(segment.text)
    raise IndexError(x)


def active_tab(bar: StatusFilterBar) -> str:
    """The one tab painted on another background than the bar's."""
    bar_background = style_at(bar, bar.size.width - 1).bgcolor
    marked = []
    for bucket in bar.visible_buckets:
        region = bar.tab_region(bucket)
        assert region is not None
        if style_at(bar, region.x).bgcolor != bar_background:
            marked.append(bucket)
    assert len(marked) == 1, marked
    return marked[0]


async def click_tab(pilot: Pilot[None], bar: StatusFilterBar, bucket: str) -> bool:
    region = bar.tab_region(bucket)
    assert region is not None, f"no {bucket} tab on show"
    return await pilot.click(StatusFilterBar, offset=region.offset)


async def test_counts_and_more_on_server() -> None:
    async with BarApp().run_test(size=(140, 5)) as pilot:
        bar = pilot.app.query_one(StatusFilterBar)
        bar.set_counts(COUNTS, loaded=312, end_reached=False)
        await pilot.pause()
        text = painted(bar)
        assert "All 312 · Queued 3 · In progress 4 · Completed 280 · Failed 25" in text
        assert "Other" not in text
        assert "loaded 312, more on server" in text
        bar.set_counts(COUNTS, loaded=312, end_reached=True)
        await pilot.pause()
        text = painted(bar)
        assert "all 312 loaded" in text and "more on server" not in text


async def test_other_tab_only_when_needed() -> None:
    async with BarApp().run_test(size=(140, 5)) as pilot:
        bar = pilot.app.query_one(StatusFilterBar)
        bar.set_counts(COUNTS, loaded=312, end_reached=True)
        await pilot.pause()
        assert bar.tab_text("other") == "" and bar.tab_region("other") is None
        assert "Other" not in painted(bar)
        bar.set_counts({**COUNTS, "other": 2, "all": 314}, loaded=314, end_reached=True)
        await pilot.pause()
        assert "Failed 25 · Other 2" in painted(bar)
        assert bar.tab_text("other") == "Other 2"
        assert "All 314" in painted(bar)


async def test_all_defaults_to_sum() -> None:
    async with BarApp().run_test(size=(140, 5)) as pilot:
        bar = pilot.app.query_one(StatusFilterBar)
        bar.set_counts({"queued": 1, "failed": 2}, loaded=3, end_reached=True)
        await pilot.pause()
        assert "All 3 · Queued 1" in painted(bar)


async def test_select_posts_changed_once() -> None:
    app = BarApp()
    async with app.run_test() as pilot:
        bar = pilot.app.query_one(StatusFilterBar)
        assert bar.bucket == "all"
        bar.select("failed")
        bar.select("failed")  # no change → no message
        bar.select("nonsense")  # not a bucket → ignored
        await pilot.pause()
        assert bar.bucket == "failed"
        assert app.changes == ["failed"]
        assert active_tab(bar) == "failed"


async def test_arrows_cycle_with_wrap() -> None:
    app = BarApp()
    async with app.run_test() as pilot:
        bar = pilot.app.query_one(StatusFilterBar)
        bar.set_counts(COUNTS, loaded=312, end_reached=True)
        bar.focus()
        await pilot.press("right")
        assert bar.bucket == "queued"
        await pilot.press("left", "left")
        assert bar.bucket == "failed"  # wrapped past All; Other is hidden (count 0)
        await pilot.press("right")
        assert bar.bucket == "all"
        await pilot.pause()
        assert app.changes == ["queued", "all", "failed", "all"]


async def test_active_tab_follows_focus_and_theme() -> None:
    """The parts' styles are worked out once per style update: focus and a new theme still show."""
    app = BarApp()
    async with app.run_test() as pilot:
        bar = pilot.app.query_one(StatusFilterBar)
        bar.set_counts(COUNTS, loaded=312, end_reached=True)
        bar.blur()  # the only focusable widget: focused at start
        await pilot.pause()
        region = bar.tab_region("all")
        assert region is not None
        blurred = style_at(bar, region.x)
        assert not blurred.reverse
        bar.set_counts({**COUNTS, "queued": 4}, loaded=313, end_reached=True)  # cached styles
        bar.focus()
        await pilot.pause()
        focused = style_at(bar, region.x)
        assert focused.reverse and focused != blurred
        bar.blur()
        await pilot.pause()
        assert style_at(bar, region.x) == blurred
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await pilot.pause()
        assert style_at(bar, region.x) != blurred  # the new theme's colours


async def test_arrows_include_other_when_shown() -> None:
    async with BarApp().run_test() as pilot:
        bar = pilot.app.query_one(StatusFilterBar)
        bar.set_counts({**COUNTS, "other": 1}, loaded=313, end_reached=False)
        bar.focus()
        await pilot.press("left")
        assert bar.bucket == "other"


async def test_click_selects_tab() -> None:
    app = BarApp()
    async with app.run_test(size=(140, 5)) as pilot:
        bar = pilot.app.query_one(StatusFilterBar)
        bar.set_counts(COUNTS, loaded=312, end_reached=False)
        await pilot.pause()
        assert await click_tab(pilot, bar, "completed")
        assert bar.bucket == "completed"
        await click_tab(pilot, bar, "in_progress")
        assert bar.bucket == "in_progress"
        await pilot.pause()
        assert app.changes == ["completed", "in_progress"]


# --- abbreviating before clipping ---------------------------------------------------------

BIG = {"all": 2000, "queued": 12, "in_progress": 120, "completed": 1710, "failed": 158, "other": 0}
NOTES = [
    ("loaded 450 · more on server", "450 · more"),
    ("all 2,000 loaded", "all 2,000"),
    ("20 loaded · server ignores paging", "20 · no paging"),
    ("looking further back… 650 loaded", "… 650"),
]


async def test_default_note_short_form_when_narrow() -> None:
    async with BarApp().run_test(size=(80, 5)) as pilot:
        bar = pilot.app.query_one(StatusFilterBar)
        bar.set_counts(BIG, loaded=2000, end_reached=False)
        await pilot.pause()
        text = painted(bar)
        assert bar.loaded_text() == "loaded 2000, more on server"  # unchanged API
        assert text.endswith("2000 · more")
        for count in ("All 2000", "12", "120", "1710", "158"):
            assert count in text


@pytest.mark.parametrize(("full", "short"), NOTES)
async def test_every_tab_count_and_the_note_fit_at_80(full: str, short: str) -> None:
    async with BarApp().run_test(size=(80, 5)) as pilot:
        bar = pilot.app.query_one(StatusFilterBar)
        bar.set_counts({**BIG, "other": 3, "all": 2003}, loaded=2003, end_reached=False)
        bar.set_loaded_text(full, short)
        await pilot.pause()
        text = painted(bar)
        assert len(text) <= 80
        for shown in ("All 2003", "12", "Run 120", "Done 1710", "Fail 158", "3"):
            assert shown in text
        assert text.endswith(short)
        assert bar.region.right <= 80


async def test_labels_shorten_step_by_step_and_grow_back() -> None:
    async with BarApp().run_test(size=(140, 5)) as pilot:
        bar = pilot.app.query_one(StatusFilterBar)
        bar.set_counts(BIG, loaded=450, end_reached=False)
        bar.set_loaded_text(*NOTES[0])
        await pilot.pause()
        wide = painted(bar)
        assert "In progress 120 · Completed 1710" in wide and wide.endswith(NOTES[0][0])
        await pilot.resize_terminal(95, 5)  # the long labels no longer fit with the full note
        await pilot.pause()
        mid = painted(bar)
        assert "In prog. 120 · Compl. 1710" in mid and mid.endswith(NOTES[0][0])
        await pilot.resize_terminal(72, 5)
        await pilot.pause()
        narrow = painted(bar)
        assert "Q 12 · Run 120 · Done 1710 · Fail 158" in narrow and narrow.endswith("450 · more")
        await pilot.resize_terminal(140, 5)
        await pilot.pause()
        assert painted(bar) == wide


async def test_set_loaded_text_replaces_the_counted_note() -> None:
    async with BarApp().run_test(size=(140, 5)) as pilot:
        bar = pilot.app.query_one(StatusFilterBar)
        bar.set_counts(COUNTS, loaded=312, end_reached=True)
        await pilot.pause()
        assert "all 312 loaded" in painted(bar)
        bar.set_loaded_text("20 loaded · server ignores paging", "20 · no paging")
        await pilot.pause()
        assert painted(bar).endswith("20 loaded · server ignores paging")
        bar.set_counts(COUNTS, loaded=313, end_reached=True)  # counts no longer write the note
        await pilot.pause()
        text = painted(bar)
        assert text.endswith("20 loaded · server ignores paging") and "313" not in text
