"""What is on screen is the whole truth (issue 10): a live head, filtered views that fill,
G to the real end, honest end-of-list states, ←/→ and `r` while paused. The app is driven by
the Pilot against the emulator over loopback; the emulator's clock moves only when told."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from tests.app_helpers import app_for, list_requests, said, wait_for
from tui.app import SoraApp
from tui.emulator import EmulatorServer, Fault
from tui.feed.poller import FeedReport
from tui.widgets.status_filter import StatusFilterBar
from tui.widgets.table_cells import short_id
from tui.widgets.video_table import HEADER_LINES

MakeEmulator = Callable[..., EmulatorServer]
SIZE = (160, 45)


def settled(app: SoraApp) -> bool:
    now = app.poller.report if app.poller is not None else None
    return (
        now is not None
        and now.state == "live"
        and not now.loading_page
        and not app.paging.filling
        and not app.paging.loading_to_end
    )


async def first_page(app: SoraApp) -> None:
    await wait_for(lambda: len(app.store) >= 50 and settled(app), "the first page")


def status(app: SoraApp) -> FeedReport:
    assert app.poller is not None, "no feed yet"
    return app.poller.report


def header(app: SoraApp) -> str:
    return app.table.render_line(0).text


def note(app: SoraApp) -> str:
    return app.query_one(StatusFilterBar).loaded_texts[0]


async def test_a_job_created_elsewhere_appears_at_the_top_while_at_the_top(
    emulator: EmulatorServer,
) -> None:
    app = app_for(emulator)
    async with app.run_test(size=SIZE):
        await first_page(app)
        table = app.table
        first = table.cursor_id
        created = emulator.world.create("made with curl")
        await wait_for(lambda: created["id"] in app.store, "the new job")
        # The cursor sat on the first row, untouched: it follows the head.
        assert app.view_ids()[0] == created["id"] and table.cursor_id == created["id"]
        assert table.scroll_y == 0 and table.new_above == 0 and "new" not in header(app)
        assert first == app.view_ids()[1]


async def test_at_the_top_a_moved_cursor_stays_on_its_job_as_new_jobs_arrive(
    emulator: EmulatorServer,
) -> None:
    app = app_for(emulator)
    async with app.run_test(size=SIZE) as pilot:
        await first_page(app)
        await pilot.press("j", "j")
        table = app.table
        chosen = table.cursor_id
        created = [emulator.world.create(f"new {n}") for n in range(3)]
        await wait_for(lambda: all(c["id"] in app.store for c in created), "the new jobs")
        assert set(app.view_ids()[:3]) == {c["id"] for c in created}  # on screen at once
        assert table.scroll_y == 0 and table.cursor_id == chosen and table.cursor_row == 5


async def test_scrolled_away_the_rows_stay_and_a_marker_counts_new_jobs(
    emulator: EmulatorServer,
) -> None:
    app = app_for(emulator)
    async with app.run_test(size=SIZE) as pilot:
        await first_page(app)
        await pilot.press("pagedown")
        table = app.table
        top, chosen = round(table.scroll_y), table.cursor_id
        top_id = app.view_ids()[top]
        for n in range(2):
            emulator.world.create(f"new {n}")
        await wait_for(lambda: table.new_above == 2, "the marker")
        assert app.view_ids()[round(table.scroll_y)] == top_id  # the same rows on screen
        assert table.cursor_id == chosen
        assert "↑ 2 new" in header(app)
        await pilot.click(table, offset=(table.size.width - 4, 0))  # a click on the marker
        assert table.scroll_y == 0 and table.cursor_id == app.view_ids()[0]
        assert table.new_above == 0 and "new" not in header(app)
        # From the head, the next new job is followed again.
        emulator.world.advance(1)  # a later second: it sorts above the others
        later = emulator.world.create("later")
        await wait_for(lambda: table.cursor_id == later["id"], "the head followed")


async def test_the_failed_view_fills_to_every_failed_job_by_scrolling(
    make_emulator: MakeEmulator,
) -> None:
    server = make_emulator(jobs=2000, manual_clock=True)
    failed = [job["id"] for job in server.world.snapshot() if job["status"] == "failed"]
    app = app_for(server)
    async with app.run_test(size=SIZE) as pilot:
        await first_page(app)
        await pilot.press("5")
        # Short of a screenful of failed rows: pages load in the background until there is one.
        await wait_for(lambda: settled(app) and app.table.row_count > 0, "the view to fill")
        assert app.table.row_count >= app.table.page_rows and not status(app).end_reached
        assert len(app.store) > 50 and "more on server" in note(app)
        for _ in range(200):  # scrolling at the bottom goes on looking further back
            if status(app).end_reached:
                break
            await pilot.press("pagedown")
            await wait_for(lambda: settled(app), "the fill to settle", timeout=20)
        assert status(app).complete
        assert app.view_ids() == failed  # every failed job on the server, newest first, once
        assert note(app) == "all 2,000 loaded"


async def test_one_g_reaches_the_oldest_of_2000_jobs(make_emulator: MakeEmulator) -> None:
    server = make_emulator(jobs=2000, manual_clock=True)
    oldest = server.world.snapshot()[-1]["id"]
    app = app_for(server)
    async with app.run_test(size=SIZE) as pilot:
        await first_page(app)
        await pilot.pause()  # the table's near-end of a short first view is heard…
        await first_page(app)  # …and the page it asked for is in: the view filled a screen
        before = len(list_requests(server, paged=True))
        loaded = len(app.store)
        await pilot.press("G")
        await wait_for(lambda: app.table.cursor_id == oldest, "the oldest job", timeout=30)
        assert len(app.store) == 2000 == app.table.row_count
        assert status(app).complete and note(app) == "all 2,000 loaded"
        pages = list_requests(server, paged=True)[before:]
        assert {q["limit"] for q in pages} == {"100"}  # the largest pages: fewest requests
        assert len(pages) == -(-(2000 - loaded) // 100)


async def test_esc_stops_loading_to_the_end(make_emulator: MakeEmulator) -> None:
    server = make_emulator(jobs=3000, manual_clock=True)
    app = app_for(server)
    async with app.run_test(size=SIZE) as pilot:
        await first_page(app)
        server.faults.add(Fault("slow", delay=0.2, count=-1))
        await pilot.press("G")
        await wait_for(lambda: "loading to the end" in note(app), "the progress note")
        await pilot.press("escape")
        await wait_for(lambda: not status(app).loading_page, "the last page")
        server.faults.clear()
        # A page asked for before Esc may still be on its way (merged, never followed): look
        # once a poll has been answered after it.
        heads = len(list_requests(server, paged=False))
        await wait_for(lambda: len(list_requests(server, paged=False)) > heads, "a poll")
        await pilot.pause()
        loaded = len(app.store)
        assert not app.paging.loading_to_end and loaded < 3000
        assert note(app) == f"loaded {loaded:,} · more on server"
        assert app.table.cursor_id != server.world.snapshot()[-1]["id"]
        # Stopped means stopped: the polls go on, sitting at the end loads nothing more...
        paged, heads = (
            len(list_requests(server, paged=True)),
            len(list_requests(server, paged=False)),
        )
        await wait_for(lambda: len(list_requests(server, paged=False)) >= heads + 3, "3 polls")
        assert len(list_requests(server, paged=True)) == paged and len(app.store) == loaded
        # ...until a key near the end asks again.
        await pilot.press("end")
        await wait_for(lambda: len(app.store) > loaded, "more pages after a key")


async def test_a_server_that_ignores_paging_is_not_all_loaded(make_emulator: MakeEmulator) -> None:
    server = make_emulator(
        jobs=120, manual_clock=True, flavour="litellm", litellm_ignores_paging=True
    )
    app = app_for(server)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(lambda: len(app.store) == 20 and settled(app), "the first page")
        await pilot.press("G")
        await wait_for(lambda: status(app).end_reached, "paging to stop")
        assert note(app) == "20 loaded · server ignores paging"
        assert len(app.store) == 20 == len(set(app.view_ids()))
        heads = len(list_requests(server, paged=False))
        paged = len(list_requests(server, paged=True))
        await pilot.press("j", "G", "pagedown")  # more asks at the end: no loop
        await wait_for(lambda: len(list_requests(server, paged=False)) >= heads + 3, "3 polls")
        assert len(list_requests(server, paged=True)) == paged == 1
        # The short ids tell the jobs apart (the decoded upstream ids), each on its row.
        rows = [app.table.render_line(HEADER_LINES + row).text for row in range(20)]
        shown = [short_id(video_id) for video_id in app.view_ids()]
        assert len(set(shown)) == 20 and not any(s.startswith("bGl0") for s in shown)
        assert all(s in row for s, row in zip(shown, rows))


async def test_arrows_on_the_table_change_the_filter(emulator: EmulatorServer) -> None:
    app = app_for(emulator)
    async with app.run_test(size=SIZE) as pilot:
        await first_page(app)
        await pilot.press("right")
        assert app.bucket == "queued" and app.query_one(StatusFilterBar).bucket == "queued"
        await pilot.press("left", "left")
        assert app.bucket == "failed"  # wraps round the visible tabs
        assert app.table.has_focus


async def test_r_while_paused_fetches_once(emulator: EmulatorServer) -> None:
    app = app_for(emulator)
    async with app.run_test(size=SIZE) as pilot:
        await first_page(app)
        await pilot.press("p")
        await wait_for(lambda: status(app).state == "paused", "paused")
        created = emulator.world.create("while paused")
        await pilot.press("r")
        assert said(app, "fetching once")
        await wait_for(lambda: created["id"] in app.store, "the one fetch")
        assert status(app).state == "paused"
        asked = len(emulator.requests)
        await asyncio.sleep(0.8)  # ok: absence over three poll intervals (0.25 s)
        assert len(emulator.requests) == asked  # once, then paused again


async def test_an_empty_view_says_why(emulator: EmulatorServer) -> None:
    app = app_for(emulator)
    async with app.run_test(size=SIZE) as pilot:
        await first_page(app)
        await pilot.press("/")
        await pilot.press(*"zzzzqqq", "enter")
        await wait_for(lambda: settled(app) and status(app).end_reached, "the end")
        assert app.table.row_count == 0
        text = app.table.render_line(HEADER_LINES + 1).text
        assert "no jobs matching “zzzzqqq” among all 120" in text
