"""The download dialog: which file (video, thumbnail, spritesheet), which folder, and progress.

It posts `DownloadDialog.Submitted`; the app streams the content in a worker and feeds
`start` / `advance`, then closes it (dismiss True) or shows the error and leaves it open so
the user can pick another folder. Escape dismisses with False: the app cancels the download.
"""

from __future__ import annotations

from typing import ClassVar, TypeAlias

import humanize
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, ProgressBar, RadioButton, RadioSet, Static

from tui.api.models import CONTENT_VARIANTS
from tui.files import target_path
from tui.screens import download_request
from tui.screens.busy import BusyFocus, show_failure
from tui.screens.labels import middle_cut

TARGET_NAME_LIMIT = 40  # characters of the file name shown (the toast names the file in full)
_LABELS = {
    "video": "Video (.mp4)",
    "thumbnail": "Thumbnail (.webp)",
    "spritesheet": "Spritesheet (.jpg)",
}


class DownloadDialog(ModalScreen[bool]):
    """Choose a variant and a folder for one job's content; shows the transfer's progress."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    DownloadDialog { align: center middle; }
    DownloadDialog > #download-dialog {
        width: 72; max-width: 95%; height: auto; max-height: 100%; overflow-y: auto;
    }
    DownloadDialog #download-variant { width: 1fr; }
    DownloadDialog #download-progress, DownloadDialog #download-error { display: none; }
    DownloadDialog #download-progress.-shown { display: block; }
    DownloadDialog #download-error.-shown { display: block; }
    DownloadDialog #download-buttons { height: auto; }
    """

    Submitted: TypeAlias = download_request.Submitted  # beside: heard before the dialog loads

    def __init__(self, video_id: str, folder: str) -> None:
        super().__init__()
        self.video_id = video_id
        self._folder = folder
        self._busy = BusyFocus()
        self._received = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="download-dialog") as box:
            box.border_title = f"Download {middle_cut(self.video_id, 56)}"
            box.border_subtitle = "enter download · escape cancel"
            with RadioSet(id="download-variant"):
                for index, variant in enumerate(CONTENT_VARIANTS):
                    yield RadioButton(_LABELS.get(variant, variant), value=index == 0, name=variant)
            yield Label("Folder")
            yield Input(self._folder, id="download-folder")
            yield Static(id="download-target")
            yield ProgressBar(id="download-progress", show_eta=False)
            yield Static(id="download-bytes")
            yield Static(id="download-error")
            with Horizontal(id="download-buttons"):
                yield Button("Download", variant="primary", id="download-start")
                yield Button("Cancel", id="download-cancel")

    def on_mount(self) -> None:
        self._show_target()
        self._folder_input.focus()

    @property
    def variant(self) -> str:
        pressed = self.query_one(RadioSet).pressed_button
        return pressed.name if pressed is not None and pressed.name else CONTENT_VARIANTS[0]

    @property
    def folder(self) -> str:
        return self.query_one("#download-folder", Input).value.strip()

    # --- what the app calls ---------------------------------------------------------------

    def start(self, total: int | None) -> None:
        """The transfer began; ``total`` bytes are expected (None: the server did not say)."""
        self._received = 0
        bar = self.query_one(ProgressBar)
        bar.update(total=total, progress=0)
        bar.add_class("-shown")
        self._show_bytes(total)

    def advance(self, size: int) -> None:
        self._received += size
        bar = self.query_one(ProgressBar)
        bar.advance(size)
        self._show_bytes(bar.total)

    def finish(self) -> None:
        """Every byte arrived: a bar without a known total shows 100% too."""
        bar = self.query_one(ProgressBar)
        bar.update(total=self._received, progress=self._received)

    def show_error(self, message: str) -> None:
        show_failure(self.query_one("#download-error", Static), message)
        self.set_busy(False)

    @property
    def busy(self) -> bool:
        return self._busy.busy

    def set_busy(self, busy: bool) -> None:
        done = self._busy.change(self, busy)
        self.query_one("#download-start", Button).disabled = busy
        self._folder_input.disabled = busy
        self.query_one(RadioSet).disabled = busy
        if done:  # disabling moved the focus (to Cancel): give it back
            self._busy.give_back(self._folder_input)

    @property
    def _folder_input(self) -> Input:
        return self.query_one("#download-folder", Input)

    # --- user input -----------------------------------------------------------------------

    def _show_target(self) -> None:
        target = Text("→ ", style="dim")
        if self.folder:
            path = target_path(self.folder, self.video_id, self.variant)
            # A long id would take four lines of a short screen: its file name is cut in the middle.
            target.append(str(path.parent / middle_cut(path.name, TARGET_NAME_LIMIT)))
        self.query_one("#download-target", Static).update(target)

    def _show_bytes(self, total: float | None) -> None:
        done = humanize.naturalsize(self._received)
        said = f"{done} of {humanize.naturalsize(total)}" if total else done
        self.query_one("#download-bytes", Static).update(Text(said, style="dim"))

    @on(Input.Changed, "#download-folder")
    @on(RadioSet.Changed)
    def _choice_changed(self) -> None:
        self._show_target()

    @on(Input.Submitted, "#download-folder")
    @on(Button.Pressed, "#download-start")
    def _start_pressed(self) -> None:
        self.action_download()

    @on(Button.Pressed, "#download-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_download(self) -> None:
        if self.busy:
            return
        if not self.folder:
            self.show_error("Choose a folder first.")
            return
        self.show_error("")
        self.set_busy(True)
        self.post_message(self.Submitted(self, self.video_id, self.variant, self.folder))

    def action_cancel(self) -> None:
        self.dismiss(False)
