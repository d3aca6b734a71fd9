"""Download a completed job's video, thumbnail or spritesheet (``d``), with a progress bar.

The dialog asks where and what; the transfer runs in a worker and writes atomically
(tui/files.py). A file already there is replaced only after an explicit yes. A reply whose
Content-Type is not what the variant should be (LiteLLM and SGLang send the mp4 for every
variant) is said plainly and nothing is written.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, Final

from rich.text import Text

from tui.actions import JOB, Action
from tui.api.errors import ApiError
from tui.api.models import COMPLETED, FAILED
from tui.features.base import Feature
from tui.files import default_folder, save_content, target_path
from tui.job_keys import video_id_of
from tui.messages import JobDownloaded
from tui.screens.confirm import ConfirmScreen
from tui.screens.labels import middle_cut
from tui.text import sentence

if TYPE_CHECKING:  # the dialog loads when it first opens, not at start
    from tui.screens.download_dialog import DownloadDialog

GROUP: Final = "download"
DOWNLOAD_ACTIONS: Final = (
    Action(
        "download",
        "d",
        "Download",
        JOB,
        palette="Download…",
        palette_help="Save the video, thumbnail or spritesheet (d)",
    ),
)


class Downloading(Feature):
    """The download dialog and the transfer behind it."""

    ACTIONS = DOWNLOAD_ACTIONS
    _key = ""  # the row key of the job the dialog is for

    def do_download(self) -> None:
        video = self.cursor_job()
        if video is None:
            return
        if video.status != COMPLETED:
            why = (
                "failed, so it has no content"
                if video.status == FAILED
                else (f"is {video.status.replace('_', ' ') or 'not finished'}")
            )
            self.dashboard.toast(
                f"Only completed jobs can be downloaded: {video.id} {why}", severity="warning"
            )
            return
        from tui.screens.download_dialog import DownloadDialog

        self._key = self.dashboard.table.cursor_id or video.id  # the job's server: its key's
        dialog = DownloadDialog(video.id, str(default_folder()))
        self.dashboard.push_screen(dialog, self._closed)

    def _closed(self, finished: bool | None) -> None:
        if not finished:  # the user closed the dialog: stop a transfer still running
            self.cancel_workers(GROUP)

    def on_download_dialog_submitted(self, message: DownloadDialog.Submitted) -> None:
        dialog, video_id = message.dialog, message.video_id
        variant, folder = message.variant, message.folder
        key = self._key if video_id_of(self._key) == video_id else video_id
        self.in_worker(
            lambda: self._download(dialog, key, variant, folder), group=GROUP, exclusive=True
        )

    async def _download(self, dialog: DownloadDialog, key: str, variant: str, folder: str) -> None:
        video_id = video_id_of(key)
        client = self.dashboard.server_for(key).client
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
                    dialog.show_error(sentence(stream.mismatch))
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
        self.dashboard.toast(f"Saved {target}")
        size = (await asyncio.to_thread(target.stat)).st_size
        self.dashboard.post_message(JobDownloaded(key, variant, str(target.resolve()), size))

    async def _may_overwrite(self, target: Path) -> bool:
        """Ask before a download replaces a file; only an explicit yes overwrites."""
        question = Text("A file named ")
        question.append(middle_cut(target.name, 48), style="bold")
        question.append(" is already in ")
        question.append(str(target.parent), style="bold")
        question.append(".\nReplace it with the download?")
        answer = await self.dashboard.push_screen_wait(
            ConfirmScreen("File exists", question, confirm_label="Overwrite")
        )
        return bool(answer)
