"""VideoTable: a virtual table driven through a tiny App and the Pilot (no network)."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator, Mapping
from datetime import timedelta
from typing import Any

import humanize
import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.message import Message
from textual.pilot import Pilot
from textual.strip import Strip
from textual.widget import Widget

from tests.waiting import wait_until
from tui import clock
from tui.api.models import Video
from tui.style import stylesheet_path
from tui.widgets import table_cells
from tui.widgets.video_table import HEADER_LINES, VideoTable

NOW = int(time.time())
SIZE = (120, 20)


@pytest.fixture(autouse=True)
def frozen_clock() -> Iterator[None]:
    """Hold the dashboard's clock still so "2 minutes ago" does not drift while a test runs."""
    clock.freeze(NOW)
    yield
    clock.freeze(None)  # 19 rows on screen under the header


def make_video(n: int, **fields: Any) -> Video:
    data: dict[str, Any] = {
        "id": f"video_{n:06d}abcdef0123456789",
        "model": "sora-2",
        "status": "in_progress",
        "progress": 57,
        "created_at": NOW - 60 * n - 120,
        "prompt": f"n{n} a calm lake at dawn",
        "size": "720x1280",
        "seconds": "8",
    }
    data.update(fields)
    return Video.model_validate(data)


def make_videos(count: int, start: int = 0) -> dict[str, Video]:
    videos = (make_video(n) for n in range(start, start + count))
    return {video.id: video for video in videos}


class TableApp(App[None]):
    """The table alone, under the app's own stylesheet (its colours and scrollbar rules)."""

    CSS_PATH = stylesheet_path()

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[Message] = []

    def compose(self) -> ComposeResult:
        yield VideoTable()

    def on_video_table_highlighted(self, message: VideoTable.Highlighted) -> None:
        self.messages.append(message)

    def on_video_table_selected(self, message: VideoTable.Selected) -> None:
        self.messages.append(message)

    def on_video_table_near_end(self, message: VideoTable.NearEnd) -> None:
        self.messages.append(message)

    @property
    def table(self) -> VideoTable:
        return self.query_one(VideoTable)

    def of(self, kind: type[Message]) -> list[Any]:
        return [message for message in self.messages if isinstance(message, kind)]


async def wait_for(pilot: Pilot[None], condition: Callable[[], bool], timeout: float = 5) -> None:
    await wait_until(condition, timeout, pilot=pilot)


def row_text(table: VideoTable, video_id: str) -> str:
    """The text of a job's row as painted now (the row must be on screen)."""
    index = table.ids.index(video_id)
    return table.render_line(HEADER_LINES + index - round(table.scroll_y)).text


def painted_strips(app: App[None]) -> list[Strip]:
    """What the table shows now: its lines through Textual's line cache, so a missed refresh
    shows stale text (the table fills the test app's screen)."""
    table = app.query_one(VideoTable)
    return table.render_lines(Region(0, 0, *table.size))


def painted(app: App[None]) -> list[str]:
    return [strip.text for strip in painted_strips(app)]


def screen_rows(table: VideoTable) -> list[str]:
    return [table.render_line(y).text for y in range(table.scrollable_content_region.height)]


async def start(pilot: Pilot[None], videos: Mapping[str, Video]) -> VideoTable:
    """The table focused and showing ``videos``; messages from before (the empty table at
    mount is near its end) are dropped."""
    table = pilot.app.query_one(VideoTable)
    table.focus()
    await pilot.pause()
    app = pilot.app
    assert isinstance(app, TableApp)
    app.messages.clear()
    table.set_view(list(videos), videos)
    await pilot.pause()
    return table


# --- rendering -------------------------------------------------------------------------


async def test_rows_render_every_column() -> None:
    videos = {
        v.id: v
        for v in (
            make_video(0),
            make_video(1, status="completed", progress=100),
            make_video(2, status="failed", progress=30, error={"message": "nope"}),
            make_video(3, status="queued", progress=0, model="sora-2-pro", seconds="12"),
        )
    }
    app = TableApp()
    async with app.run_test(size=SIZE) as pilot:
        table = await start(pilot, videos)
        header = table.render_line(0).text
        for title in ("Status", "Progress", "ID", "Model", "Size", "Prompt", "Created"):
            assert title in header
        ids = list(videos)
        first = row_text(table, ids[0])
        assert "◐ in progress" in first
        assert "███▍░░  57%" in first
        assert " 000000abcdef " in first and "video_" not in first
        assert "sora-2" in first and "720x1280" in first and " 8s" in first
        assert "n0 a calm lake at dawn" in first
        assert "2 minutes ago" in first
        completed = row_text(table, ids[1])
        assert "✔ completed" in completed and "100%" in completed and "█" not in completed
        failed = row_text(table, ids[2])
        assert "✖ failed" in failed and "%" not in failed
        queued = row_text(table, ids[3])
        assert "◌ queued" in queued and "░░░░░░   0%" in queued and "12s" in queued
        assert all(len(line) == table.size.width for line in screen_rows(table))


async def test_unknown_status_is_shown_verbatim_in_magenta() -> None:
    videos = make_videos(2)
    weird = make_video(1, status="cancelled")
    videos[weird.id] = weird
    longer = make_video(2, status="cancelled_by_admin")
    videos[longer.id] = longer
    app = TableApp()
    async with app.run_test(size=SIZE) as pilot:
        table = await start(pilot, videos)
        assert "? cancelled " in row_text(table, weird.id)
        assert "? cancelled_… " in row_text(table, longer.id)
        strip = table.render_line(HEADER_LINES + 1)  # not the cursor row
        status = next(seg for seg in strip if "cancelled" in seg.text)
        assert status.style is not None and status.style.color is not None
        assert status.style.color.name == "magenta"


@pytest.mark.parametrize(
    ("prompt", "shown"),
    [
        ("[bold]x[/] and [red]y", "[bold]x[/] and [red]y"),
        ("\x1b[31mred\x1b[0m text", "␛[31mred␛[0m text"),
        ("copy \x1b]52;c;aGVsbG8=\x07 me", "copy ␛]52;c;aGVsbG8="),
        ("line one\nline two\ttab", "line one line two tab"),
    ],
)
async def test_hostile_prompt_renders_literally(prompt: str, shown: str) -> None:
    video = make_video(0, prompt=prompt, model="[b]m\x1b[2J", status="\x1b]0;title\x07")
    app = TableApp()
    async with app.run_test(size=SIZE) as pilot:
        table = await start(pilot, {video.id: video})
        strip = table.render_line(HEADER_LINES)
        text = strip.text
        assert shown in text
        assert "[b]m␛[2J" in text
        assert "\x1b" not in text and "\x07" not in text and "\n" not in text
        assert all(seg.control is None for seg in strip)


async def test_huge_prompt_is_one_cut_line() -> None:
    video = make_video(0, prompt="word " * 6400)  # 32,000 characters
    app = TableApp()
    async with app.run_test(size=SIZE) as pilot:
        table = await start(pilot, {video.id: video})
        text = row_text(table, video.id)
        assert len(text) == table.size.width
        assert "word word" in text and "…" in text


async def test_width_is_used_without_sideways_scrolling() -> None:
    videos = make_videos(100)
    app = TableApp()
    async with app.run_test(size=SIZE) as pilot:
        table = await start(pilot, videos)
        assert not table.show_horizontal_scrollbar
        assert painted(app)[0].startswith(" Status")
        await pilot.resize_terminal(80, 20)
        await wait_for(pilot, lambda: table.size.width == 80)
        await pilot.pause()
        header = painted(app)[0]
        assert "Prompt" in header and "Progress" in header and "Size" not in header
        assert " n0 " in painted(app)[HEADER_LINES]
        assert not table.show_horizontal_scrollbar


class EarlyApp(TableApp):
    """Feeds the table from on_mount, before the table has a size."""

    def on_mount(self) -> None:
        videos = make_videos(30)
        self.table.set_view(list(videos), videos)
        self.table.focus()


async def test_set_view_before_layout() -> None:
    app = EarlyApp()
    async with app.run_test(size=SIZE) as pilot:
        table = app.table
        await wait_for(pilot, lambda: " n0 " in painted(app)[HEADER_LINES])
        assert table.cursor_row == 0 and round(table.scroll_y) == 0
        assert app.of(VideoTable.Highlighted)[0].video_id == table.cursor_id
        await wait_for(pilot, lambda: len(app.of(VideoTable.NearEnd)) == 1)  # 30 rows: near
        await pilot.press("G")
        await pilot.pause()
        assert " n29 " in painted(app)[SIZE[1] - 1]


# --- cursor and keys ---------------------------------------------------------------------


async def test_keys_move_cursor_and_post_highlighted() -> None:
    videos = make_videos(100)
    ids = list(videos)
    app = TableApp()
    async with app.run_test(size=SIZE) as pilot:
        table = await start(pilot, videos)
        assert app.of(VideoTable.Highlighted)[-1].video_id == ids[0]
        page = table.scrollable_content_region.height - HEADER_LINES

        async def press(key: str, row: int) -> None:
            await pilot.press(key)
            await pilot.pause()
            assert table.cursor_row == row and table.cursor_id == ids[row]
            assert app.of(VideoTable.Highlighted)[-1].video_id == ids[row]

        await press("j", 1)
        await press("down", 2)
        await press("k", 1)
        await press("up", 0)
        await press("pagedown", page)
        await press("pagedown", 2 * page)
        await press("pageup", page)
        await press("G", 99)
        assert " n99 " in table.render_line(table.scrollable_content_region.height - 1).text
        await press("g", 0)
        await press("end", 99)
        await press("home", 0)
        before = len(app.of(VideoTable.Highlighted))
        await pilot.press("k")  # already at the top: nothing moves, nothing posted
        await pilot.pause()
        assert table.cursor_row == 0 and len(app.of(VideoTable.Highlighted)) == before


async def test_cursor_row_is_painted_differently() -> None:
    videos = make_videos(3)
    app = TableApp()
    async with app.run_test(size=SIZE) as pilot:
        table = await start(pilot, videos)
        first, second = table.render_line(1), table.render_line(2)
        await pilot.press("j")
        await pilot.pause()
        assert table.render_line(1) != first and table.render_line(2) != second


async def test_enter_and_click_post_selected() -> None:
    videos = make_videos(10)
    ids = list(videos)
    app = TableApp()
    async with app.run_test(size=SIZE) as pilot:
        table = await start(pilot, videos)
        await pilot.press("enter")
        await pilot.pause()
        assert [m.video_id for m in app.of(VideoTable.Selected)] == [ids[0]]
        await pilot.click(VideoTable, offset=(30, HEADER_LINES + 3))
        await pilot.pause()
        assert table.cursor_id == ids[3]
        assert app.of(VideoTable.Highlighted)[-1].video_id == ids[3]
        assert len(app.of(VideoTable.Selected)) == 1
        await pilot.click(VideoTable, offset=(30, HEADER_LINES + 3))
        await pilot.pause()
        assert [m.video_id for m in app.of(VideoTable.Selected)] == [ids[0], ids[3]]
        await pilot.click(VideoTable, offset=(30, 0))  # the header selects nothing
        await pilot.pause()
        assert table.cursor_id == ids[3] and len(app.of(VideoTable.Selected)) == 2


async def test_mouse_wheel_scrolls() -> None:
    videos = make_videos(100)
    app = TableApp()
    async with app.run_test(size=SIZE) as pilot:
        table = await start(pilot, videos)
        for _ in range(3):
            table.post_message(events.MouseScrollDown(table, 5, 5, 0, 1, 0, False, False, False))
        await wait_for(pilot, lambda: table.scroll_y > 0)
        top = round(table.scroll_y)
        assert f" n{top} " in table.render_line(HEADER_LINES).text
        assert "Status" in table.render_line(0).text  # the header does not scroll away


async def test_scrolling_refreshes_no_widget_off_the_screen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The table paints its own bar, so Textual's is hidden: a bar widget given no width but
    shown was told every scroll, and each refresh of a widget not on the screen made Textual
    rebuild its map of the whole screen in the next frame (every End press paid ~2 ms)."""
    refreshed: list[Widget] = []
    original = Widget.refresh

    def refresh(self: Widget, *regions: Region, **kwargs: Any) -> Widget:
        refreshed.append(self)
        return original(self, *regions, **kwargs)

    videos = make_videos(300)
    app = TableApp()
    async with app.run_test(size=SIZE) as pilot:
        table = await start(pilot, videos)
        monkeypatch.setattr(Widget, "refresh", refresh)
        await pilot.press("end", "home", "pagedown", "pagedown")
        await wait_for(pilot, lambda: table.scroll_y > 0)
        top = table.scroll_y
        table.post_message(events.MouseScrollDown(table, 5, 5, 0, 1, 0, False, False, False))
        await wait_for(pilot, lambda: table.scroll_y > top)
        await app.screen.wait_for_refresh()
        assert refreshed and table in refreshed
        assert [w for w in refreshed if not w.region] == []


# --- set_view ------------------------------------------------------------------------------


async def test_cursor_stays_on_its_job_when_rows_arrive_above() -> None:
    videos = make_videos(60, start=5)
    ids = list(videos)
    app = TableApp()
    async with app.run_test(size=SIZE) as pilot:
        table = await start(pilot, videos)
        await pilot.press(*["j"] * 30, *["k"] * 5)  # mid-screen, not at an edge
        await pilot.pause()
        target = ids[25]
        assert table.cursor_id == target
        screen_row = table.cursor_row - round(table.scroll_y)
        assert 0 < screen_row < table.scrollable_content_region.height - 2
        posted = len(app.of(VideoTable.Highlighted))
        newer = make_videos(5, start=0)
        combined = {**newer, **videos}
        table.set_view(list(combined), combined)
        await pilot.pause()
        assert table.cursor_id == target and table.cursor_row == 30
        assert table.cursor_row - round(table.scroll_y) == screen_row
        assert target[6:12] in painted(app)[HEADER_LINES + screen_row]
        assert target[6:12] in row_text(table, target)
        assert len(app.of(VideoTable.Highlighted)) == posted  # same job: no new message


async def test_rows_arriving_do_not_pull_a_wheeled_view_back_to_the_cursor() -> None:
    videos = make_videos(100, start=5)
    app = TableApp()
    async with app.run_test(size=SIZE) as pilot:
        table = await start(pilot, videos)
        table.scroll_to(y=40, animate=False)
        await pilot.pause()
        assert " n45 " in painted(app)[HEADER_LINES] and table.cursor_row == 0
        combined = {**make_videos(5, start=0), **videos}
        table.set_view(list(combined), combined)
        await pilot.pause()
        assert table.cursor_row == 5 and round(table.scroll_y) == 45
        assert " n45 " in painted(app)[HEADER_LINES]


async def test_cursor_stays_on_its_job_when_filtered() -> None:
    videos = make_videos(40)
    ids = list(videos)
    app = TableApp()
    async with app.run_test(size=SIZE) as pilot:
        table = await start(pilot, videos)
        table.move_cursor_to(ids[20])
        await pilot.pause()
        assert table.cursor_id == ids[20]
        evens = ids[::2]
        table.set_view(evens, videos)
        await pilot.pause()
        assert table.cursor_id == ids[20] and table.cursor_row == 10
        assert table.row_count == 20


async def test_cursor_moves_to_a_neighbour_when_its_job_leaves() -> None:
    videos = make_videos(40)
    ids = list(videos)
    app = TableApp()
    async with app.run_test(size=SIZE) as pilot:
        table = await start(pilot, videos)
        table.move_cursor_to(ids[10])
        await pilot.pause()
        table.set_view([i for i in ids if i != ids[10]], videos)
        await pilot.pause()
        assert table.cursor_id == ids[11] and table.cursor_row == 10
        assert app.of(VideoTable.Highlighted)[-1].video_id == ids[11]
        table.move_cursor_to(ids[30])
        table.set_view(ids[:5] + ids[38:], videos)  # nearest surviving neighbour: below
        await pilot.pause()
        assert table.cursor_id == ids[38]
        table.set_view(ids[:5] + ids[40:], videos)  # now the row above it is the nearest
        await pilot.pause()
        assert table.cursor_id == ids[4]
        table.set_view([f"other{n}" for n in range(9)], videos)  # nothing shared: same index
        await pilot.pause()
        assert table.cursor_row == 4 and table.cursor_id == "other4"
        assert "…" in row_text(table, "other4")  # a row missing from the lookup still draws
        table.set_view([], videos)
        await pilot.pause()
        assert table.cursor_id is None and table.row_count == 0
        assert app.of(VideoTable.Highlighted)[-1].video_id is None
        assert screen_rows(table)[1].strip() == ""


async def test_move_cursor_to_scrolls_it_into_view() -> None:
    videos = make_videos(200)
    ids = list(videos)
    app = TableApp()
    async with app.run_test(size=SIZE) as pilot:
        table = await start(pilot, videos)
        table.move_cursor_to(ids[150])
        table.move_cursor_to("video_not_here")
        await pilot.pause()
        assert table.cursor_id == ids[150]
        assert " n150 " in "".join(screen_rows(table))


# --- NearEnd -------------------------------------------------------------------------------


async def test_near_end_posted_within_a_screenful_once_per_length() -> None:
    videos = make_videos(100)
    ids = list(videos)
    app = TableApp()
    async with app.run_test(size=SIZE) as pilot:
        table = await start(pilot, videos)
        page = table.scrollable_content_region.height - HEADER_LINES
        threshold = 100 - 1 - page
        table.move_cursor_to(ids[threshold - 1])
        await pilot.pause()
        assert app.of(VideoTable.NearEnd) == []
        await pilot.press("j")
        await pilot.pause()
        assert [m.by_user for m in app.of(VideoTable.NearEnd)] == [True]
        # Every key near the end says so again: a filtered view that did not grow can go on.
        await pilot.press("j", "k")
        await pilot.pause()
        assert len(app.of(VideoTable.NearEnd)) == 3
        table.scroll_to(y=table.scroll_y - 1, animate=False)
        table.scroll_end(animate=False)
        await pilot.pause()
        assert len(app.of(VideoTable.NearEnd)) == 3  # scrolling: once per view length
        more = make_videos(200)
        table.set_view(list(more), more)
        await pilot.pause()
        assert len(app.of(VideoTable.NearEnd)) == 3  # grew: no longer near the end
        await pilot.press("G")
        await pilot.pause()
        assert len(app.of(VideoTable.NearEnd)) == 4


async def test_near_end_posted_when_scrolled_near_the_end() -> None:
    videos = make_videos(100)
    app = TableApp()
    async with app.run_test(size=SIZE) as pilot:
        table = await start(pilot, videos)
        table.scroll_to(y=40, animate=False)
        await pilot.pause()
        assert app.of(VideoTable.NearEnd) == []
        table.scroll_end(animate=False)
        await wait_for(pilot, lambda: len(app.of(VideoTable.NearEnd)) == 1)
        assert table.cursor_row == 0  # scrolling alone does not move the cursor


async def test_short_view_is_near_end_at_once() -> None:
    videos = make_videos(5)
    app = TableApp()
    async with app.run_test(size=SIZE) as pilot:
        table = pilot.app.query_one(VideoTable)
        await pilot.pause()
        app.messages.clear()
        table.set_view(list(videos), videos)
        await wait_for(pilot, lambda: len(app.of(VideoTable.NearEnd)) == 1)
        assert not app.of(VideoTable.NearEnd)[0].by_user


async def test_an_empty_view_is_near_its_end_and_says_why() -> None:
    app = TableApp()
    async with app.run_test(size=SIZE) as pilot:
        table = pilot.app.query_one(VideoTable)
        await pilot.pause()
        app.messages.clear()
        videos = make_videos(3)
        table.set_view(list(videos), videos)
        await pilot.pause()
        table.set_view([], videos)  # another view with nothing in it: near its end again
        table.empty_text = "no failed jobs among 3 loaded"
        await wait_for(pilot, lambda: len(app.of(VideoTable.NearEnd)) == 2)
        await pilot.pause()
        assert any("no failed jobs among 3 loaded" in line for line in painted(app))


# --- refresh_rows ----------------------------------------------------------------------------


async def test_refresh_rows_repaints_and_flashes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(VideoTable, "FLASH_SECONDS", 0.3)
    videos = make_videos(5)
    ids = list(videos)
    target = ids[2]
    videos[target] = make_video(2, progress=40)
    app = TableApp()
    async with app.run_test(size=SIZE) as pilot:
        table = await start(pilot, videos)
        assert " 40%" in row_text(table, target)
        calm = table.render_line(HEADER_LINES + 2)
        calm_neighbour = table.render_line(HEADER_LINES + 3)
        videos[target] = make_video(2, progress=70)
        table.refresh_rows([target])
        await pilot.pause()
        assert " 70%" in painted(app)[HEADER_LINES + 2]
        flashing = table.render_line(HEADER_LINES + 2)
        assert " 70%" in flashing.text and " 40%" not in flashing.text
        assert background(flashing) != background(calm)
        assert table.render_line(HEADER_LINES + 3) == calm_neighbour
        assert background(painted_strips(app)[HEADER_LINES + 2]) == background(flashing)
        row = HEADER_LINES + 2
        await wait_for(pilot, lambda: background(painted_strips(app)[row]) == background(calm))
        assert table.render_line(row) != flashing and not table.flashing
        assert " 70%" in row_text(table, target)


async def test_refresh_rows_without_flash_and_off_screen() -> None:
    videos = make_videos(100)
    ids = list(videos)
    app = TableApp()
    async with app.run_test(size=SIZE) as pilot:
        table = await start(pilot, videos)
        calm = table.render_line(HEADER_LINES + 1)
        videos[ids[1]] = make_video(1, status="completed", progress=100)
        videos[ids[90]] = make_video(90, status="failed")
        table.refresh_rows([ids[1], ids[90]], flash=False)
        await pilot.pause()
        line = table.render_line(HEADER_LINES + 1)
        assert "✔ completed" in line.text and background(line) == background(calm)
        await pilot.press("G")
        await pilot.pause()
        assert "✖ failed" in row_text(table, ids[90])


def background(strip: Any) -> Any:
    return next(seg.style.bgcolor for seg in strip if seg.style is not None)


# --- scale ----------------------------------------------------------------------------------


class LazyVideos(Mapping[str, Video]):
    """A 100k-job lookup that builds a Video only when asked, and counts the asks."""

    def __init__(self, count: int) -> None:
        self.ids = [f"video_{n:06d}abcdef0123456789" for n in range(count)]
        self.lookups = 0

    def __getitem__(self, video_id: str) -> Video:
        self.lookups += 1
        return make_video(int(video_id[6:12]))

    def __iter__(self) -> Iterator[str]:
        raise AssertionError("the table must not walk the whole store")

    def __len__(self) -> int:
        raise AssertionError("the table must not size the whole store")


async def test_hundred_thousand_rows() -> None:
    videos = LazyVideos(100_000)
    app = TableApp()
    async with app.run_test(size=SIZE) as pilot:
        table = pilot.app.query_one(VideoTable)
        table.focus()
        table.set_view(videos.ids, videos)
        await pilot.pause()
        assert table.row_count == 100_000
        assert " n0 " in table.render_line(HEADER_LINES).text
        await pilot.press("G")
        await pilot.pause()
        assert table.cursor_id == videos.ids[-1]
        last = table.render_line(table.scrollable_content_region.height - 1).text
        assert " n99999 " in last
        assert videos.lookups < 200  # only rows on screen were ever looked up


# --- cells ------------------------------------------------------------------------------------


def test_cell_helpers() -> None:
    assert table_cells.bar(57) == ("███▍", "░░")
    assert table_cells.bar(0) == ("", "░" * 6)
    assert table_cells.bar(100) == ("█" * 6, "")
    assert table_cells.bar(57, cells=8) == ("████▌", "░░░")
    assert table_cells.short_id("video_68d7512d07848190b3e4") == "68d7512d0784"
    assert table_cells.short_id("abc") == "abc"
    assert table_cells.fit("日本語テキスト", 6) == "日本… "
    assert table_cells.clip("short", 9) == "short"
    assert table_cells.seconds("8") == "8s" and table_cells.seconds("") == ""
    assert table_cells.age(0, NOW) == ""


def test_model_names_are_cut_at_a_dash() -> None:
    clip_words = table_cells.clip_words
    assert clip_words("sora-2-pro-2025-10-06", 12) == "sora-2-pro…"
    assert clip_words("sora-2-2025-10-06", 12) == "sora-2-2025…"
    assert clip_words("sora-2-pro", 12) == "sora-2-pro"
    assert clip_words("x-averyverylongmodel", 12) == "x-averyvery…"  # no dash late enough
    assert clip_words("averyveryverylongname", 12) == "averyveryve…"


async def test_columns_do_not_move_when_the_scrollbar_is_not_needed() -> None:
    """A short view (no rows to scroll) lays the columns out exactly like a long one."""
    long_view = make_videos(100)
    short_view = dict(list(long_view.items())[:3])
    app = TableApp()
    async with app.run_test(size=(111, 20)) as pilot:
        table = await start(pilot, long_view)
        long_header = painted(app)[0]
        long_row = painted(app)[HEADER_LINES]
        table.set_view(list(short_view), short_view)
        await pilot.pause()
        assert painted(app)[0] == long_header
        assert painted(app)[HEADER_LINES] == long_row


@pytest.mark.parametrize("status", ["in_progress", "failed"])
async def test_every_column_fits_beside_the_detail_pane_at_160(status: str) -> None:
    """At 160x45 the detail pane takes 48 columns: the 112 left keep every column, Size too."""
    video = make_video(0, status=status, model="sora-2-pro-2025-10-06", size="1792x1024")
    app = TableApp()
    async with app.run_test(size=(112, 20)) as pilot:
        await start(pilot, {video.id: video})
        header = painted(app)[0]
        for title in ("Status", "Progress", "ID", "Model", "Size", "Len", "Cost", "Prompt"):
            assert f" {title} " in header
        assert header.rstrip().endswith("Created")
        row = painted(app)[HEADER_LINES]
        assert " sora-2-pro… " in row and " 1792x1024 " in row
        assert "2 minutes ago" in row


async def test_rows_arriving_under_the_scrollbar_do_not_lay_out_the_screen() -> None:
    """More rows (a page of `G`, new jobs) or fewer under the scrollbar (always shown:
    .textual.css): the thumb and the scroll range follow, the screen is not laid out again."""
    videos = make_videos(100)
    app = TableApp()
    async with app.run_test(size=SIZE) as pilot:
        table = await start(pilot, videos)
        layouts: list[object] = []
        app.screen.screen_layout_refresh_signal.subscribe(table, layouts.append)
        more = {**videos, **make_videos(400, start=100)}
        table.set_view(list(more), more)
        await pilot.pause()
        await app.screen.wait_for_refresh()
        assert layouts == []
        assert table.virtual_size.height == HEADER_LINES + 500
        assert table.max_scroll_y == HEADER_LINES + 500 - table.scrollable_content_region.height
        table.move_to_last()  # where `G` lands: scrolled to the new end
        await wait_for(pilot, lambda: " n499 " in painted(app)[-1])
        assert table.cursor_id == list(more)[-1]
        fewer = dict(list(more.items())[:50])  # fewer rows, still more than the screen
        table.set_view(list(fewer), fewer)
        await pilot.pause()
        assert table.scroll_y <= table.max_scroll_y == HEADER_LINES + 50 - (SIZE[1] - 0)
        assert " n49 " in painted(app)[-1]
        few = dict(list(more.items())[:3])  # fewer than the screen holds
        table.set_view(list(few), few)
        await wait_for(pilot, lambda: " n2 " in painted(app)[HEADER_LINES + 2])
        assert table.scroll_y == 0 and painted(app)[HEADER_LINES + 3].strip() == ""
        assert table.virtual_size.height == 4
        await app.screen.wait_for_refresh()
        assert layouts == []


def test_ages_read_as_humanize_reads_them() -> None:
    """The cached ages (whole seconds, whole days past one) say what humanize says of the exact
    delta, from seconds to years."""
    rng = random.Random(7)
    now = 1_800_000_000.25
    elapsed = [0.0, 0.5, 1.0, 59.9, 60.0, 89.0, 3599.0, 86_399.0, 86_400.0, 172_799.9]
    elapsed += [rng.uniform(0, 3 * 365 * 86_400) for _ in range(2000)]
    for seconds in elapsed:
        created = now - seconds
        created_at = int(created)
        exact = humanize.naturaltime(timedelta(seconds=now - created_at))
        assert table_cells.age(created_at, now) == exact, seconds
