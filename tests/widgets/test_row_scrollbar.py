"""The VideoTable's own scrollbar (tui/widgets/row_scrollbar.py): painted as the last cell of
each line, moved by the rows and the scroll, and worked by the mouse like Textual's."""

from __future__ import annotations

from rich.segment import Segment
from textual.geometry import Region

from tests.widgets.test_video_table import (
    SIZE,
    TableApp,
    frozen_clock,
    make_videos,
    painted,
    painted_strips,
    start,
    wait_for,
)
from tui.widgets.video_table import HEADER_LINES, VideoTable

__all__ = ["frozen_clock"]  # the autouse fixture, imported to run here too

BAR_X = SIZE[0] - 1  # the table fills the test app's screen; the bar is its last column


def bar_cells(app: TableApp) -> list[Segment]:
    return [list(strip)[-1] for strip in painted_strips(app)]


def is_thumb(cell: Segment) -> bool:
    """Textual's bar draws the thumb as reversed blanks with partial blocks at its ends."""
    return bool(cell.text.strip()) or bool(cell.style and cell.style.reverse)


def thumb(app: TableApp) -> list[int]:
    """The lines the thumb covers."""
    return [y for y, cell in enumerate(bar_cells(app)) if is_thumb(cell)]


async def test_the_bar_is_the_last_cell_of_every_line_and_its_thumb_follows_the_view() -> None:
    videos = make_videos(100)
    app = TableApp()
    async with app.run_test(size=SIZE) as pilot:
        table = await start(pilot, videos)
        lines = painted_strips(app)
        assert all(strip.cell_length == SIZE[0] for strip in lines)
        assert all(len(cell.text) == 1 for cell in bar_cells(app))
        assert painted(app)[0].startswith(" Status") and painted(app)[0][BAR_X] == " "
        # 20 lines of 101: a thumb of about 4 lines at the top
        at_top = thumb(app)
        assert at_top[0] == 0 and 3 <= len(at_top) <= 5
        table.move_to_last()
        await wait_for(pilot, lambda: " n99 " in painted(app)[-1])
        at_end = thumb(app)
        assert at_end[-1] == SIZE[1] - 1 and 3 <= len(at_end) <= 5
        # no row text under the bar: the rows end one cell short of it
        assert all(not line.text[BAR_X].strip() for line in painted_strips(app))


async def test_a_view_that_fits_has_an_empty_track() -> None:
    app = TableApp()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, make_videos(3))
        cells = bar_cells(app)
        assert len(cells) == SIZE[1] and thumb(app) == []
        assert len({cell.style for cell in cells}) == 1  # one plain track, top to bottom


async def test_rows_arriving_repaint_only_the_bar_column_when_the_thumb_moves() -> None:
    """A page of `G` arriving under the view: the thumb shrinks, and its column is repainted
    (the rows on screen did not change); rows that leave the thumb as it was repaint nothing."""
    videos = make_videos(100)
    app = TableApp()
    async with app.run_test(size=SIZE) as pilot:
        table = await start(pilot, videos)
        await app.screen.wait_for_refresh()
        before = thumb(app)
        refreshed: list[Region] = []
        repaint = table.refresh

        def spy(*regions: Region, **options: bool) -> VideoTable:
            refreshed.extend(regions)
            return repaint(*regions, **options)

        table.refresh = spy  # type: ignore[method-assign]
        more = {**videos, **make_videos(400, start=100)}
        table.set_view(list(more), more)
        assert Region(BAR_X, 0, 1, SIZE[1]) in refreshed
        assert len(thumb(app)) < len(before)
        refreshed.clear()
        most = {**more, **make_videos(1, start=500)}  # one more of 501: the thumb stays put
        table.set_view(list(most), most)
        assert Region(BAR_X, 0, 1, SIZE[1]) not in refreshed


async def test_a_press_on_the_track_scrolls_a_page_and_selects_nothing() -> None:
    videos = make_videos(100)
    ids = list(videos)
    app = TableApp()
    async with app.run_test(size=SIZE) as pilot:
        table = await start(pilot, videos)
        page = table.scrollable_content_region.height
        await pilot.click(VideoTable, offset=(BAR_X, SIZE[1] - 2))  # below the thumb
        await wait_for(pilot, lambda: round(table.scroll_y) == page)
        assert table.cursor_id == ids[0] and app.of(VideoTable.Selected) == []
        await wait_for(pilot, lambda: thumb(app)[0] > 0)
        await pilot.click(VideoTable, offset=(BAR_X, 0))  # above it
        await wait_for(pilot, lambda: table.scroll_y == 0)
        assert table.cursor_id == ids[0] and app.of(VideoTable.Selected) == []


async def test_dragging_the_thumb_scrolls_with_it() -> None:
    videos = make_videos(100)
    app = TableApp()
    async with app.run_test(size=SIZE) as pilot:
        table = await start(pilot, videos)
        await pilot.mouse_down(VideoTable, offset=(BAR_X, 1))  # on the thumb
        await pilot.pause()
        grabbed_colour = bar_cells(app)[1].style
        await pilot.hover(VideoTable, offset=(BAR_X, 6))  # five lines down the track
        # five lines of a 20-line track over 101 lines of content: ~25 lines of rows
        await wait_for(pilot, lambda: round(table.scroll_y) == round(5 * 101 / 20))
        assert f" n{round(table.scroll_y)} " in painted(app)[HEADER_LINES]
        await pilot.mouse_up(VideoTable, offset=(BAR_X, 6))
        await pilot.hover(VideoTable, offset=(10, 6))  # off the bar: neither grabbed nor hovered
        await pilot.pause()
        top = round(table.scroll_y)
        await pilot.hover(VideoTable, offset=(BAR_X, 15))  # no button held: no scroll
        await pilot.pause()
        assert round(table.scroll_y) == top
        await pilot.hover(VideoTable, offset=(10, 15))
        await pilot.pause()
        assert bar_cells(app)[thumb(app)[1]].style != grabbed_colour


async def test_the_bar_takes_the_hover_colour_under_the_mouse() -> None:
    app = TableApp()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, make_videos(100))
        plain = bar_cells(app)
        await pilot.hover(VideoTable, offset=(BAR_X, 10))
        await pilot.pause()
        hovered = bar_cells(app)
        assert hovered[0].style != plain[0].style  # the thumb (the track keeps its colour)
        await pilot.hover(VideoTable, offset=(10, 10))
        await pilot.pause()
        assert bar_cells(app) == plain
