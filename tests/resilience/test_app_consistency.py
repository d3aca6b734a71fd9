"""Consistency seen through the app: filters, cursors and pages while the server changes."""

from __future__ import annotations

from collections.abc import Callable

from tests.app_helpers import (
    KEY,
    RESILIENCE_SIZE,
    fast_app,
    status_line_text,
    store_matches_world,
    world_ids,
)
from tests.waiting import wait_until
from tui.emulator import EmulatorServer, Fault
from tui.feed.poller import REPEATED_NOTE
from tui.widgets.detail_pane import DetailPane

LIST = "/v1/videos"


async def test_a_highlighted_job_leaving_the_filter_moves_the_cursor_to_a_neighbour(
    make_emulator: Callable[..., EmulatorServer],
) -> None:
    server = make_emulator(jobs=60, manual_clock=True, api_key=KEY)
    app = fast_app(server)
    async with app.run_test(size=RESILIENCE_SIZE) as pilot:
        await wait_until(lambda: app.poller is not None and app.poller.report.state == "live")
        await pilot.press("3")  # in progress
        await wait_until(lambda: app.bucket == "in_progress" and app.table.row_count >= 3)
        await pilot.press("down")
        view = app.view_ids()
        leaving, below = view[1], view[2]
        await wait_until(lambda: app.table.cursor_id == leaving)
        server.world.force(leaving, status="completed")
        await wait_until(lambda: leaving not in app.view_ids(), what="the job to leave the view")
        await pilot.pause()
        assert app.table.cursor_id == below  # the row below took its place
        pane = app.query_one(DetailPane)
        assert pane.video is not None and pane.video.id == below
        assert pane.video == app.store.get(below)
        done = app.store.get(leaving)
        assert done is not None and done.status == "completed"  # still loaded, under Completed


async def test_the_detail_pane_follows_a_highlighted_job_that_changes(
    make_emulator: Callable[..., EmulatorServer],
) -> None:
    server = make_emulator(jobs=30, manual_clock=True, api_key=KEY)
    app = fast_app(server)
    async with app.run_test(size=RESILIENCE_SIZE) as pilot:
        await wait_until(lambda: app.poller is not None and app.poller.report.state == "live")
        await pilot.press("3")
        await wait_until(lambda: app.table.row_count >= 1)
        job = app.table.cursor_id
        assert job is not None
        server.world.force(job, progress=99)
        pane = app.query_one(DetailPane)
        await wait_until(lambda: pane.video is not None and pane.video.progress == 99)
        assert app.table.cursor_id == job


async def test_a_server_repeating_a_page_stops_paging_and_says_so(
    make_emulator: Callable[..., EmulatorServer],
) -> None:
    server = make_emulator(jobs=100, manual_clock=True, api_key=KEY)
    server.faults.add(Fault("repeat", count=-1, path=LIST))  # `after` is ignored, for ever
    app = fast_app(server)
    async with app.run_test(size=RESILIENCE_SIZE) as pilot:
        await wait_until(lambda: app.poller is not None and app.poller.report.end_reached)
        assert REPEATED_NOTE in status_line_text(app)
        paged = [r for r in list(server.requests) if "after" in r.query]
        await pilot.press("end")  # the user asks for more at the end of the table
        heads = len([r for r in list(server.requests) if r.path == LIST])
        await wait_until(
            lambda: len([r for r in list(server.requests) if r.path == LIST]) > heads + 3
        )
        assert [r for r in list(server.requests) if "after" in r.query] == paged  # no loop
        assert len(paged) == 1
        assert store_matches_world(app, server, 20)  # the first page, once each


async def test_paging_to_the_end_while_jobs_arrive_and_the_cursor_job_goes(
    make_emulator: Callable[..., EmulatorServer],
) -> None:
    # A first page taller than two screens: no page request can be in flight when the cursor
    # job goes (a page fetched just before the delete would legitimately keep it until the
    # reconcile sweep), and the oldest loaded job is a paging cursor, not the end of the list.
    server = make_emulator(jobs=200, manual_clock=True, api_key=KEY)
    app = fast_app(server, slow_interval=0.05, page_size=100)
    async with app.run_test(size=RESILIENCE_SIZE) as pilot:
        await wait_until(lambda: app.poller is not None and app.poller.report.state == "live")
        poller = app.poller
        assert poller is not None
        poller.set_paused(True)
        await wait_until(lambda: poller.report.state == "paused")
        server.world.delete(app.store.ordered_ids()[-1])  # the next page's cursor
        for n in range(25):
            server.world.create(f"arrived {n}")
        poller.set_paused(False)
        while not poller.report.end_reached:
            await pilot.press("end")
            await pilot.pause()
        await wait_until(
            lambda: store_matches_world(app, server),
            what=lambda: str(app.poller and app.poller.report),
        )
        assert len(app.store) == len(world_ids(server)) == 224
