"""Messages that more than one part of the app hears (features never import each other)."""

from __future__ import annotations

from textual.message import Message

from tui.feed.store import StoreChange


class FeedChanged(Message):
    """The store changed (posted to the app after the widgets were updated)."""

    def __init__(self, change: StoreChange) -> None:
        super().__init__()
        self.change = change


class JobLaunched(Message):
    """A job was created or remixed from this app (posted before it enters the store)."""

    def __init__(self, video_id: str) -> None:
        super().__init__()
        self.video_id = video_id


class JobDownloaded(Message):
    """A job's content was saved to ``path`` (the history remembers it)."""

    def __init__(self, video_id: str, variant: str, path: str, size: int) -> None:
        super().__init__()
        self.video_id = video_id
        self.variant = variant
        self.path = path
        self.size = size
