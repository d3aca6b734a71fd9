"""Copy the highlighted job's id, prompt or error (``c`` ``C`` ``e``), over OSC 52 (works via SSH)."""

from __future__ import annotations

from typing import Final

from tui.actions import JOB, Action
from tui.api.models import Video
from tui.features.base import Feature
from tui.text import one_line


def _copy(key: str, what: str) -> Action:
    return Action(
        f"copy_{what}",
        key,
        f"Copy {what}",
        JOB,
        show=False,
        palette=f"Copy {'job id' if what == 'id' else what}",
        palette_help=f"Copy the highlighted job's {what} ({key})",
    )


COPY_ACTIONS: Final = (_copy("c", "id"), _copy("C", "prompt"), _copy("e", "error"))


def error_text(video: Video) -> str:
    """A failed job's error as one text: ``code: message``."""
    if video.error is None:
        return ""
    code, message = video.error.code, video.error.message
    return f"{code}: {message}" if code and message else code or message


class Copying(Feature):
    """The clipboard gets the exact text; the toast shows it inert."""

    ACTIONS = COPY_ACTIONS

    def copy(self, what: str) -> None:
        video = self.cursor_job(on_server=False)  # a gone job's id and prompt copy too
        if video is None:
            return
        if what == "prompt":
            text = video.prompt or ""
        elif what == "error":
            text = error_text(video)
        else:
            text = video.id
        if not text:
            self.dashboard.toast(f"This job has no {what}", severity="warning", timeout=2)
            return
        self.dashboard.copy_to_clipboard(text)
        self.dashboard.toast(f"Copied {what}: {one_line(text, limit=48)}", timeout=2)

    def do_copy_id(self) -> None:
        self.copy("id")

    def do_copy_prompt(self) -> None:
        self.copy("prompt")

    def do_copy_error(self) -> None:
        self.copy("error")
