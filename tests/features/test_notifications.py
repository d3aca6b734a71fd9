"""NotificationsFeature against the emulator: followed jobs toast and ring, inert text, the
'new' count."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from textual.widgets import TextArea
from textual.widgets._toast import Toast

from tests.app_helpers import (
    FEATURE_SIZE,
    actions_app,
    first,
    loaded,
    notifications,
    said,
    settings_for,
    toasts,
)
from tests.feed.feed_helpers import wait_for
from tui.api.models import COMPLETED, FAILED
from tui.emulator import EmulatorServer
from tui.screens.job_form import JobForm

HOSTILE = "[bold red]pwned[/] \x1b]52;c;aGk=\x07 [link=https://evil.example]click[/link]"


class Bells:
    def __init__(self) -> None:
        self.rung = 0

    def __call__(self) -> None:
        self.rung += 1


async def test_a_followed_job_completing_toasts_and_rings_once(emulator: EmulatorServer) -> None:
    app = actions_app(settings_for(emulator))
    bells = Bells()
    app.bell = bells  # type: ignore[method-assign]
    async with app.run_test(size=FEATURE_SIZE) as pilot:
        await loaded(app)
        watched, other = [v for v in app.store if v.in_flight][:2]
        app.table.move_cursor_to(watched.id)
        await pilot.press("m")
        assert watched.id in notifications(app).followed and "following 1" in app.title
        emulator.world.force(other.id, status=COMPLETED)  # not followed: no toast, no bell
        emulator.world.force(watched.id, status=COMPLETED)
        await wait_for(lambda: bells.rung, what="the bell")
        await wait_for(lambda: (v := app.store.get(other.id)) is not None and v.status == COMPLETED)
        note = next(n for n in toasts(app) if n.title == "Job completed")
        assert watched.id in note.message and note.severity == "information"
        assert not any(other.id in n.message for n in toasts(app))
        assert (
            bells.rung == 1
            and watched.id not in notifications(app).followed
            and "following" not in app.title
        )


async def test_follow_toggles_and_refuses_a_finished_job(emulator: EmulatorServer) -> None:
    app = actions_app(settings_for(emulator))
    async with app.run_test(size=FEATURE_SIZE) as pilot:
        await loaded(app)
        running = first(app, lambda v: v.in_flight)
        app.table.move_cursor_to(running.id)
        await pilot.press("m", "m")
        assert running.id not in notifications(app).followed and said(
            app, f"No longer following {running.id}"
        )
        done = first(app, lambda v: v.status == COMPLETED)
        app.table.move_cursor_to(done.id)
        await pilot.press("m")
        assert done.id not in notifications(app).followed and said(
            app, f"{done.id} has already finished"
        )


async def test_a_failed_job_toast_shows_its_code_and_hostile_text_stays_inert(
    emulator: EmulatorServer,
) -> None:
    app = actions_app(settings_for(emulator))
    bells = Bells()
    app.bell = bells  # type: ignore[method-assign]
    async with app.run_test(size=FEATURE_SIZE, notifications=True) as pilot:  # toasts on screen
        await loaded(app)
        watched = first(app, lambda v: v.in_flight)
        app.table.move_cursor_to(watched.id)
        await pilot.press("m")
        emulator.world.force(
            watched.id, status=FAILED, error={"code": "moderation_blocked", "message": HOSTILE}
        )
        await wait_for(lambda: bells.rung, what="the bell")
        note = next(n for n in toasts(app) if n.title == "Job failed")
        assert note.severity == "error" and not note.markup
        assert "moderation_blocked" in note.message and "\x1b" not in note.message

        def failure_toast() -> str:
            shown = [str(toast.render()) for toast in app.screen.query(Toast)]
            return next((text for text in shown if "Job failed" in text), "")

        await wait_for(failure_toast, what="the toast on screen")
        failure = failure_toast()
        # The markup is shown as typed, not applied; the escape is a visible symbol.
        assert "[bold red]pwned[/]" in failure and "[link=https://evil.example]" in failure
        assert "\x1b" not in failure and "\N{SYMBOL FOR ESCAPE}]52" in failure


async def test_a_job_launched_here_is_followed_until_it_finishes(emulator: EmulatorServer) -> None:
    app = actions_app(settings_for(emulator))
    bells = Bells()
    app.bell = bells  # type: ignore[method-assign]
    async with app.run_test(size=FEATURE_SIZE) as pilot:
        await loaded(app)
        await pilot.press("n")
        form = app.screen
        assert isinstance(form, JobForm)
        form.query_one("#form-prompt", TextArea).load_text("A lighthouse at dawn")
        await pilot.press("ctrl+s")
        await wait_for(lambda: not form.is_attached, what="the form to close")
        new = first(app, lambda v: v.prompt == "A lighthouse at dawn")
        assert new.id in notifications(app).followed
        assert notifications(app).unseen_finished == 0  # a job you launched is not news to you
        emulator.world.advance(100_000)  # long enough for any job to finish
        await wait_for(lambda: bells.rung, what="the bell")
        finished = app.store.get(new.id)
        assert finished is not None and not finished.in_flight
        expected = "Job completed" if finished.status == COMPLETED else "Job failed"
        assert any(n.title == expected and new.id in n.message for n in toasts(app))
        assert new.id not in notifications(app).followed and "following" not in app.title


async def test_finished_jobs_since_you_last_looked_count_up_and_reset_on_a_key(
    emulator: EmulatorServer,
) -> None:
    app = actions_app(settings_for(emulator))
    async with app.run_test(size=FEATURE_SIZE) as pilot:
        await loaded(app)
        await pilot.pause()
        assert (
            notifications(app).unseen_finished == 0 and "finished" not in app.title
        )  # the first load
        running = [v.id for v in app.store if v.in_flight]
        emulator.world.force(running[0], status=COMPLETED)
        emulator.world.force(running[1], status=FAILED)
        created = emulator.world.create("Someone else's job")  # appears at the top
        await wait_for(
            lambda: notifications(app).unseen_finished >= 2, what="two finishes", timeout=8
        )
        await wait_for(lambda: created["id"] in app.store, what="the new job")
        # A new job is not a finish; at the top it is on screen at once, so not "new ↑" either.
        assert notifications(app).unseen_finished == 2 and "2 finished" in app.title
        assert app.table.cursor_id == created["id"] and "new" not in app.title
        await pilot.press("j")  # looking at the app
        assert notifications(app).unseen_finished == 0 and app.title == "sora-tui"


async def test_new_jobs_above_the_screen_show_in_the_title_until_g(
    emulator: EmulatorServer,
) -> None:
    app = actions_app(settings_for(emulator))
    async with app.run_test(size=FEATURE_SIZE) as pilot:
        await loaded(app)
        await pilot.press("pagedown", "pagedown")  # scrolled away from the head
        created = emulator.world.create("Someone else's job")
        await wait_for(lambda: created["id"] in app.store, what="the new job")
        await wait_for(lambda: "● 1 new ↑" in app.title, what="the title to say so")
        await pilot.press("j")  # a key does not make new jobs seen: they are still above
        assert "● 1 new ↑" in app.title
        await pilot.press("g")
        await wait_for(lambda: "new" not in app.title, what="the head shown")
        assert app.table.cursor_id == created["id"]


@pytest.mark.skipif(os.name != "posix", reason="a shell script stands in for notify-send")
async def test_desktop_notification_goes_through_notify_send_with_escaped_text(
    emulator: EmulatorServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    said_file = tmp_path / "said"
    fake = tmp_path / "notify-send"
    fake.write_text(
        f'#!/bin/sh\nprintf "%s\\n" "$@" > "{said_file}.tmp"\nmv "{said_file}.tmp" "{said_file}"\n'
    )
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ.get('PATH', '')}")

    settings = settings_for(emulator).model_copy(update={"desktop_notifications": True})
    app = actions_app(settings)
    app.bell = Bells()  # type: ignore[method-assign]
    async with app.run_test(size=FEATURE_SIZE) as pilot:
        await loaded(app)
        watched = first(app, lambda v: v.in_flight)
        app.table.move_cursor_to(watched.id)
        await pilot.press("m")
        emulator.world.force(
            watched.id, status=FAILED, error={"code": "boom", "message": "<b>x</b> & y"}
        )
        await wait_for(said_file.exists, what="notify-send to run")
    args = said_file.read_text().splitlines()
    assert args[:3] == ["--app-name=sora-tui", "--", "Job failed"]
    assert args[3] == f"{watched.id} failed (boom): &lt;b&gt;x&lt;/b&gt; &amp; y"
