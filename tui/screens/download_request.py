"""The message the download dialog posts when the user asks for a download.

Apart from the dialog (``download_dialog``) on purpose: the app routes the message to the
features from the start, while the dialog and its widgets load when it first opens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from tui.screens.download_dialog import DownloadDialog


class Submitted(Message, namespace="download_dialog"):
    """``DownloadDialog.Submitted``: download ``variant`` of ``video_id`` into ``folder``."""

    def __init__(self, dialog: DownloadDialog, video_id: str, variant: str, folder: str) -> None:
        super().__init__()
        self.dialog = dialog
        self.video_id = video_id
        self.variant = variant
        self.folder = folder
