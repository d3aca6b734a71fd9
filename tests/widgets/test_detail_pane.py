"""DetailPane: all 13 fields, exact + humanised times, inert server text, the failure box, ETA."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from typing import Any

import pytest
from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.selection import Selection
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from tests.waiting import wait_until
from tui.api.models import Video
from tui.style import stylesheet_path
from tui.widgets.detail_fields import FIELDS, NO_CODE, exact_time
from tui.widgets.detail_pane import PLACEHOLDER, ROWS, DetailPane
from tui.widgets.field_list import FieldList
from tui.widgets.main_area import NARROW_BELOW, MainArea
from tui.widgets.row_scrollbar import CELLS

NOW = 1_795_000_000.0


class Clock:
    def __init__(self, now: float = NOW) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


class PaneApp(App[None]):
    """The pane alone, under the app's own stylesheet (its field rows' layout lives there)."""

    CSS_PATH = stylesheet_path()

    def __init__(self, clock: Callable[[], float]) -> None:
        super().__init__()
        self.clock = clock

    def compose(self) -> ComposeResult:
        yield DetailPane(clock=self.clock)


def make_video(**fields: Any) -> Video:
    base: dict[str, Any] = {
        "id": "video_68f0aa11bb22cc33dd44ee55ff667788",
        "object": "video",
        "model": "sora-2-pro",
        "status": "completed",
        "progress": 100,
        "created_at": int(NOW) - 600,
        "completed_at": int(NOW) - 60,
        "expires_at": int(NOW) + 23 * 3600,
        "prompt": "A calico cat surfing a wave at dawn",
        "size": "1280x720",
        "seconds": "8",
        "remixed_from_video_id": "video_0123456789abcdef0123456789abcdef",
        "error": None,
    }
    base.update(fields)
    return Video.model_validate(base)


def visible_text(widget: Widget) -> str:
    """What the widget paints, line by line (not the content we handed it), border included;
    a FieldList's scrollbar (the last cell of each line) left out."""
    width, height = widget.outer_size
    if isinstance(widget, FieldList):
        width -= CELLS
    return "\n".join(
        strip.text.rstrip() for strip in widget.render_lines(Region(0, 0, width, height))
    )


def pane_text(pane: DetailPane) -> str:
    shown = [
        w
        for w in pane.query(Widget)
        if isinstance(w, (Static, FieldList)) and w.display and all(a.display for a in w.ancestors)
    ]
    return "\n".join(visible_text(w) for w in shown)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def row_text(pane: DetailPane, name: str) -> str:
    return pane.fields.value_text(name)


async def test_placeholder_when_nothing_selected() -> None:
    async with PaneApp(Clock()).run_test() as pilot:
        pane = pilot.app.query_one(DetailPane)
        text = pane_text(pane)
        assert "No job selected." in text
        assert "id" not in [line.strip() for line in text.splitlines()]
        pane.show(make_video())
        await pilot.pause()
        assert "No job selected." not in pane_text(pane)
        pane.show(None)
        await pilot.pause()
        assert PLACEHOLDER.splitlines()[0] in pane_text(pane)


async def test_all_thirteen_fields_labelled_with_values() -> None:
    async with PaneApp(Clock()).run_test(size=(120, 60)) as pilot:
        pane = pilot.app.query_one(DetailPane)
        video = make_video()
        pane.show(video)
        await pilot.pause()
        assert len(FIELDS) == 13
        for name in FIELDS:
            assert pane.fields.label_text(name) == name
        assert video.id in row_text(pane, "id")
        assert row_text(pane, "object").strip() == "video"
        assert row_text(pane, "model").strip() == "sora-2-pro"
        assert "✔ completed" in row_text(pane, "status")
        assert "100%" in row_text(pane, "progress")
        assert "1280x720" in row_text(pane, "size")
        assert row_text(pane, "seconds").strip() == "8"
        assert "video_0123456789abcdef0123456789abcdef" in row_text(pane, "remixed_from_video_id")
        assert row_text(pane, "error").strip() == "—"
        assert "A calico cat surfing a wave at dawn" in row_text(pane, "prompt")
        created = row_text(pane, "created_at")
        assert exact_time(int(NOW) - 600) in created and "10 minutes ago" in created
        assert re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", created)
        assert "a minute ago" in row_text(pane, "completed_at")
        assert "expires in 23 hours" in row_text(pane, "expires_at")
        assert not pane.fields.shown("failure")
        assert not pane.fields.shown("extra")
        selected = pane.fields.get_selection(Selection(None, None))  # all of it, as painted
        assert selected is not None and "sora-2-pro" in selected[0] and "1280x720" in selected[0]


async def test_expired_and_null_times() -> None:
    async with PaneApp(Clock()).run_test(size=(120, 60)) as pilot:
        pane = pilot.app.query_one(DetailPane)
        pane.show(
            make_video(expires_at=int(NOW) - 7200, completed_at=None, remixed_from_video_id=None)
        )
        await pilot.pause()
        assert "expired 2 hours ago" in row_text(pane, "expires_at")
        assert row_text(pane, "completed_at").strip() == "—"
        assert row_text(pane, "remixed_from_video_id").strip() == "—"


async def test_failed_job_shows_code_and_full_message_on_top() -> None:
    message = "Your request was blocked by our moderation system. " + "x" * 3000 + " END-OF-MESSAGE"
    async with PaneApp(Clock()).run_test(size=(100, 50)) as pilot:
        pane = pilot.app.query_one(DetailPane)
        pane.show(
            make_video(
                status="failed",
                progress=0,
                completed_at=None,
                error={"code": "moderation_blocked", "message": message},
            )
        )
        await pilot.pause()
        assert pane.fields.shown("failure")
        box = "\n".join(pane.fields.row_lines("failure"))
        assert "Failed: moderation_blocked" in box
        assert squash(message) in squash(re.sub("[╭╮╰╯─│]", "", box))  # inside its border
        top = visible_text(pane.fields).splitlines()
        assert top[:2] == [line.rstrip() for line in pane.fields.row_lines("failure")[:2]]
        assert "moderation_blocked" in row_text(pane, "error")  # and in the error field


async def test_failed_without_code_or_error() -> None:
    async with PaneApp(Clock()).run_test(size=(100, 50)) as pilot:
        pane = pilot.app.query_one(DetailPane)
        pane.show(make_video(status="failed", error={"message": "boom"}))
        await pilot.pause()
        assert f"Failed: {NO_CODE}" in row_text(pane, "failure")
        pane.show(make_video(status="failed", error=None))
        await pilot.pause()
        shown = row_text(pane, "failure")
        assert f"Failed: {NO_CODE}" in shown and "no reason" in shown


async def test_eta_for_in_progress_and_estimating_for_zero() -> None:
    clock = Clock()
    async with PaneApp(clock).run_test(size=(120, 50)) as pilot:
        pane = pilot.app.query_one(DetailPane)
        # 60 s elapsed at 25 % → 60 × 75 / 25 = 180 s left
        pane.show(
            make_video(
                status="in_progress", progress=25, created_at=int(NOW) - 60, completed_at=None
            )
        )
        await pilot.pause()
        progress = row_text(pane, "progress")
        assert "25%" in progress and "about 3m 00s left" in progress
        assert "█" in progress
        pane.show(
            make_video(status="queued", progress=0, created_at=int(NOW) - 5, completed_at=None)
        )
        await pilot.pause()
        assert "estimating…" in row_text(pane, "progress")
        pane.show(make_video())  # completed: no estimate
        await pilot.pause()
        assert "left" not in row_text(pane, "progress")


async def test_unknown_values_shown_verbatim() -> None:
    async with PaneApp(Clock()).run_test(size=(120, 50)) as pilot:
        pane = pilot.app.query_one(DetailPane)
        pane.show(
            make_video(status="cancelled", model="sora-9-ultra", size="1920x1080", seconds="20")
        )
        await pilot.pause()
        assert "cancelled" in row_text(pane, "status")
        assert row_text(pane, "model").strip() == "sora-9-ultra"
        assert row_text(pane, "size").strip() == "1920x1080"
        assert row_text(pane, "seconds").strip() == "20"


async def test_hostile_text_is_literal() -> None:
    hostile = "[bold]loud[/bold] \x1b[31mred\x1b[0m \x1b]52;c;aGk=\x07 tab\there bell\x07 [link=x]y[/link]"
    async with PaneApp(Clock()).run_test(size=(140, 50)) as pilot:
        pane = pilot.app.query_one(DetailPane)
        pane.show(
            make_video(
                prompt=hostile,
                status="failed",
                error={"code": "[red]x[/red]", "message": "[b]m[/b] \x1b[2J"},
                model="[i]m[/i]",
                quality="[blink]hi[/blink]",
            )
        )
        await pilot.pause()
        text = pane_text(pane)
        assert "[bold]loud[/bold]" in text
        assert "[link=x]y[/link]" in text
        assert "Failed: [red]x[/red]" in text
        assert "[b]m[/b]" in text
        assert "[i]m[/i]" in text
        assert "quality: [blink]hi[/blink]" in text
        assert "\x1b" not in text and "\x07" not in text


async def test_long_prompt_is_not_truncated() -> None:
    prompt = " ".join(f"word{i}" for i in range(5000)) + " FINAL-WORD"  # ~45k chars
    async with PaneApp(Clock()).run_test(size=(100, 40)) as pilot:
        pane = pilot.app.query_one(DetailPane)
        pane.show(make_video(prompt=prompt))
        await pilot.pause()
        shown = row_text(pane, "prompt")
        assert squash(shown) == squash(prompt)
        assert len(shown.splitlines()) > 100  # wrapped, not one cropped line


async def test_other_fields_listed() -> None:
    async with PaneApp(Clock()).run_test(size=(120, 50)) as pilot:
        pane = pilot.app.query_one(DetailPane)
        pane.show(make_video(quality="standard", url="https://cdn.example/v.mp4", meta={"a": 1}))
        await pilot.pause()
        assert pane.fields.shown("extra")
        text = pane_text(pane)
        assert "Other fields" in text
        assert "quality: standard" in text
        assert "url: https://cdn.example/v.mp4" in text
        assert 'meta: {"a": 1}' in text


async def test_timer_moves_relative_times_and_same_id_updates_in_place(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(DetailPane, "TICK_SECONDS", 0.02)
    clock = Clock()
    async with PaneApp(clock).run_test(size=(100, 20)) as pilot:
        pane = pilot.app.query_one(DetailPane)
        video = make_video(
            status="in_progress", progress=50, completed_at=None, prompt="line\n" * 200
        )
        pane.show(video)
        await pilot.pause()
        assert "10 minutes ago" in row_text(pane, "created_at")
        rows_before = list(pane.query("*"))
        pane.fields.scroll_to(y=30, animate=False, immediate=True)
        await pilot.pause()
        assert pane.fields.scroll_y == 30
        clock.now += 3600  # the pane's interval timer moves the time on, nothing else does
        await wait_until(lambda: "an hour ago" in row_text(pane, "created_at"))
        pane.show(video.model_copy(update={"progress": 60}))
        await pilot.pause()
        assert "60%" in row_text(pane, "progress")
        assert list(pane.query("*")) == rows_before  # same widgets: updated, not rebuilt
        assert pane.fields.scroll_y == 30  # same job: scroll position kept
        pane.show(make_video(id="video_other"))
        await pilot.pause()
        assert pane.fields.scroll_y == 0  # another job starts at the top


async def test_one_interval_timer_runs_while_visible(monkeypatch: pytest.MonkeyPatch) -> None:
    ticks: list[DetailPane] = []
    tick = DetailPane._tick

    def counted(pane: DetailPane) -> None:
        ticks.append(pane)
        tick(pane)

    monkeypatch.setattr(DetailPane, "_tick", counted)
    monkeypatch.setattr(DetailPane, "TICK_SECONDS", 0.02)
    async with PaneApp(Clock()).run_test() as pilot:
        pane = pilot.app.query_one(DetailPane)
        pane.show(make_video())
        await wait_until(lambda: len(ticks) >= 3)
        assert set(ticks) == {pane}  # one pane, one timer
        pane.display = False
        await pilot.pause()
        hidden_at = len(ticks)
        await asyncio.sleep(0.2)  # ok: ten intervals in which a running timer would tick
        assert len(ticks) <= hidden_at + 1  # paused (one tick may have been on its way)


async def test_show_before_mount_is_rendered_on_mount() -> None:
    class EarlyApp(App[None]):
        def compose(self) -> ComposeResult:
            pane = DetailPane(clock=Clock())
            pane.show(make_video(model="early-model"))
            yield pane

    async with EarlyApp().run_test() as pilot:
        pane = pilot.app.query_one(DetailPane)
        await pilot.pause()
        assert "No job selected." not in pane_text(pane)
        assert row_text(pane, "model").strip() == "early-model"


# --- the layout: beside the table on a wide screen, below it on a narrow one -----------------

LONG_MESSAGE = (
    "Your request was blocked by our moderation system because the prompt appears to describe"
    " a real public figure in a misleading situation; rephrase it without naming the person and"
    " submit again, or contact support quoting this job id: FINAL-WORD"
)


class StandInTable(Static, can_focus=True):
    """Where the table goes (focused first, as the dashboard's table is)."""


class LayoutApp(App[None]):
    """The dashboard's main area with the app's own stylesheet: a stand-in table and the pane,
    between the four one-line bars the dashboard has (header, filters; status, footer)."""

    CSS_PATH = stylesheet_path()

    def compose(self) -> ComposeResult:
        yield Static("header")
        yield Static("filters")
        with MainArea(id="main"):
            yield StandInTable("table", id="table")
            yield DetailPane(id="detail", clock=Clock())
        yield Static("status")
        yield Static("footer")


def failed_video() -> Video:
    return make_video(
        status="failed",
        progress=0,
        completed_at=None,
        error={"code": "moderation_blocked", "message": LONG_MESSAGE},
    )


async def test_pane_moves_below_the_table_when_narrow_and_back() -> None:
    async with LayoutApp().run_test(size=(160, 45)) as pilot:
        area = pilot.app.query_one(MainArea)
        table = pilot.app.query_one("#table")
        pane = pilot.app.query_one(DetailPane)
        await pilot.pause()
        assert not area.narrow
        assert pane.region.x >= table.region.right and pane.region.y == table.region.y
        assert 44 <= pane.region.width <= 64
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert area.narrow
        assert pane.region.y >= table.region.bottom and pane.region.x == table.region.x
        assert pane.region.width == 80 and table.region.height > pane.region.height
        pane.focus()  # Enter in the dashboard: reading the details, they get more room
        await pilot.pause()
        assert pane.region.height >= table.region.height
        await pilot.resize_terminal(NARROW_BELOW, 30)
        await pilot.pause()
        assert not area.narrow and pane.region.x >= table.region.right
        await pilot.resize_terminal(250, 60)
        await pilot.pause()
        assert pane.region.width <= 64  # not absurdly wide: the table takes the room
        assert table.region.width >= 250 - 64


async def test_error_box_readable_at_80x24() -> None:
    async with LayoutApp().run_test(size=(80, 24)) as pilot:
        pane = pilot.app.query_one(DetailPane)
        pane.show(failed_video())
        await pilot.pause()
        fields = pane.fields
        assert fields.region.right <= pane.content_region.right <= 80
        box = [line.rstrip() for line in fields.row_lines("failure")[:-1]]  # not the blank after
        on_screen = visible_text(fields).splitlines()
        assert on_screen[: len(box)] == box  # all of it on screen, unscrolled, at the top
        lines = box
        assert lines[0].startswith("╭") and lines[-1].startswith("╰")  # the whole box
        assert "Failed: moderation_blocked" in "\n".join(lines)
        words = set(" ".join(lines).split())
        for word in LONG_MESSAGE.split():
            assert word in words  # whole words, none cut at the edge or split over lines
        assert all(line.rstrip().endswith(("╮", "│", "╯")) for line in lines)  # right edge drawn


async def test_jobs_of_every_shape_are_painted_without_a_layout_of_the_screen() -> None:
    """The cursor moving between jobs whose text takes more or fewer lines (a failure box, a
    long prompt, the thumbnail's note, the history's note) repaints the pane and never lays
    out the screen: a layout with its repaint was the longest frame of scrolling the table."""
    async with LayoutApp().run_test(size=(160, 45)) as pilot:
        pane = pilot.app.query_one(DetailPane)
        pane.show(make_video())
        await pilot.pause()
        await pilot.app.screen.wait_for_refresh()
        layouts: list[object] = []
        pilot.app.screen.screen_layout_refresh_signal.subscribe(pane, layouts.append)
        failed = failed_video()
        long_prompt = make_video(id="video_" + "7" * 32, prompt="a long prompt " * 80)
        for video in (failed, make_video(), long_prompt, failed, make_video()):
            pane.show(video)
            await pilot.app.screen.wait_for_refresh()
            assert pane.fields.value_text("id") == video.id
        pane.thumbnail.show_loading(long_prompt.id)
        await pilot.app.screen.wait_for_refresh()
        assert pane.fields.value_text("thumbnail") == "Loading thumbnail…"
        pane.thumbnail.show_reason(long_prompt.id, "the server answered 403 " + "and more " * 20)
        pane.show_history(Text("Downloaded video to /tmp/x.mp4"))
        await pilot.app.screen.wait_for_refresh()
        assert not pane.fields.shown("thumbnail")
        assert pane.fields.value_text("thumbnail-reason").startswith(
            "No thumbnail: the server answered 403"
        )
        assert "Downloaded video to /tmp/x.mp4" in visible_text(pane.fields)
        pane.thumbnail.clear()
        pane.show_history(None)
        await pilot.app.screen.wait_for_refresh()
        assert not pane.fields.shown("thumbnail-reason") and not pane.fields.shown("history")
        assert layouts == []
        fields = pane.fields
        lines = sum(len(fields.row_lines(row.name)) for row in ROWS)
        assert fields.virtual_size.height == max(lines, fields.scrollable_content_region.height)


def thumb_lines(fields: FieldList) -> list[int]:
    """The lines the pane's scrollbar thumb covers (its last cell: reversed, or a block)."""
    width, height = fields.size
    cells = [list(strip)[-1] for strip in fields.render_lines(Region(0, 0, width, height))]
    return [
        y
        for y, cell in enumerate(cells)
        if cell.text.strip() or (cell.style is not None and cell.style.reverse)
    ]


async def test_the_panes_scrollbar_is_its_last_cell_and_follows_the_text() -> None:
    """The pane paints its own scrollbar, as the table does (Textual's bar widget took 2-6 ms
    to repaint whenever the text's height changed): the thumb follows the scroll and the text's
    length, and a press on the track scrolls a page."""
    async with PaneApp(Clock()).run_test(size=(100, 24)) as pilot:
        pane = pilot.app.query_one(DetailPane)
        pane.show(make_video(prompt="a long prompt " * 120))  # longer than the pane
        await pilot.pause()
        fields = pane.fields
        await wait_until(lambda: fields.virtual_size.height > fields.size.height)
        width, height = fields.size
        lines = fields.render_lines(Region(0, 0, width, height))
        assert all(line.cell_length == width for line in lines)
        assert fields.text_width == width - CELLS - 1  # a blank column before the bar
        assert all(not line.text[fields.text_width :][:-CELLS].strip() for line in lines)
        top = thumb_lines(fields)
        assert top[0] == 0 and len(top) < height
        await pilot.click(FieldList, offset=(width - 1, height - 1))  # below the thumb
        await wait_until(lambda: fields.scroll_y > 0)
        await wait_until(lambda: thumb_lines(fields)[0] > 0)
        pane.show(make_video())  # a job whose text fits: the thumb fills the track
        await wait_until(lambda: fields.virtual_size.height == fields.size.height)
        await pilot.app.screen.wait_for_refresh()
        assert thumb_lines(fields) in ([], list(range(height)))


async def test_the_wheel_scrolls_the_panes_text_although_textuals_bar_is_hidden() -> None:
    async with PaneApp(Clock()).run_test(size=(100, 24)) as pilot:
        pane = pilot.app.query_one(DetailPane)
        pane.show(make_video(prompt="a long prompt " * 120))
        fields = pane.fields
        await wait_until(lambda: fields.virtual_size.height > fields.size.height)
        assert not fields.show_vertical_scrollbar  # ours is painted instead
        pane.post_message(events.MouseScrollDown(pane, 5, 5, 0, 1, 0, False, False, False))
        await wait_until(lambda: fields.scroll_y > 0)
        top = round(fields.scroll_y)
        pane.post_message(events.MouseScrollUp(pane, 5, 5, 0, -1, 0, False, False, False))
        await wait_until(lambda: round(fields.scroll_y) < top)


async def test_a_thumbnail_note_for_the_followed_job_is_painted_with_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The thumbnails feature hears the cursor move before the pane paints the job: its note
    waits for that paint, so the pane is painted once, not once for the note and again."""
    passes: list[int] = []
    render_lines = FieldList.render_lines

    def counted(fields: FieldList, crop: Region) -> list[Strip]:
        passes.append(crop.height)
        return render_lines(fields, crop)

    async with PaneApp(Clock()).run_test(size=(100, 50)) as pilot:
        pane = pilot.app.query_one(DetailPane)
        pane.show(failed_video())
        await pilot.pause()
        await pilot.app.screen.wait_for_refresh()
        monkeypatch.setattr(FieldList, "render_lines", counted)
        video = make_video(id="video_" + "5" * 32)
        pane.follow(video)
        pane.thumbnail.show_loading(video.id)
        assert not pane.fields.shown("thumbnail")  # not before the job it belongs to
        await wait_until(lambda: pane.fields.value_text("id") == video.id)
        await pilot.app.screen.wait_for_refresh()
        assert pane.fields.value_text("thumbnail") == "Loading thumbnail…"
        assert not pane.fields.shown("failure")
        assert len(passes) == 1
