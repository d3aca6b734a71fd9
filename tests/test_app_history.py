"""The dashboard with its local history (issue 13), against the emulator over loopback: a cached
start before the first answer, an offline start, jobs gone from the server kept and marked, the
table paging the history as it pages the server, and a history that cannot be used."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.widgets import Input, Static

from tests.app_helpers import KEY, app_for, list_requests, said, status_line_text, wait_for
from tui.app import SoraApp
from tui.app.history_link import OLDER_ROWS, RECALL_ROWS
from tui.emulator import EmulatorServer
from tui.emulator.faults import Fault
from tui.feed.filters import GONE
from tui.history import GONE_DELETED_HERE, GONE_NOT_LISTED, history_file, open_history
from tui.screens.download_dialog import DownloadDialog
from tui.widgets.detail_pane import DetailPane
from tui.widgets.status_filter import StatusFilterBar
from tui.widgets.video_table import VideoTable

SIZE = (140, 40)
MakeEmulator = Callable[..., EmulatorServer]


def history_of(server: EmulatorServer) -> Path:
    return history_file(server.base_url, "default")


async def seen_once(server: EmulatorServer, **settings: Any) -> list[str]:
    """A first session: the dashboard loads the head page and quits (the history is closed)."""
    app = app_for(server, **settings)
    async with app.run_test(size=SIZE):
        await wait_for(lambda: app.feed_report and app.feed_report.last_success, "a first page")
        ids = list(app.store.ordered_ids())
    assert history_of(server).is_file()
    return ids


async def test_a_restart_shows_the_history_before_the_first_answer(
    make_emulator: MakeEmulator,
) -> None:
    server = make_emulator(jobs=40, manual_clock=True)
    ids = await seen_once(server)
    # The first answer (the head page) takes 6 s: time enough, even on a loaded machine, to
    # see the history's rows painted before it.
    server.faults.add(Fault("slow", delay=6.0, count=1))
    app = app_for(server)
    async with app.run_test(size=SIZE):
        await wait_for(lambda: app.table.row_count == len(ids), "the cached rows")
        assert app.feed_report is None or app.feed_report.last_success is None  # no answer yet
        assert list(app.view_ids()) == ids  # the same jobs, in the same order
        assert set(app.store.unconfirmed) == set(ids)  # every one of them dimmed
        assert "cached · refreshing…" in status_line_text(app)
        await wait_for(lambda: not app.store.unconfirmed, "the first page to confirm them")
        assert "cached" not in status_line_text(app)
        assert list(app.view_ids()) == ids


async def test_an_offline_start_shows_the_history_and_says_it_is_offline(
    make_emulator: MakeEmulator,
) -> None:
    server = make_emulator(jobs=30, manual_clock=True)
    ids = await seen_once(server)
    url = server.base_url
    server.stop()  # nothing listens there any more
    app = SoraApp(app_for(server).settings.model_copy(update={"base_url": url}))
    async with app.run_test(size=SIZE):
        await wait_for(lambda: app.feed_report and app.feed_report.error, "the first failure")
        assert list(app.view_ids()) == ids
        line = status_line_text(app)
        assert "offline since" in line and "● live" not in line
        assert set(app.store.unconfirmed) == set(ids)


async def test_a_job_deleted_elsewhere_stays_in_the_history_marked_gone(
    make_emulator: MakeEmulator,
) -> None:
    server = make_emulator(jobs=30, manual_clock=True)
    app = app_for(server)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(lambda: len(app.store) == 30, "the jobs")
        victim = app.store.ordered_ids()[5]
        assert server.world.delete(victim)
        await wait_for(lambda: victim in app.remembered.gone, "the job among the gone")
        assert victim not in app.store and app.store.counts()["all"] == 29  # never counted
        bar = app.query_one(StatusFilterBar)
        await wait_for(lambda: bar.tab_text(GONE) == "Gone 1", "the Gone tab's count")
        await pilot.press("7")
        assert app.bucket == GONE and app.view_ids() == [victim]
        note = app.remembered.gone.note(victim)
        assert note is not None and note.reason == GONE_NOT_LISTED
        await pilot.press("D")  # deleting needs the server: refused, saying why
        await wait_for(lambda: said(app, "is gone from the server"), "the refusal")
    history = open_history(history_of(server), base_url=server.base_url, profile="default")
    try:
        video, kept = history.get([victim])[victim]
        assert video.id == victim and kept is not None and kept.reason == GONE_NOT_LISTED
    finally:
        history.close()


async def test_a_job_deleted_here_is_remembered_as_deleted_here(
    make_emulator: MakeEmulator,
) -> None:
    server = make_emulator(jobs=20, manual_clock=True)
    app = app_for(server)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(lambda: len(app.store) == 20, "the jobs")
        done = next(v for v in app.store if v.status == "completed")
        app.table.move_cursor_to(done.id)
        await pilot.press("D")
        await pilot.press("y")
        await wait_for(lambda: done.id in app.remembered.gone, "the job among the gone")
        note = app.remembered.gone.note(done.id)
        assert note is not None and note.reason == GONE_DELETED_HERE


async def test_a_big_history_is_paged_in_as_the_rows_near_their_end(
    make_emulator: MakeEmulator,
) -> None:
    """A history far longer than a page: the start reads only its newest rows, and scrolling
    to the end reads the next ones (here with the server gone: the history alone)."""
    server = make_emulator(jobs=700, manual_clock=True)
    app = app_for(server)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(lambda: app.feed_report and app.feed_report.last_success, "a first page")
        app.paging.to_the_end()
        await wait_for(lambda: len(app.store) == 700, "every job")
        await pilot.press("q")
    url = server.base_url
    server.stop()
    app = SoraApp(app_for(server).settings.model_copy(update={"base_url": url}))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(lambda: len(app.store) >= RECALL_ROWS, "the newest rows")
        await pilot.pause()
        start = len(app.store)
        # Not the whole history: its newest rows (and a page more if the empty table's first
        # near-end call came after them).
        assert start in (RECALL_ROWS, RECALL_ROWS + OLDER_ROWS)
        await pilot.press("end")
        await wait_for(lambda: len(app.store) >= start + OLDER_ROWS, "older rows")
        ordered = list(app.store.ordered_ids())
        assert len(ordered) == len(set(ordered))  # no job twice


async def test_no_history_writes_nothing(make_emulator: MakeEmulator, history_folder: Path) -> None:
    server = make_emulator(jobs=10, manual_clock=True)
    app = app_for(server, history=False)
    async with app.run_test(size=SIZE):
        await wait_for(lambda: len(app.store) == 10, "the jobs")
    assert not any(history_folder.iterdir())


async def test_the_key_never_reaches_the_history(
    make_emulator: MakeEmulator, history_folder: Path
) -> None:
    server = make_emulator(jobs=10, manual_clock=True)
    await seen_once(server)
    written = b"".join(path.read_bytes() for path in history_folder.rglob("*") if path.is_file())
    assert written and KEY.encode() not in written


async def test_a_corrupt_history_is_moved_aside_and_the_dashboard_runs_without(
    make_emulator: MakeEmulator,
) -> None:
    server = make_emulator(jobs=10, manual_clock=True)
    path = history_of(server)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"this is not a database, " * 200)
    app = app_for(server)
    async with app.run_test(size=SIZE):
        await wait_for(lambda: said(app, "History off"), "the one clear message")
        await wait_for(lambda: len(app.store) == 10, "the jobs, from the server")
        assert app.remembered.history is None
    moved = [p for p in path.parent.iterdir() if ".corrupt-" in p.name]
    assert moved and moved[0].read_bytes().startswith(b"this is not a database")


async def test_a_search_reaches_jobs_only_the_history_has_loaded(
    make_emulator: MakeEmulator,
) -> None:
    server = make_emulator(jobs=300, manual_clock=True)
    app = app_for(server)
    async with app.run_test(size=SIZE):
        await wait_for(lambda: app.feed_report and app.feed_report.last_success, "a first page")
        app.paging.to_the_end()
        await wait_for(lambda: len(app.store) == 300, "every job")
        oldest = app.store.ordered_ids()[-1]
    url = server.base_url
    server.stop()
    app = SoraApp(app_for(server).settings.model_copy(update={"base_url": url}))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(lambda: len(app.store) == RECALL_ROWS, "the newest rows")
        # A NearEnd the empty table posted at the start, handled after the newest rows came
        # (a busy machine): the rows are a few screenfuls now, so no older ones are read.
        app.table.post_message(VideoTable.NearEnd(app.table))
        await pilot.pause()
        await wait_for(lambda: not any(w.group == "history" for w in app.workers), "the worker")
        assert len(app.store) == RECALL_ROWS
        assert oldest not in app.store
        await pilot.press("slash", *oldest)
        await wait_for(lambda: app.view_ids() == [oldest], "the history's match in the view")
        assert not app.store.is_confirmed(oldest)


async def test_the_summary_covers_the_whole_history(make_emulator: MakeEmulator) -> None:
    server = make_emulator(jobs=30, manual_clock=True)
    app = app_for(server)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(lambda: len(app.store) == 30, "the jobs")
        await pilot.press("i")
        days = app.screen.query_one("#summary-history", Static)
        await wait_for(lambda: "30 jobs" in str(days.content), "the history's figures")
        failed = sum(1 for video in app.store if video.status == "failed")
        assert f"{failed} failed" in str(days.content)


async def test_a_download_is_remembered_and_a_moved_file_said_so(
    make_emulator: MakeEmulator, tmp_path: Path
) -> None:
    server = make_emulator(jobs=20, manual_clock=True)
    app = app_for(server)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(lambda: len(app.store) == 20, "the jobs")
        done = next(v for v in app.store if v.status == "completed")
        app.table.move_cursor_to(done.id)
        await pilot.press("d")
        dialog = app.screen
        assert isinstance(dialog, DownloadDialog)
        dialog.query_one("#download-folder", Input).value = str(tmp_path)
        await pilot.press("enter")
        pane = app.query_one(DetailPane)
        await wait_for(lambda: "Downloaded video" in pane.history_text, "the pane's history box")
        target = tmp_path / f"{done.id}.mp4"
        assert str(target) in pane.history_text and "moved or deleted" not in pane.history_text
        target.unlink()
        app.table.move_cursor_to(app.store.ordered_ids()[0])
        app.table.move_cursor_to(done.id)
        await wait_for(lambda: "moved or deleted" in pane.history_text, "the file said gone")


async def test_the_empty_gone_view_asks_the_server_for_nothing(make_emulator: MakeEmulator) -> None:
    """An empty (or short) view fills itself from the server's pages; the Gone view's rows come
    from the history alone, so opening it must not walk a server with thousands of jobs."""
    server = make_emulator(jobs=300, manual_clock=True)
    app = app_for(server)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(lambda: app.feed_report and app.feed_report.last_success, "a first page")

        def quiet() -> bool:
            report = app.feed_report
            return not app.paging.filling and report is not None and not report.loading_page

        await wait_for(quiet, "a quiet feed")
        await pilot.pause()  # the table's near-end of a short first view is heard…
        await wait_for(quiet, "a quiet feed")  # …and the page it asked for is in
        asked, loaded = len(list_requests(server, paged=True)), len(app.store)
        await pilot.press("7")
        await wait_for(lambda: "no job of this history is gone" in app.table.empty_text, "Gone")
        await pilot.pause()
        assert not app.paging.filling
        assert len(list_requests(server, paged=True)) == asked and len(app.store) == loaded


async def test_a_cached_job_in_flight_shows_no_estimate_until_confirmed(
    make_emulator: MakeEmulator,
) -> None:
    """Nothing pretends to be live: a job from the history says 'as last seen', not how long
    it has left, until the server brings it."""
    server = make_emulator(jobs=40, manual_clock=True)
    await seen_once(server)
    server.faults.add(Fault("slow", delay=3.0, count=-1))
    app = app_for(server)
    async with app.run_test(size=SIZE):
        await wait_for(lambda: app.table.row_count == 40, "the cached rows")
        running = next(v for v in app.store if v.in_flight)
        app.table.move_cursor_to(running.id)
        fields = app.query_one(DetailPane).fields
        await wait_for(lambda: "as last seen" in fields.value_text("progress"), "no estimate")
        assert "left" not in fields.value_text("progress")
        await wait_for(lambda: not app.store.unconfirmed, "the first page")
        await wait_for(lambda: "left" in fields.value_text("progress"), "the estimate back")


async def test_end_pressed_as_the_app_quits_is_no_crash(make_emulator: MakeEmulator) -> None:
    """A G or End handled after the screens are gone (the app quitting) does nothing."""
    server = make_emulator(jobs=300, manual_clock=True)
    app = app_for(server)
    async with app.run_test(size=SIZE):
        await wait_for(lambda: app.feed_report and app.feed_report.last_success, "a first page")
        table = app.table
        for _ in range(20):  # some are handled as the screens go
            table.post_message(table.EndRequested(table))
            table.post_message(table.NearEnd(table, by_user=True))
            app.post_message(table.EndRequested(table))
    assert app.return_code in (None, 0)
