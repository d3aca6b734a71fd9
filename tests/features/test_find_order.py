"""Find and order, driven through the keyboard against the emulator over loopback HTTP."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from pydantic import SecretStr
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import Static

from tests.feed.feed_helpers import wait_for
from tui.api.models import Video
from tui.app import SoraApp
from tui.emulator import EmulatorServer
from tui.features.find_order import FindOrder
from tui.settings import Settings
from tui.widgets.help_screen import HelpScreen
from tui.widgets.status_filter import StatusFilterBar

SIZE = (160, 40)
JOBS = 60


_App = SoraApp


def make_app(server: EmulatorServer) -> SoraApp:
    settings = Settings(
        base_url=server.base_url,
        api_key=SecretStr("sk"),
        fast_interval=0.05,
        slow_interval=0.05,
        page_size=100,
    )
    app = SoraApp(settings, features=(FindOrder,))
    find(app).WATCH_LINGER_SECONDS = 1.5
    return app


def find(app: SoraApp) -> FindOrder:
    return app.feature(FindOrder)


def rows(app: _App) -> list[str]:
    """The ids the table holds, top to bottom."""
    return list(app.table._ids)


def videos(app: _App) -> list[Video]:
    return list(app.store)


async def loaded(app: _App, count: int = JOBS) -> None:
    await wait_for(lambda: len(app.store) >= count and app.table.row_count >= count, timeout=10)


async def pause_polling(pilot: Pilot[None], paused: bool = True) -> None:
    """`p`: Pilot waits for the process to idle after each key, which a busy poll loop (and the
    in-process emulator) never does, so keys are typed with polling paused."""
    app = pilot.app
    assert isinstance(app, _App)
    if app.link.paused != paused:
        await pilot.press("p")
    assert app.link.paused == paused


async def until(pilot: Pilot[None], condition: Callable[[], object], what: str = "") -> None:
    await wait_for(condition, timeout=10, what=what)
    await pilot.pause()


def all_count(app: _App) -> str:
    return app.query_one(StatusFilterBar).tab_text("all")


async def test_typing_narrows_rows_enter_keeps_and_escape_restores(
    make_emulator: Callable[..., EmulatorServer],
) -> None:
    server = make_emulator(jobs=JOBS, manual_clock=True)
    app = make_app(server)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app)
        await pause_polling(pilot)
        everything = rows(app)
        tab = all_count(app)
        target = videos(app)[17]
        fragment = target.id[-6:].upper()  # ids match case-insensitively

        await pilot.press("slash")
        assert find(app).search_bar.input.has_focus
        await pilot.press(*fragment)
        await until(pilot, lambda: rows(app) == [target.id], "the id search")
        assert "1 match" in find(app).search_bar.summary
        assert all_count(app) == tab  # the filter bar still counts every loaded job

        await pilot.press("ctrl+u", *"moderation")
        failed = [v.id for v in videos(app) if v.error and "moderation" in (v.error.code or "")]
        assert failed  # the seeded world has moderation failures
        await until(pilot, lambda: rows(app) == failed, "the error-code search")
        assert f"{len(failed)} matches" in find(app).search_bar.summary

        words = (target.prompt or "").split()[:2]
        await pilot.press("ctrl+u", *" ".join(reversed(words)).upper())
        expected = [
            v.id for v in videos(app) if all(w.lower() in (v.prompt or "").lower() for w in words)
        ]
        await until(pilot, lambda: rows(app) == expected, "the two-word prompt search")
        assert target.id in expected and len(expected) < JOBS

        await pilot.press("enter")  # keeps the filter, back on the table
        assert app.focused is app.table
        assert rows(app) == expected and find(app).query
        await pilot.press("escape")  # Esc on the table clears a kept search
        assert rows(app) == everything and find(app).query == ""
        assert not find(app).search_bar.display

        await pilot.press("slash", *"zzq")
        await until(pilot, lambda: app.table.row_count == 0, "no match")
        assert "0 matches" in find(app).search_bar.summary
        await pilot.press("escape")  # Esc in the input clears and closes
        assert rows(app) == everything
        assert app.focused is app.table and not find(app).search_bar.display


def progress_order(app: _App, *, reverse: bool = False) -> list[str]:
    """By progress, ties newest first (a plain stable sort over the store's order)."""
    store = app.store
    return sorted(store.bucket_ids("all"), key=lambda i: store.get(i).progress, reverse=reverse)  # type: ignore[union-attr]


async def test_sort_keeps_the_cursor_on_its_job_through_a_refresh(
    make_emulator: Callable[..., EmulatorServer],
) -> None:
    server = make_emulator(jobs=JOBS, manual_clock=True)
    app = make_app(server)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app)
        await pause_polling(pilot)
        await pilot.press("s", "s")  # created → status → progress
        assert find(app).sort_order.column == "progress" and not find(app).sort_order.reverse
        assert "sort progress ↑" in find(app).search_bar.summary
        assert rows(app) == progress_order(app)

        job = next(v for v in videos(app) if v.status == "in_progress")
        app.table.move_cursor_to(job.id)
        await pilot.pause()
        before = app.table.cursor_row

        await pause_polling(pilot, False)
        server.world.advance(900)  # every job in flight moves on (most finish)
        after = server.world.get(job.id)
        assert after is not None and after["progress"] != job.progress

        def settled() -> bool:
            seen = app.store.get(job.id)
            return seen is not None and seen.progress == after["progress"]

        await until(pilot, settled, "the poll to bring the new progress")
        await until(pilot, lambda: rows(app) == progress_order(app), "the re-sort")
        assert app.table.cursor_id == job.id
        assert app.table.cursor_row == progress_order(app).index(job.id) != before
        await pause_polling(pilot)

        await pilot.press("S")  # reverse: still on the same job
        assert find(app).sort_order.reverse
        assert rows(app) == progress_order(app, reverse=True)
        assert app.table.cursor_id == job.id
        assert "sort progress ↓" in find(app).search_bar.summary

        for _ in range(3):  # progress → model → seconds → created: back to the default
            await pilot.press("s")
        assert find(app).sort_order.is_default
        assert rows(app) == list(app.store.bucket_ids("all")) and app.table.cursor_id == job.id


async def test_watching_shows_in_flight_jobs_and_follows_them_to_the_end(
    make_emulator: Callable[..., EmulatorServer],
) -> None:
    server = make_emulator(jobs=JOBS, manual_clock=True)
    app = make_app(server)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app)
        in_flight = [v.id for v in videos(app) if v.in_flight]
        assert in_flight
        await pause_polling(pilot)
        await pilot.press("w")
        assert find(app).watching and rows(app) == in_flight
        assert "watching" in find(app).search_bar.summary
        await pause_polling(pilot, False)

        created = server.world.create("a red kite over the dunes")
        await until(pilot, lambda: rows(app) == [created["id"], *in_flight], "the new job")

        server.world.advance(3600)  # everything finishes
        gone_by = asyncio.get_running_loop().time() + find(app).WATCH_LINGER_SECONDS

        def finished_and_shown() -> bool:
            shown = [app.store.get(i) for i in rows(app)]
            return len(shown) == len(in_flight) + 1 and all(
                v is not None and not v.in_flight for v in shown
            )

        await until(pilot, finished_and_shown, "finished jobs to linger in the view")
        assert asyncio.get_running_loop().time() < gone_by
        await until(pilot, lambda: app.table.row_count == 0, "finished jobs to leave the view")

        await pause_polling(pilot)
        await pilot.press("w")
        assert not find(app).watching and app.table.row_count == JOBS + 1


async def test_commands_in_the_palette_and_keys_in_help(
    make_emulator: Callable[..., EmulatorServer],
) -> None:
    server = make_emulator(jobs=JOBS, manual_clock=True)
    app = make_app(server)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app)
        await pause_polling(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for title in (
            "Search jobs",
            "Sort by created",
            "Sort by status",
            "Sort by progress",
            "Sort by model",
            "Sort by seconds",
            "Reverse sort order",
            "Watch in-flight jobs",
        ):
            assert title in titles
        assert "Quit" in titles  # the core's commands are still there

        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"sort by model")
        palette = app.screen
        await until(
            pilot,
            lambda: palette.query_one(CommandList).option_count >= 1,
            "the palette to list the sort command",
        )
        await pilot.press("enter")
        await until(
            pilot, lambda: find(app).sort_order.column == "model", "the palette command to run"
        )

        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-bindings", Static).visual)
        lines = [" ".join(line.split()) for line in text.splitlines()]
        for line in ("/ Search", "s Sort", "S Reverse sort", "w Watch"):  # help may use 2 columns
            assert any(f" {line} " in f" {shown} " for shown in lines), line
