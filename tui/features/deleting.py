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
        if video is None:
            return
        question = Text("Delete ")
        question.append(one_line(video.id), style="bold")
        question.append(" on the server? This cannot be undone.\n")
        question.append_text(literal(one_line(video.prompt, limit=120), style="dim italic"))
        video_id = video.id

        def answered(yes: bool | None) -> None:
            if yes and not self.dashboard.settings.read_only:  # still allowed once answered
                self.in_worker(lambda: self._delete(video_id), group="delete")

        self.dashboard.push_screen(
            ConfirmScreen("Delete job", question, confirm_label="Delete"), answered
        )

    async def _delete(self, video_id: str) -> None:
        client = self.connected()
        if client is None:
            return
        try:
            await client.delete(video_id)
        except ApiError as error:
            self.dashboard.toast(
                f"Could not delete {video_id}: {error}", severity="error", timeout=8
            )
            return
        self.dashboard.remembered.mark_gone([video_id], reason=GONE_DELETED_HERE)
        self.dashboard.apply_change(self.dashboard.store.remove(video_id))
        self.dashboard.toast(f"Deleted {video_id}")
