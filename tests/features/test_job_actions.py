"""JobActionsFeature against the emulator over loopback: copy, download, delete, create, remix,
read-only."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, ProgressBar, RadioButton, Select, Static, TextArea

from tests.app_helpers import (
    FEATURE_SIZE,
    actions_app,
    first,
    loaded,
    said,
    settings_for,
    toasts,
)
from tests.feed.feed_helpers import wait_for
from tui.api.content import content_mismatch
from tui.api.models import COMPLETED, FAILED, Video
from tui.app import SoraApp
from tui.emulator import EmulatorServer
from tui.files import file_name, save_content, target_path
from tui.screens.confirm import ConfirmScreen
from tui.screens.download_dialog import DownloadDialog
from tui.screens.job_form import OTHER_MODEL, JobForm
from tui.widgets.detail_pane import DetailPane
from tui.widgets.help_screen import HelpScreen

MAGIC: dict[str, Callable[[bytes], bool]] = {
    "video": lambda data: data[4:8] == b"ftyp",
    "thumbnail": lambda data: data[:4] == b"RIFF" and data[8:12] == b"WEBP",
    "spritesheet": lambda data: data[:2] == b"\xff\xd8",
}
EXTENSION = {"video": "mp4", "thumbnail": "webp", "spritesheet": "jpg"}


def server_bytes(emulator: EmulatorServer, video_id: str, variant: str) -> bytes:
    response = httpx.get(
        f"{emulator.base_url}/videos/{video_id}/content", params={"variant": variant}
    )
    response.raise_for_status()
    return response.content


def closed(screen: Screen[Any]) -> Callable[[], bool]:
    return lambda: not screen.is_attached


# --- copy --------------------------------------------------------------------------------


async def test_copy_puts_id_prompt_and_error_on_the_clipboard(emulator: EmulatorServer) -> None:
    newest_done = next(v for v in emulator.world.snapshot() if v["status"] == COMPLETED)
    emulator.world.force(
        newest_done["id"],
        status=FAILED,
        error={"code": "moderation_blocked", "message": "Too spicy."},
    )
    app = actions_app(settings_for(emulator))
    async with app.run_test(size=FEATURE_SIZE) as pilot:
        await loaded(app)
        failed = first(app, lambda v: v.status == FAILED and v.error is not None and bool(v.prompt))
        assert failed.id == newest_done["id"]
        app.table.move_cursor_to(failed.id)
        await pilot.pause()
        assert app.query_one(DetailPane).video == failed  # the core's highlight handler still runs
        await pilot.press("c")
        assert app.clipboard == failed.id
        assert said(app, f"Copied id: {failed.id}")
        await pilot.press("C")
        assert app.clipboard == failed.prompt
        await pilot.press("e")
        assert failed.error is not None
        assert app.clipboard == "moderation_blocked: Too spicy."

        done = first(app, lambda v: v.status == COMPLETED)
        app.table.move_cursor_to(done.id)
        await pilot.press("e")  # nothing to copy: the clipboard keeps the last text
        assert app.clipboard == "moderation_blocked: Too spicy."
        assert said(app, "This job has no error")


# --- download ----------------------------------------------------------------------------


async def test_download_writes_each_variant_atomically_with_progress(
    emulator: EmulatorServer, tmp_path: Path
) -> None:
    app = actions_app(settings_for(emulator))
    async with app.run_test(size=FEATURE_SIZE) as pilot:
        await loaded(app)
        done = first(app, lambda v: v.status == COMPLETED)
        app.table.move_cursor_to(done.id)
        for variant in ("video", "thumbnail", "spritesheet"):
            await pilot.press("d")
            dialog = app.screen
            assert isinstance(dialog, DownloadDialog)
            next(b for b in dialog.query(RadioButton) if b.name == variant).value = True
            dialog.query_one("#download-folder", Input).value = str(tmp_path)
            bar = dialog.query_one(ProgressBar)
            await pilot.press("enter")  # the folder input has focus: enter starts the download
            target = tmp_path / f"{done.id}.{EXTENSION[variant]}"
            await wait_for(closed(dialog), what=f"{variant} download to finish")
            data = target.read_bytes()
            assert MAGIC[variant](data)
            assert data == server_bytes(emulator, done.id, variant)
            assert bar.total == len(data) and bar.percentage == 1.0
            assert said(app, f"Saved {target}")
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
            f"{done.id}.{ext}" for ext in EXTENSION.values()
        )  # no temporary file left behind


async def test_download_and_remix_refuse_a_job_that_is_not_completed(
    emulator: EmulatorServer,
) -> None:
    app = actions_app(settings_for(emulator))
    async with app.run_test(size=FEATURE_SIZE) as pilot:
        await loaded(app)
        running = first(app, lambda v: v.in_flight)
        app.table.move_cursor_to(running.id)
        await pilot.press("d", "x")
        assert app.screen is app.screen_stack[0]  # neither the dialog nor the form opened
        assert said(app, f"Only completed jobs can be downloaded: {running.id} is")
        assert said(app, f"Only completed jobs can be remixed: {running.id} is")


async def test_download_shows_the_servers_message_when_the_job_is_not_ready(
    emulator: EmulatorServer, tmp_path: Path
) -> None:
    # Slow polls: the store still believes the job is completed when the server says otherwise.
    app = actions_app(settings_for(emulator, fast_interval=60, slow_interval=60))
    async with app.run_test(size=FEATURE_SIZE) as pilot:
        await loaded(app)
        done = first(app, lambda v: v.status == COMPLETED)
        emulator.world.force(done.id, status="in_progress")
        app.table.move_cursor_to(done.id)
        await pilot.press("d")
        dialog = app.screen
        assert isinstance(dialog, DownloadDialog)
        dialog.query_one("#download-folder", Input).value = str(tmp_path)
        await pilot.press("enter")
        error = dialog.query_one("#download-error", Static)
        await wait_for(lambda: error.has_class("-shown"), what="the error")
        shown = str(error.visual)
        assert "is not ready yet" in shown and "video_not_ready" in shown
        assert dialog.is_attached and not dialog.busy  # still open: the user can retry or cancel
        assert list(tmp_path.iterdir()) == []
        await pilot.press("escape")
        assert not isinstance(app.screen, DownloadDialog)


async def test_download_into_a_missing_folder_says_so(
    emulator: EmulatorServer, tmp_path: Path
) -> None:
    app = actions_app(settings_for(emulator))
    async with app.run_test(size=FEATURE_SIZE) as pilot:
        await loaded(app)
        app.table.move_cursor_to(first(app, lambda v: v.status == COMPLETED).id)
        await pilot.press("d")
        dialog = app.screen
        assert isinstance(dialog, DownloadDialog)
        dialog.query_one("#download-folder", Input).value = str(tmp_path / "nope")
        await pilot.press("enter")
        error = dialog.query_one("#download-error", Static)
        await wait_for(lambda: error.has_class("-shown"), what="the error")
        assert "no such folder" in str(error.visual)
        assert not (tmp_path / "nope").exists()


def content_requests(emulator: EmulatorServer) -> list[str]:
    return [r.path for r in list(emulator.requests) if r.path.endswith("/content")]


async def open_download(
    pilot: Pilot[None], app: SoraApp, folder: Path, variant: str = "video"
) -> DownloadDialog:
    """``d`` on the first completed job, ``variant`` chosen, ``folder`` typed in."""
    app.table.move_cursor_to(first(app, lambda v: v.status == COMPLETED).id)
    await pilot.press("d")
    dialog = app.screen
    assert isinstance(dialog, DownloadDialog)
    next(b for b in dialog.query(RadioButton) if b.name == variant).value = True
    dialog.query_one("#download-folder", Input).value = str(folder)
    return dialog


def error_text(screen: Screen[Any], selector: str) -> str:
    error = screen.query_one(selector, Static)
    return str(error.visual) if error.has_class("-shown") else ""


async def test_download_over_an_existing_file_asks_and_cancel_keeps_it(
    emulator: EmulatorServer, tmp_path: Path
) -> None:
    app = actions_app(settings_for(emulator))
    async with app.run_test(size=FEATURE_SIZE) as pilot:
        await loaded(app)
        dialog = await open_download(pilot, app, tmp_path)
        target = target_path(str(tmp_path), dialog.video_id, "video")
        target.write_bytes(b"my edit of the video")
        await pilot.press("enter")
        await wait_for(lambda: isinstance(app.screen, ConfirmScreen), what="the question")
        question = app.screen.query_one("#confirm-question", Static)
        assert target.name in str(question.visual) and "Replace it" in str(question.visual)
        await pilot.press("n")
        await wait_for(lambda: "was kept" in error_text(dialog, "#download-error"), what="kept")
        assert app.screen is dialog and not dialog.busy  # open: another folder can be chosen
        assert app.focused is dialog.query_one("#download-folder", Input)
        assert target.read_bytes() == b"my edit of the video"
        assert list(tmp_path.iterdir()) == [target]  # no partial file either
        assert content_requests(emulator) == []  # asked before anything was fetched


async def test_download_over_an_existing_file_replaces_it_when_told(
    emulator: EmulatorServer, tmp_path: Path
) -> None:
    app = actions_app(settings_for(emulator))
    async with app.run_test(size=FEATURE_SIZE) as pilot:
        await loaded(app)
        dialog = await open_download(pilot, app, tmp_path, "spritesheet")
        target = target_path(str(tmp_path), dialog.video_id, "spritesheet")
        target.write_bytes(b"old")
        await pilot.press("enter")
        await wait_for(lambda: isinstance(app.screen, ConfirmScreen), what="the question")
        await pilot.press("y")
        await wait_for(closed(dialog), what="the download to finish")
        assert target.read_bytes() == server_bytes(emulator, dialog.video_id, "spritesheet")
        assert list(tmp_path.iterdir()) == [target]
        assert said(app, f"Saved {target}")


async def test_a_new_file_is_downloaded_without_a_question(
    emulator: EmulatorServer, tmp_path: Path
) -> None:
    app = actions_app(settings_for(emulator))
    async with app.run_test(size=FEATURE_SIZE) as pilot:
        await loaded(app)
        (tmp_path / "other.mp4").write_bytes(b"x")  # another job's file is no reason to ask
        dialog = await open_download(pilot, app, tmp_path)
        await pilot.press("enter")
        await wait_for(closed(dialog), what="the download to finish")
        assert not any(isinstance(screen, ConfirmScreen) for screen in app.screen_stack)
        assert target_path(str(tmp_path), dialog.video_id, "video").is_file()


@pytest.mark.parametrize("flavour", ["litellm", "sglang"])
async def test_a_server_that_sends_the_mp4_for_a_picture_is_told_so(
    make_emulator: Callable[..., EmulatorServer], tmp_path: Path, flavour: str
) -> None:
    server = make_emulator(jobs=12, manual_clock=True, flavour=flavour)
    app = actions_app(settings_for(server))
    async with app.run_test(size=FEATURE_SIZE) as pilot:
        await loaded(app)
        dialog = await open_download(pilot, app, tmp_path, "thumbnail")
        for variant in ("thumbnail", "spritesheet"):
            next(b for b in dialog.query(RadioButton) if b.name == variant).value = True
            await pilot.press("enter")
            await wait_for(
                lambda: error_text(dialog, "#download-error") and not dialog.busy,
                what=f"the {variant} refused",
            )
            assert error_text(dialog, "#download-error") == (
                f"The server sent video/mp4 for the {variant}: it does not serve {variant}s."
            )
            assert list(tmp_path.iterdir()) == []  # no .webp / .jpg holding an mp4
        assert len(content_requests(server)) == 2
        next(b for b in dialog.query(RadioButton) if b.name == "video").value = True
        await pilot.press("enter")  # the video itself is what this server serves
        await wait_for(closed(dialog), what="the video download")
        saved = target_path(str(tmp_path), dialog.video_id, "video").read_bytes()
        assert MAGIC["video"](saved)


# --- delete ------------------------------------------------------------------------------


async def test_delete_asks_and_cancel_keeps_the_job(emulator: EmulatorServer) -> None:
    app = actions_app(settings_for(emulator))
    async with app.run_test(size=FEATURE_SIZE) as pilot:
        await loaded(app)
        done = first(app, lambda v: v.status == COMPLETED)
        app.table.move_cursor_to(done.id)
        await pilot.press("D")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert not isinstance(app.screen, ConfirmScreen)
        await pilot.press("delete")  # the other key asks too; escape cancels
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert done.id in app.store and emulator.world.get(done.id) is not None
        assert not any(r.method == "DELETE" for r in emulator.requests)


async def test_confirmed_delete_removes_the_job_on_server_and_in_store(
    emulator: EmulatorServer,
) -> None:
    app = actions_app(settings_for(emulator))
    async with app.run_test(size=FEATURE_SIZE) as pilot:
        await loaded(app)
        done = first(app, lambda v: v.status == COMPLETED)
        app.table.move_cursor_to(done.id)
        await pilot.press("D")
        await pilot.press("y")
        await wait_for(lambda: done.id not in app.store, what="the job to leave the store")
        assert emulator.world.get(done.id) is None
        assert app.table.cursor_id != done.id
        assert said(app, f"Deleted {done.id}")


async def test_delete_refused_by_the_server_keeps_the_job(emulator: EmulatorServer) -> None:
    app = actions_app(settings_for(emulator))
    async with app.run_test(size=FEATURE_SIZE) as pilot:
        await loaded(app)
        running = first(app, lambda v: v.in_flight)
        app.table.move_cursor_to(running.id)
        await pilot.press("D", "y")
        await wait_for(lambda: said(app, "Could not delete"), what="the error toast")
        note = next(n for n in toasts(app) if "Could not delete" in n.message)
        assert (
            note.severity == "error"
            and "Only completed or failed videos can be deleted" in note.message
        )
        assert running.id in app.store and emulator.world.get(running.id) is not None


# --- create and remix --------------------------------------------------------------------


async def test_create_form_adds_the_job_and_follows_it_live(emulator: EmulatorServer) -> None:
    app = actions_app(settings_for(emulator))
    async with app.run_test(size=FEATURE_SIZE) as pilot:
        await loaded(app)
        await pilot.press("n")
        form = app.screen
        assert isinstance(form, JobForm)
        await pilot.press("ctrl+s")  # no prompt yet: refused in the form, nothing sent
        assert "Write a prompt first" in str(form.query_one("#form-error", Static).visual)
        form.query_one("#form-prompt", TextArea).load_text("A red kite over a grey sea")
        form.query_one("#form-size", Select).value = "1280x720"
        form.query_one("#form-seconds", Select).value = "8"
        await pilot.press("ctrl+s")
        await wait_for(lambda: not form.is_attached, what="the form to close")
        new = first(app, lambda v: v.prompt == "A red kite over a grey sea")
        assert new.in_flight and (new.size, new.seconds, new.model) == ("1280x720", "8", "sora-2")
        assert app.table.cursor_id == new.id  # the cursor moved to it
        on_server = emulator.world.get(new.id)
        assert on_server is not None and on_server["prompt"] == new.prompt
        emulator.world.advance(10_000)
        await wait_for(
            lambda: (v := app.store.get(new.id)) is not None and not v.in_flight,
            what="the poller to see the job finish",
        )


async def test_create_rejected_by_the_server_keeps_the_form_and_prompt(
    emulator: EmulatorServer,
) -> None:
    app = actions_app(settings_for(emulator))
    async with app.run_test(size=FEATURE_SIZE) as pilot:
        await loaded(app)
        before = len(emulator.world)
        await pilot.press("n")
        form = app.screen
        assert isinstance(form, JobForm)
        form.query_one("#form-prompt", TextArea).load_text("keep me")
        form.query_one("#form-model", Select).value = OTHER_MODEL
        await pilot.pause()
        other = form.query_one("#form-model-other", Input)
        assert other.has_class("-shown")
        other.value = "sora-9-imaginary"
        await pilot.press("ctrl+s")
        error = form.query_one("#form-error", Static)
        await wait_for(
            lambda: error.has_class("-shown") and not form.busy, what="the server's refusal"
        )
        assert "sora-9-imaginary" in str(error.visual)
        assert form.is_attached and form.query_one("#form-prompt", TextArea).text == "keep me"
        assert len(emulator.world) == before


async def open_remix(pilot: Pilot[None], app: SoraApp) -> tuple[JobForm, Video]:
    """``x`` on the newest completed job with a prompt: its remix form."""
    await loaded(app)
    source = first(app, lambda v: v.status == COMPLETED and bool(v.prompt))
    app.table.move_cursor_to(source.id)
    await pilot.press("x")
    form = app.screen
    assert isinstance(form, JobForm)
    return form, source


async def test_remix_creates_a_job_remixed_from_the_highlighted_one(
    emulator: EmulatorServer,
) -> None:
    app = actions_app(settings_for(emulator))
    async with app.run_test(size=FEATURE_SIZE) as pilot:
        form, source = await open_remix(pilot, app)
        assert form.source == source
        prompt = form.query_one("#form-prompt", TextArea)
        assert prompt.text == source.prompt  # prefilled with the source's prompt
        prompt.load_text("Same, but at night")
        await pilot.press("ctrl+s")
        await wait_for(lambda: not form.is_attached, what="the form to close")
        remix = first(app, lambda v: v.prompt == "Same, but at night")
        assert remix.remixed_from_video_id == source.id
        assert app.table.cursor_id == remix.id
        on_server = emulator.world.get(remix.id)
        assert on_server is not None and on_server["remixed_from_video_id"] == source.id


async def test_remix_form_types_on_at_the_end_of_the_prompt(emulator: EmulatorServer) -> None:
    app = actions_app(settings_for(emulator))
    async with app.run_test(size=FEATURE_SIZE) as pilot:
        form, source = await open_remix(pilot, app)
        await pilot.press("!")
        assert form.query_one("#form-prompt", TextArea).text == f"{source.prompt}!"


def fits(screen: Screen[Any], box_id: str, *parts: str) -> bool:
    """The dialog is on the screen whole, and each of ``parts`` is on show inside it."""
    box = screen.query_one(box_id)
    inside = [screen.query_one(part).region for part in parts]
    return screen.region.contains_region(box.region) and all(
        region.area > 0 and box.region.contains_region(region) for region in inside
    )


async def test_dialogs_fit_80_by_24_with_long_ids_and_errors(
    make_emulator: Callable[..., EmulatorServer], tmp_path: Path
) -> None:
    server = make_emulator(jobs=12, manual_clock=True, flavour="litellm")  # ~130-character ids
    app = actions_app(settings_for(server))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app)
        dialog = await open_download(pilot, app, tmp_path)
        target = target_path(str(tmp_path), dialog.video_id, "video")
        await pilot.pause()
        buttons = ("#download-start", "#download-cancel")
        assert fits(dialog, "#download-dialog", "#download-target", *buttons)
        shown = str(dialog.query_one("#download-target", Static).visual)
        assert "…" in shown and shown.endswith(".mp4")  # the long name is cut in the middle
        target.write_bytes(b"old")
        await pilot.press("enter")
        await wait_for(lambda: isinstance(app.screen, ConfirmScreen), what="the question")
        await pilot.pause()
        assert fits(app.screen, "#confirm-dialog", "#confirm-question", "#confirm-yes")
        await pilot.press("n")
        await wait_for(lambda: error_text(dialog, "#download-error"), what="kept")
        await pilot.pause()
        assert fits(dialog, "#download-dialog", "#download-error", *buttons)
        await pilot.press("escape")

        await pilot.press("n")
        form = app.screen
        assert isinstance(form, JobForm)
        form.query_one("#form-model", Select).value = OTHER_MODEL
        form.show_error("400 Bad Request: " + "Invalid value for model. " * 5)
        await pilot.pause()
        assert fits(form, "#job-form", "#form-prompt", "#form-error", "#form-submit")
        await pilot.press("escape")

        source = first(app, lambda v: v.status == COMPLETED and bool(v.prompt))
        app.table.move_cursor_to(source.id)
        await pilot.press("x")
        await pilot.pause()
        assert fits(app.screen, "#job-form", "#form-source", "#form-prompt", "#form-submit")


# --- read-only ---------------------------------------------------------------------------


async def test_read_only_hides_and_blocks_every_mutating_action(emulator: EmulatorServer) -> None:
    app = actions_app(settings_for(emulator, read_only=True))
    async with app.run_test(size=FEATURE_SIZE) as pilot:
        await loaded(app)
        done = first(app, lambda v: v.status == COMPLETED)
        app.table.move_cursor_to(done.id)
        mutating = {"delete_job", "new_job", "remix_job"}
        shown = {b.binding.id for b in app.screen.active_bindings.values()}
        assert not mutating & shown and "download" in shown  # gone from the footer
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert not {"Delete job…", "New job…", "Remix job…"} & titles and "Download…" in titles

        for key, action in (("D", "delete_job"), ("n", "new_job"), ("x", "remix_job")):
            app.clear_notifications()
            await pilot.press(key)
            assert app.screen is app.screen_stack[0]  # no dialog or form
            assert said(app, "read-only mode"), key
            assert not await app.run_action(f"run('{action}')")  # refused by check_action
            app.clear_notifications()
            app.action_run(action)  # called directly (e.g. by a stale palette entry)
            await pilot.pause()
            assert app.screen is app.screen_stack[0] and said(app, "read-only mode"), action
        assert done.id in app.store and emulator.world.get(done.id) is not None
        assert not any(r.method in ("POST", "DELETE") for r in emulator.requests)
        app.set_keymap({"new_job": "N"})  # a remapped key is refused the same way
        app.clear_notifications()
        await pilot.press("N")
        assert app.screen is app.screen_stack[0] and said(app, "read-only mode")

        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        help_rows = {row.description for group in app.screen.groups for row in group.rows}
        assert "Copy id" in help_rows and not {"Delete", "New job", "Remix"} & help_rows


async def test_mutating_actions_are_listed_when_writable(emulator: EmulatorServer) -> None:
    app = actions_app(settings_for(emulator))
    async with app.run_test(size=FEATURE_SIZE) as pilot:
        await loaded(app)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        help_rows = {row.description for group in app.screen.groups for row in group.rows}
        assert {
            "Delete",
            "New job",
            "Remix",
            "Download",
            "Copy id",
            "Notify when done",
        } <= help_rows
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Delete job…", "New job…", "Remix job…", "Download…", "Notify when done"} <= titles


# --- the atomic write, without the app ---------------------------------------------------


class StalledStream:
    """One chunk, then nothing until cancelled (a transfer the user gives up on)."""

    def __init__(self) -> None:
        self.sent = asyncio.Event()

    async def aiter_bytes(self, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        yield b"first half"
        self.sent.set()
        await asyncio.Event().wait()  # never set: only cancellation ends this
        yield b"never"


async def test_a_cancelled_download_leaves_no_file_behind(tmp_path: Path) -> None:
    stream = StalledStream()
    received: list[int] = []
    target = tmp_path / "video_1.mp4"
    task = asyncio.create_task(save_content(stream, target, received.append))
    await asyncio.wait_for(stream.sent.wait(), timeout=5)
    await wait_for(lambda: received == [len(b"first half")], what="the first chunk")
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert list(tmp_path.iterdir()) == []  # neither the target nor the temporary part


def test_file_names_are_safe_for_any_id() -> None:
    assert file_name("video_123", "thumbnail") == "video_123.webp"
    assert file_name("b64/id+x==", "video") == "b64_id_x__.mp4"
    assert file_name("../../etc/passwd", "spritesheet") == "_.._etc_passwd.jpg"
    assert target_path(str(Path.home()), "../x", "video").parent == Path.home()


def test_only_a_labelled_non_picture_is_refused_for_a_picture() -> None:
    for may_be_a_picture in (None, "", "image/webp", "IMAGE/JPEG; q=1", "application/octet-stream"):
        assert content_mismatch("thumbnail", may_be_a_picture) is None
    assert content_mismatch("video", "video/mp4") is None  # the video is not judged
    assert content_mismatch("spritesheet", "video/mp4; codecs=avc1") == (
        "the server sent video/mp4 for the spritesheet: it does not serve spritesheets"
    )
    assert content_mismatch("thumbnail", "text/html") == (
        "not an image: the server sent text/html for the thumbnail"
    )


async def test_read_only_keys_typed_into_the_search_are_text_not_refusals(
    emulator: EmulatorServer,
) -> None:
    app = SoraApp(settings_for(emulator, read_only=True))
    async with app.run_test(size=FEATURE_SIZE) as pilot:
        await loaded(app)
        await pilot.press("slash", "n", "x", "D")
        search = app.screen.query_one("#search Input", Input)
        assert search.value == "nxD" and not said(app, "read-only mode")
        await pilot.press("escape", "escape", "n")  # back on the table: the key is refused
        assert said(app, "read-only mode")
