"""Delete the highlighted job on the server (``D``), after a confirmation.

The store changes only after the server said yes; the history keeps the job, gone ("deleted
here"). Refused in read-only mode (the app does that
for every action that changes the server).
"""

from __future__ import annotations

from typing import Final

from rich.text import Text

from tui.actions import JOB, Action
from tui.api.errors import ApiError
from tui.features.base import Feature
from tui.history.notes import GONE_DELETED_HERE
from tui.job_keys import video_id_of
from tui.screens.confirm import ConfirmScreen
from tui.text import literal, one_line

DELETE_ACTIONS: Final = (
    Action(
        "delete_job",
        "D,delete",
        "Delete",
        JOB,
        changes_server=True,
        palette="Delete job…",
        palette_help="Delete the highlighted job on the server (D)",
    ),
)


class Deleting(Feature):
    ACTIONS = DELETE_ACTIONS

    def do_delete_job(self) -> None:
        video = self.cursor_job()
        key = self.dashboard.table.cursor_id
        if video is None or key is None:
            return
        server = self.dashboard.server_for(key)
        question = Text("Delete ")
        question.append(one_line(video.id), style="bold")
        where = f" on server {one_line(server.name)}" if server.name else " on the server"
        question.append(f"{where}? This cannot be undone.\n")
        question.append_text(literal(one_line(video.prompt, limit=120), style="dim italic"))

        def answered(yes: bool | None) -> None:
            if yes and not server.settings.read_only:  # still allowed once answered
                self.in_worker(lambda: self._delete(key), group="delete")

        self.dashboard.push_screen(
            ConfirmScreen("Delete job", question, confirm_label="Delete"), answered
        )

    async def _delete(self, key: str) -> None:
        client = self.connected(key)
        if client is None:
            return
        server, video_id = self.dashboard.server_for(key), video_id_of(key)
        try:
            await client.delete(video_id)
        except ApiError as error:
            self.dashboard.toast(
                f"Could not delete {video_id}: {error}", severity="error", timeout=8
            )
            return
        server.remembered.mark_gone([video_id], reason=GONE_DELETED_HERE)
        self.dashboard.remove_job(key)
        self.dashboard.toast(f"Deleted {video_id}" + (f" on {server.name}" if server.name else ""))
