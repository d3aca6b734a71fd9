"""The table's paint leaves the cyclic collector as little as Textual allows: a row it has
painted is freed by reference counting once dropped from the cache, and a row painted on
another line in the next frame reuses its filtered segments instead of making new ones.

Textual's compositor keeps every line it paints in a reference cycle of that line's own cache
(``Strip.divide``), so the lines themselves are garbage for the collector; what those tests
guard is everything else: at 100k jobs loaded, a second of scrolling piled up ~28k objects for
one full collection (a 20-30 ms pause) before these changes, about half that after.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from rich.segment import Segment
from textual.geometry import Region
from textual.strip import Strip

from tests.widgets.test_video_table import SIZE, TableApp, make_videos, start, wait_for
from tui.widgets.row_scrollbar import CELLS
from tui.widgets.strip_fit import fitted
from tui.widgets.video_table import HEADER_LINES


@pytest.fixture
def saved_garbage() -> Iterator[list[object]]:
    """What the collector finds unreachable from here on, kept (``gc.DEBUG_SAVEALL``) and given
    to the test by `collect_saved`."""
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    found: list[object] = []
    yield found
    gc.set_debug(0)
    gc.garbage.clear()


def collect_saved(found: list[object]) -> None:
    gc.collect()
    found.extend(gc.garbage)
    gc.garbage.clear()


def test_a_strip_that_fits_is_given_back_as_it_is() -> None:
    strip = Strip([Segment("abcdef")])
    assert fitted(strip, 0, 6, None) is strip
    assert fitted(strip, 0, 8, None).text == "abcdef  "
    assert fitted(strip, 2, 5, None).text == "cde"


async def test_rows_scrolled_past_are_freed_without_the_collector(
    saved_garbage: list[object],
) -> None:
    """A row's own Strip (the table's width less the bar's cell) is never in a cycle: it
    goes when the row cache drops it. (``crop_extend`` of a row that already fits kept the row
    in its own cache: every row scrolled past waited for a full collection.)"""
    app = TableApp()
    async with app.run_test(size=SIZE) as pilot:
        table = await start(pilot, make_videos(1000))
        row_width = table.size.width - CELLS
        for _ in range(25):  # well past the row cache's 160 rows
            await pilot.press("pagedown")
        await wait_for(pilot, lambda: table.cursor_row > 25 * (table.page_rows - 1))
        await app.screen.wait_for_refresh()
        collect_saved(saved_garbage)
    strips = [thing for thing in saved_garbage if isinstance(thing, Strip)]
    assert strips  # (the compositor's painted lines: the test sees what the collector sees)
    assert [strip.text for strip in strips if strip.cell_length == row_width] == []


async def test_a_row_on_another_line_is_painted_from_the_same_segments() -> None:
    """Scrolling by a line shows each row on the line above: its segments, filtered once for
    the row, are the same objects (they were filtered anew for each frame's line, and each
    frame's became garbage)."""
    app = TableApp()
    async with app.run_test(size=SIZE) as pilot:
        table = await start(pilot, make_videos(200))
        region = Region(0, 0, *table.size)
        before = table.render_lines(region)
        table.scroll_to(y=1, animate=False, force=True)
        await wait_for(pilot, lambda: round(table.scroll_y) == 1)
        after = table.render_lines(region)
    row = HEADER_LINES + 1  # the second row, now on the first row's line
    assert before[row].text == after[row - 1].text
    assert list(before[row])[:-1] and all(
        was is now
        for was, now in zip(list(before[row])[:-1], list(after[row - 1])[:-1], strict=True)
    )
