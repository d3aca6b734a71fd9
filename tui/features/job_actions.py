"""Acting on the highlighted job: copy, download, delete, remix, and creating a new job.

Keys: ``c`` copy id, ``C`` copy prompt, ``e`` copy error, ``d`` download, ``D``/delete delete,
``x`` remix, ``n`` new job. Every request runs in a worker; the store changes only after the
server said yes (a delete removes the job, a create/remix upserts the new job at once, then the
poller follows it like any job in flight).

Read-only mode (``Settings.read_only``) turns off delete, create and remix: `check_action`
hides them from the footer, help and palette, and pressing their keys says "read-only mode".
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar, Final

from rich.text import Text
from textual import events, on, work
from textual.app import SystemCommand
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen

from tui.api.client import VideosClient
from tui.api.errors import ApiError
from tui.api.models import COMPLETED, FAILED, Video
from tui.dashboard import DashboardApp
from tui.features.download import default_folder, save_content, target_path
from tui.screens.confirm import ConfirmScreen
from tui.screens.download_dialog import DownloadDialog
from tui.screens.job_form import JobForm, JobRequest
from tui.screens.labels import middle_cut
from tui.text import inert, literal, one_line

MUTATING_ACTIONS: Final = frozenset({"delete_job", "new_job", "remix_job"})
READ_ONLY_NOTE: Final = "read-only mode: jobs cannot be created, remixed or deleted"


class JobLaunched(Message):
    """A job was created or remixed from this app (posted to the app before it enters the store)."""

    def __init__(self, video_id: str) -> None:
        super().__init__()
        self.video_id = video_id


class JobActionsFeature(DashboardApp):
    """Copy, download, delete, remix and create, on the job under the table's cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "copy('id')", "Copy id", show=False, id="copy_id"),
        Binding("C", "copy('prompt')", "Copy prompt", show=False, id="copy_prompt"),
        Binding("e", "copy('error')", "Copy error", show=False, id="copy_error"),
        Binding("d", "download", "Download", id="download"),
        Binding("D,delete", "delete_job", "Delete", id="delete_job"),
        Binding("x", "remix_job", "Remix", show=False, id="remix_job"),
        Binding("n", "new_job", "New job", id="new_job"),
    ]

    # --- read-only mode -------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in MUTATING_ACTIONS and self.settings.read_only:
            return False
        return super().check_action(action, parameters)

    async def on_event(self, event: events.Event) -> None:
        # A disabled binding does nothing at all: say why its key did nothing.
        if (
            isinstance(event, events.Key)
            and not event.is_forwarded
            and self.settings.read_only
            and self.screen is self.screen_stack[0]
            and self._is_mutating_key(event.key)
        ):
            self.notify(READ_ONLY_NOTE, severity="warning", timeout=3)
        await super().on_event(event)

    def _is_mutating_key(self, key: str) -> bool:
        """Whether ``key`` is bound (keymap overrides included) to a mutating action of the app."""
        keymap = self._keymap
        for bound_key, binding in self._bindings:
            if binding.action not in MUTATING_ACTIONS:
                continue
            keys = (
                keymap[binding.id].split(",")
                if binding.id and binding.id in keymap
                else [bound_key]
            )
            if key in (k.strip() for k in keys):
                return True
        return False

    def _refuse_read_only(self) -> bool:
        if self.settings.read_only:
            self.notify(READ_ONLY_NOTE, severity="warning", timeout=3)
            return True
        return False

    # --- the job under the cursor ---------------------------------------------------------

    def _cursor_job(self) -> Video | None:
        video_id = self.table.cursor_id
        video = self.store.get(video_id) if video_id else None
        if video is None:
            self.notify("No job selected", severity="warning", timeout=2)
        return video

    def _connected(self) -> VideosClient | None:
        if self.client is None:
            self.notify("Not connected to a server yet", severity="warning", timeout=3)
        return self.client

    def _toast(
        self, text: str, *, severity: SeverityLevel = "information", timeout: float = 3
    ) -> None:
        """A toast whose text may hold server text: shown literally, never as markup."""
        self.notify(inert(text), severity=severity, timeout=timeout, markup=False)

    # --- copy -----------------------------------------------------------------------------

    def action_copy(self, what: str) -> None:
        video = self._cursor_job()
        if video is None:
            return
        if what == "prompt":
            text = video.prompt or ""
        elif what == "error":
            text = _error_text(video)
        else:
            text = video.id
        if not text:
            self.notify(f"This job has no {what}", severity="warning", timeout=2)
            return
        # Clipboard gets the exact text (OSC 52 carries it base64-encoded); the toast is inert.
        self.copy_to_clipboard(text)
        self._toast(f"Copied {what}: {one_line(text, limit=48)}", timeout=2)

    # --- download -------------------------------------------------------------------------

    def action_download(self) -> None:
        video = self._cursor_job()
        if video is None:
            return
        if video.status != COMPLETED:
            why = (
                "failed, so it has no content"
                if video.status == FAILED
                else (f"is {video.status.replace('_', ' ') or 'not finished'}")
            )
            self._toast(
                f"Only completed jobs can be downloaded: {video.id} {why}", severity="warning"
            )
            return
        self.push_screen(DownloadDialog(video.id, str(default_folder())), self._download_closed)

    def _download_closed(self, finished: bool | None) -> None:
        if not finished:  # the user closed the dialog: stop a transfer still running
            self.workers.cancel_group(self, "download")

    @on(DownloadDialog.Submitted)
    def _download_submitted(self, message: DownloadDialog.Submitted) -> None:
        self._download(message.dialog, message.video_id, message.variant, message.folder)

    @work(group="download", exclusive=True, exit_on_error=False)
    async def _download(
        self, dialog: DownloadDialog, video_id: str, variant: str, folder: str
    ) -> None:
        client = self._connected()
        if client is None:
            dialog.show_error("Not connected to a server yet")
            return
        target = target_path(folder, video_id, variant)
        if await asyncio.to_thread(target.is_file) and not await self._may_overwrite(target):
            dialog.show_error("Not downloaded: the file is already there and was kept.")
            return
        try:
            async with client.stream_content(video_id, variant) as stream:
                if stream.mismatch is not None:  # nothing is read, nothing is written
                    dialog.show_error(_sentence(stream.mismatch))
                    return
                dialog.start(stream.total)
                await save_content(stream, target, dialog.advance)
        except ApiError as error:
            dialog.show_error(f"Download failed: {error}")
            return
        except OSError as error:
            dialog.show_error(f"Cannot write {target}: {error.strerror or error}")
            return
        dialog.finish()
        if dialog.is_active:  # dismiss pops the top screen: never close something else
            dialog.dismiss(True)
        else:
            dialog.set_busy(False)
        self._toast(f"Saved {target}")

    async def _may_overwrite(self, target: Path) -> bool:
        """Ask before a download replaces a file; only an explicit yes overwrites."""
        question = Text("A file named ")
        question.append(middle_cut(target.name, 48), style="bold")
        question.append(" is already in ")
        question.append(str(target.parent), style="bold")
        question.append(".\nReplace it with the download?")
        screen: Screen[bool] = ConfirmScreen("File exists", question, confirm_label="Overwrite")
        return await self.push_screen_wait(screen)

    # --- delete ---------------------------------------------------------------------------

    def action_delete_job(self) -> None:
        if self._refuse_read_only():
            return
        video = self._cursor_job()
        if video is None:
            return
        question = Text("Delete ")
        question.append(one_line(video.id), style="bold")
        question.append(" on the server? This cannot be undone.\n")
        question.append_text(literal(one_line(video.prompt, limit=120), style="dim italic"))
        video_id = video.id

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(video_id)

        self.push_screen(ConfirmScreen("Delete job", question, confirm_label="Delete"), answered)

    @work(group="delete", exit_on_error=False)
    async def _delete(self, video_id: str) -> None:
        client = self._connected()
        if client is None:
            return
        try:
            await client.delete(video_id)
        except ApiError as error:
            self._toast(f"Could not delete {video_id}: {error}", severity="error", timeout=8)
            return
        self.apply_change(self.store.remove(video_id))
        self._toast(f"Deleted {video_id}")

    # --- create and remix -----------------------------------------------------------------

    def action_new_job(self) -> None:
        if not self._refuse_read_only():
            self.push_screen(JobForm())

    def action_remix_job(self) -> None:
        if self._refuse_read_only():
            return
        video = self._cursor_job()
        if video is None:
            return
        if video.status != COMPLETED:
            self._toast(
                f"Only completed jobs can be remixed: {video.id} is {video.status}",
                severity="warning",
            )
            return
        self.push_screen(JobForm(source=video))

    @on(JobForm.Submitted)
    def _job_submitted(self, message: JobForm.Submitted) -> None:
        self._launch(message.form, message.request)

    @work(group="launch", exit_on_error=False)
    async def _launch(self, form: JobForm, request: JobRequest) -> None:
        client = self._connected()
        if client is None:
            form.show_error("Not connected to a server yet")
            return
        try:
            if request.remix_of is not None:
                video = await client.remix(request.remix_of, prompt=request.prompt)
            else:
                video = await client.create(
                    prompt=request.prompt,
                    model=request.model,
                    size=request.size,
                    seconds=request.seconds,
                )
        except ApiError as error:
            if form.is_attached:
                form.show_error(str(error))
            else:  # the form was closed while waiting: say it somewhere
                self._toast(f"Could not create the job: {error}", severity="error", timeout=8)
            return
        if form.is_active:
            form.dismiss(None)
        elif form.is_attached:  # something covers it: leave it open, but done
            form.set_busy(False)
        self._follow_new(video, "Remixing" if request.remix_of else "Created")

    def _follow_new(self, video: Video, verb: str) -> None:
        """Put a just-launched job in the store and under the cursor; the poller follows it."""
        self.post_message(JobLaunched(video.id))
        self.apply_change(self.store.upsert(video))
        self.table.move_cursor_to(video.id)
        shown = self.table.cursor_id == video.id
        where = "" if shown else " (hidden by the current filter)"
        self._toast(f"{verb} {video.id}{where}")
        if self.poller is not None:
            self.poller.refresh_now()

    # --- command palette ------------------------------------------------------------------

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand(
            "Copy job id", "Copy the highlighted job's id (c)", lambda: self.action_copy("id")
        )
        yield SystemCommand(
            "Copy prompt",
            "Copy the highlighted job's prompt (C)",
            lambda: self.action_copy("prompt"),
        )
        yield SystemCommand(
            "Copy error", "Copy the highlighted job's error (e)", lambda: self.action_copy("error")
        )
        yield SystemCommand(
            "Download…", "Save the video, thumbnail or spritesheet (d)", self.action_download
        )
        if not self.settings.read_only:
            yield SystemCommand(
                "Delete job…",
                "Delete the highlighted job on the server (D)",
                self.action_delete_job,
            )
            yield SystemCommand(
                "Remix job…", "A new job from the highlighted one (x)", self.action_remix_job
            )
            yield SystemCommand(
                "New job…", "Create a video job from a prompt (n)", self.action_new_job
            )


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "."


def _error_text(video: Video) -> str:
    if video.error is None:
        return ""
    code, message = video.error.code, video.error.message
    return f"{code}: {message}" if code and message else code or message
