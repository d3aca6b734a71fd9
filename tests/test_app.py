"""The dashboard end to end: SoraApp driven by the Pilot against the emulator over loopback HTTP.

One test per behaviour of issue 4. Time on the emulator moves only when a test says so
(manual clock), so what the server holds is known exactly at every assertion.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable

from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget

from tests.app_helpers import (
    KEY,
    app_for,
    list_requests,
    row_text,
    status_line_text,
    wait_for,
)
from tui.api.models import FAILED, IN_PROGRESS
from tui.app import SoraApp
from tui.emulator import EmulatorServer
from tui.feed.filters import BUCKETS
from tui.feed.poller import FeedReport
from tui.text import inert
from tui.widgets.detail_pane import DetailPane
from tui.widgets.help_screen import HelpScreen
from tui.widgets.status_filter import StatusFilterBar
from tui.widgets.video_table import VideoTable

MakeEmulator = Callable[..., EmulatorServer]
WIDE = (160, 45)


def painted(widget: Widget) -> str:
    """What the widget paints (its lines), not the content it was handed."""
    width, height = widget.outer_size  # with the border
    lines = widget.render_lines(Region(0, 0, width, height))
    return "\n".join(strip.text.rstrip() for strip in lines)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def tab_text(app: SoraApp, bucket: str) -> str:
    return app.query_one(StatusFilterBar).tab_text(bucket)


def loaded_note(app: SoraApp) -> str:
    return app.query_one(StatusFilterBar).note_text


def feed_report(app: SoraApp) -> FeedReport:
    assert app.poller is not None
    return app.poller.report


def settled(app: SoraApp) -> bool:
    status = app.poller.report if app.poller else None
    return status is not None and status.state == "live" and not status.loading_page


async def load_everything(app: SoraApp, pilot: Pilot[None]) -> None:
    """Press G until the poller reports the end of the list."""
    for _ in range(50):
        status = app.poller.report if app.poller else None
        if status is not None and status.end_reached and not status.loading_page:
            return
        await pilot.press("G")
        await wait_for(lambda: settled(app), "the page to arrive")
    raise AssertionError("never reached the end of the list")


# --- paging ------------------------------------------------------------------------------------


async def test_page_two_loads_only_when_the_cursor_nears_the_end(
    make_emulator: MakeEmulator,
) -> None:
    server = make_emulator(jobs=120, manual_clock=True)
    app = app_for(server, page_size=40)
    # 24 rows: the table shows 19 jobs, so 40 loaded rows are more than two screenfuls.
    async with app.run_test(size=(160, 24)) as pilot:
        await wait_for(lambda: len(app.store) == 40 and settled(app), "page 1")
        heads = len(list_requests(server, paged=False))
        await wait_for(lambda: len(list_requests(server, paged=False)) >= heads + 3, "more polls")
        assert list_requests(server, paged=True) == [], (
            "page 2 asked for with the cursor at the top"
        )

        await pilot.press(*"j" * 15)  # row 15: the screen's last row (33) is short of the end zone
        heads = len(list_requests(server, paged=False))
        await wait_for(lambda: len(list_requests(server, paged=False)) >= heads + 3, "more polls")
        assert list_requests(server, paged=True) == []
        assert len(app.store) == 40

        first_page = app.view_ids()
        await pilot.press("pagedown")  # within a screenful of the last row now
        await wait_for(lambda: len(app.store) == 80 and settled(app), "page 2")
        assert [q["after"] for q in list_requests(server, paged=True)] == [first_page[-1]]
        shown = list(app.view_ids())
        assert len(shown) == len(set(shown)) == app.table.row_count == 80
        assert shown == [job["id"] for job in server.world.snapshot()[:80]]


async def test_a_short_first_page_fills_one_screenful_more_and_stops_there(
    make_emulator: MakeEmulator,
) -> None:
    server = make_emulator(jobs=400, manual_clock=True)
    app = app_for(server, page_size=30)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(
            lambda: len(app.store) > 30 and settled(app) and not app.paging.filling, "the fill"
        )
        screenful, loaded = app.table.page_rows, len(app.store)
        assert screenful <= loaded - 30 < screenful + 30  # the first page, a screenful, a page
        heads = len(list_requests(server, paged=False))
        await wait_for(lambda: len(list_requests(server, paged=False)) >= heads + 4, "more polls")
        assert len(app.store) == loaded  # each poll redraws the rows: no fill again
        assert len(list_requests(server, paged=True)) == loaded // 30 - 1

        # A NearEnd the table posted while it was short, handled after the next page came
        # (a busy machine): the table is not near its end any more, so no fill starts.
        app.table.post_message(VideoTable.NearEnd(app.table))
        await pilot.pause()
        assert not app.paging.filling
        heads = len(list_requests(server, paged=False))
        await wait_for(lambda: len(list_requests(server, paged=False)) >= heads + 2, "more polls")
        assert len(app.store) == loaded
        assert "more on server" in loaded_note(app)


async def test_filter_counts_equal_the_servers_after_loading_everything(
    make_emulator: MakeEmulator,
) -> None:
    server = make_emulator(jobs=130, manual_clock=True)
    app = app_for(server, page_size=30)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(lambda: settled(app) and not app.paging.filling, "the first screenfuls")
        assert "more on server" in loaded_note(app)
        await load_everything(app, pilot)
        truth = server.world.counts()
        assert tab_text(app, "all") == f"All {len(server.world)}"
        for bucket, label in (
            ("queued", "Queued"),
            ("in_progress", "In progress"),
            ("completed", "Completed"),
            ("failed", "Failed"),
        ):
            assert tab_text(app, bucket) == f"{label} {truth[bucket]}"
        assert truth["failed"] > 0 and truth["in_progress"] > 0  # the comparison is not 0 == 0
        assert loaded_note(app) == f"all {len(server.world)} loaded"
        assert len(app.view_ids()) == len(set(app.view_ids())) == len(server.world)


async def test_keys_one_to_five_filter_what_is_loaded_without_a_request(
    make_emulator: MakeEmulator,
) -> None:
    server = make_emulator(jobs=90, manual_clock=True)
    app = app_for(server, page_size=100)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(lambda: settled(app) and feed_report(app).end_reached, "every job")
        await pilot.press("p")  # no polling: any request from here on would be the filter's
        await wait_for(lambda: feed_report(app).state == "paused", "the pause")

        def list_requests() -> int:
            # Thumbnails of highlighted jobs may be fetched (/content); the filter must not list.
            return sum(1 for r in server.requests if r.path.rstrip("/").endswith("/videos"))

        before = list_requests()
        jobs = server.world.snapshot()
        bar = app.query_one(StatusFilterBar)
        for key, bucket in zip("12345", BUCKETS, strict=False):
            await pilot.press(key)
            expected = [j["id"] for j in jobs if bucket == "all" or j["status"] == bucket]
            assert bar.bucket == bucket
            assert list(app.view_ids()) == expected
            assert app.table.row_count == len(expected)
            if bucket == "all":  # the store's own snapshot: no copy of every id per refresh
                assert app.table.ids is app.store.ordered_ids()
        tab = bar.tab_region(IN_PROGRESS)
        assert tab is not None
        await pilot.click(StatusFilterBar, offset=tab.offset)  # and by mouse
        assert bar.bucket == IN_PROGRESS
        assert app.view_ids() == [j["id"] for j in jobs if j["status"] == IN_PROGRESS]
        assert list_requests() == before


# --- live updates --------------------------------------------------------------------------------


async def test_a_job_advancing_on_the_server_moves_its_progress_bar(
    make_emulator: MakeEmulator,
) -> None:
    server = make_emulator(jobs=60, manual_clock=True)
    app = app_for(server)
    async with app.run_test(size=WIDE):
        await wait_for(lambda: settled(app), "the first page")
        job = next(v for v in server.world.snapshot() if v["status"] == IN_PROGRESS)
        before = row_text(app, job["id"])
        assert f"{job['progress']}%" in before
        server.world.advance(4)
        now = server.world.get(job["id"])
        assert now is not None and now["status"] == IN_PROGRESS
        assert now["progress"] != job["progress"]
        await wait_for(lambda: f"{now['progress']}%" in row_text(app, job["id"]), "the new %")
        after = row_text(app, job["id"])
        assert after.split("%")[0] != before.split("%")[0]  # the bar cells moved, not only the text


async def test_a_failed_job_explains_itself_in_the_detail_pane(make_emulator: MakeEmulator) -> None:
    server = make_emulator(jobs=40, manual_clock=True)
    message = (
        "Your request was rejected as a result of our safety system. "
        + "The [bold]prompt[/bold] may contain \x1b[31mtext\x1b[0m that is not allowed. " * 6
        + "END-OF-MESSAGE"
    )
    target = server.world.snapshot()[7]["id"]
    server.world.force(
        target, status=FAILED, error={"code": "moderation_blocked", "message": message}
    )
    app = app_for(server)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(lambda: settled(app), "the first page")
        await pilot.press("5")
        await wait_for(lambda: target in app.view_ids(), "the failed job in the Failed view")
        app.table.move_cursor_to(target)
        pane = app.query_one(DetailPane)
        await wait_for(lambda: pane.video is not None and pane.video.id == target, "its detail")
        await wait_for(lambda: pane.fields.shown("failure"), "the failure's box")
        box = "\n".join(pane.fields.row_lines("failure"))  # as painted, its border included
        assert "END-OF-MESSAGE" in box
        on_screen = painted(pane.fields).splitlines()
        assert on_screen[:2] == [line.rstrip() for line in pane.fields.row_lines("failure")[:2]]
        assert "Failed: moderation_blocked" in box
        assert squash("[bold]prompt[/bold]") in squash(box)  # markup shown, not applied
        inside = squash(box.replace("│", ""))  # the text between the box's sides
        assert squash(inert(message, keep_newlines=True)) in inside  # all of it, escapes inert


async def test_the_cursor_stays_on_its_job_while_new_jobs_arrive(
    make_emulator: MakeEmulator,
) -> None:
    server = make_emulator(jobs=30, manual_clock=True)
    app = app_for(server)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(lambda: len(app.store) == 30 and settled(app), "every job")
        await pilot.press(*"jjjj")
        table = app.query_one(VideoTable)
        chosen = table.cursor_id
        assert chosen == app.view_ids()[4]
        for n in range(3):
            server.world.create(f"new job {n}")
        await wait_for(lambda: len(app.store) == 33, "the new jobs")
        await pilot.pause()
        assert table.cursor_id == chosen
        assert app.view_ids().index(chosen) == 7
        detail = app.query_one(DetailPane).video
        assert detail is not None and detail.id == chosen


# --- status line and keys ---------------------------------------------------------------------------


async def test_the_status_line_names_the_server_and_state_never_the_key(
    make_emulator: MakeEmulator,
) -> None:
    server = make_emulator(jobs=20, manual_clock=True)
    app = app_for(server)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(lambda: settled(app), "the first page")
        await wait_for(lambda: "live" in status_line_text(app), "the live state")
        line = status_line_text(app)
        assert server.base_url in line
        assert server.base_url in app.sub_title
        assert "DEMO" not in line + app.sub_title
        await pilot.press("question_mark")
        await pilot.pause()
        for shown in (line, app.sub_title, app.title, app.export_screenshot()):
            assert KEY not in shown and "sk-test" not in shown


async def test_r_refreshes_at_once(make_emulator: MakeEmulator) -> None:
    server = make_emulator(jobs=20, manual_clock=True)
    app = app_for(server, fast_interval=120.0, slow_interval=120.0)  # no poll on its own
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(lambda: settled(app), "the first page")
        heads = len(list_requests(server, paged=False))
        await pilot.press("r")
        await wait_for(lambda: len(list_requests(server, paged=False)) > heads, "a refresh", 5.0)


async def test_p_pauses_polling_and_p_again_resumes(make_emulator: MakeEmulator) -> None:
    server = make_emulator(jobs=20, manual_clock=True)
    app = app_for(server, fast_interval=0.05, slow_interval=0.05)  # ~20 polls a second
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(lambda: settled(app), "the first page")
        await pilot.press("p")
        await wait_for(lambda: "paused" in status_line_text(app), "'paused' on the status line")
        assert feed_report(app).state == "paused"
        await _window(0.3)  # a poll that was already on the wire may still land
        quiet = len(server.requests)
        await _window(0.5)  # ten poll intervals: nothing may be asked now
        assert len(server.requests) == quiet
        await pilot.press("p")
        await wait_for(lambda: len(server.requests) > quiet, "polling to resume")
        await wait_for(lambda: "live" in status_line_text(app), "'live' again")


async def _window(seconds: float) -> None:
    """Let real time pass (only to show that nothing happens in it)."""
    loop = asyncio.get_running_loop()
    end = loop.time() + seconds
    while loop.time() < end:
        await asyncio.sleep(0.01)  # ok: poll step of an absence window


async def test_question_mark_lists_every_binding_and_escape_closes(
    make_emulator: MakeEmulator,
) -> None:
    server = make_emulator(jobs=10, manual_clock=True)
    app = app_for(server)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("question_mark")
        await wait_for(lambda: isinstance(app.screen, HelpScreen), "the help screen")
        text = painted(app.screen.query_one("#help-bindings", Widget))
        for binding in app.BINDINGS:
            assert not isinstance(binding, tuple)
            assert binding.description in text, binding.description
        for words in ("Quit", "Refresh", "Pause", "Show failed", "Details", "Page down", "Top"):
            assert words in text
        for key in ("q", "r", "p", "?", "1", "5", "⏎", "j", "G", "esc"):
            assert re.search(
                rf"(^|[ ,]){re.escape(key)}([ ,]|$)", text, re.MULTILINE | re.IGNORECASE
            ), key
        await pilot.press("escape")
        await wait_for(lambda: not isinstance(app.screen, HelpScreen), "the help to close")
        assert app.focused is app.table


async def test_enter_focuses_the_detail_pane_and_escape_returns(
    make_emulator: MakeEmulator,
) -> None:
    server = make_emulator(jobs=10, manual_clock=True)
    app = app_for(server)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(lambda: settled(app), "the first page")
        assert app.focused is app.table
        await pilot.press("enter")
        assert app.query_one(DetailPane).fields.has_focus  # the pane's text, to scroll
        await pilot.press("escape")
        assert app.focused is app.table


async def test_q_quits(make_emulator: MakeEmulator) -> None:
    server = make_emulator(jobs=10, manual_clock=True)
    app = app_for(server)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(lambda: settled(app), "the first page")
        await pilot.press("q")
        await wait_for(lambda: not app.is_running, "the app to exit")
    assert app.return_code == 0


async def test_the_feed_keeps_updating_while_help_is_open(make_emulator: MakeEmulator) -> None:
    server = make_emulator(jobs=10, manual_clock=True)
    app = app_for(server)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(lambda: settled(app), "the first page")
        await pilot.press("question_mark")
        await wait_for(lambda: isinstance(app.screen, HelpScreen), "the help screen")
        created = server.world.create("arrives while help is open")
        await wait_for(lambda: created["id"] in app.store, "the new job")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await wait_for(lambda: not isinstance(app.screen, HelpScreen), "the help to close")
        assert app.view_ids()[0] == created["id"] and tab_text(app, "all") == "All 11"
