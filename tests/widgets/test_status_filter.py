"""StatusFilterBar: counts, loaded note, select()/Changed, arrows, clicks, the Other tab."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widget import Widget

from tui.widgets.status_filter import FilterTab, StatusFilterBar

COUNTS = {"all": 312, "queued": 3, "in_progress": 4, "completed": 280, "failed": 25, "other": 0}


class BarApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.changes: list[str] = []

    def compose(self) -> ComposeResult:
        yield StatusFilterBar()

    def on_status_filter_bar_changed(self, event: StatusFilterBar.Changed) -> None:
        self.changes.append(event.bucket)


def visible_text(widget: Widget) -> str:
    """The bar as painted on screen: one line."""
    strips = widget.app.screen._compositor.render_strips()
    region = widget.region
    return strips[region.y].crop(region.x, region.right).text.rstrip()


def tab(app: App[None], bucket: str) -> FilterTab:
    return app.query_one(f"#tab-{bucket}", FilterTab)


async def test_counts_and_more_on_server() -> None:
    async with BarApp().run_test(size=(140, 5)) as pilot:
        bar = pilot.app.query_one(StatusFilterBar)
        bar.set_counts(COUNTS, loaded=312, end_reached=False)
        await pilot.pause()
        text = visible_text(bar)
        assert "All 312 · Queued 3 · In progress 4 · Completed 280 · Failed 25" in text
        assert "Other" not in text
        assert "loaded 312, more on server" in text
        bar.set_counts(COUNTS, loaded=312, end_reached=True)
        await pilot.pause()
        text = visible_text(bar)
        assert "all 312 loaded" in text and "more on server" not in text


async def test_other_tab_only_when_needed() -> None:
    async with BarApp().run_test(size=(140, 5)) as pilot:
        bar = pilot.app.query_one(StatusFilterBar)
        bar.set_counts(COUNTS, loaded=312, end_reached=True)
        await pilot.pause()
        assert not tab(pilot.app, "other").display or "-hidden" in tab(pilot.app, "other").classes
        assert "Other" not in visible_text(bar)
        bar.set_counts({**COUNTS, "other": 2, "all": 314}, loaded=314, end_reached=True)
        await pilot.pause()
        assert "Failed 25 · Other 2" in visible_text(bar)
        assert "All 314" in visible_text(bar)


async def test_all_defaults_to_sum() -> None:
    async with BarApp().run_test(size=(140, 5)) as pilot:
        bar = pilot.app.query_one(StatusFilterBar)
        bar.set_counts({"queued": 1, "failed": 2}, loaded=3, end_reached=True)
        await pilot.pause()
        assert "All 3 · Queued 1" in visible_text(bar)


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
        assert "-active" in tab(pilot.app, "failed").classes
        assert "-active" not in tab(pilot.app, "all").classes


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
        assert await pilot.click("#tab-completed")
        assert bar.bucket == "completed"
        await pilot.click("#tab-in_progress")
        assert bar.bucket == "in_progress"
        await pilot.pause()
        assert app.changes == ["completed", "in_progress"]
