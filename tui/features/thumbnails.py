"""See the result: the highlighted job's thumbnail in the detail pane (key ``t`` toggles it).

Fetched only for a completed job whose content has not expired, in a worker, after the cursor has
rested for a moment (moving fast through the list fetches nothing), decoded and drawn in a thread
(never on the event loop), and kept as drawn in a small LRU cache per id. A failed fetch leaves
one line saying why; it is tried again when the job is highlighted again, never in a loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Final

from textual.app import SystemCommand
from textual.cache import LRUCache

from tui import clock
from tui.actions import VIEW, Action
from tui.api.errors import ApiError
from tui.api.models import COMPLETED, Video
from tui.features.base import Dashboard, Feature
from tui.messages import FeedChanged
from tui.text import sentence
from tui.widgets.detail_pane import DetailPane
from tui.widgets.thumbnail import (
    Prepared,
    Thumbnail,
    load_image_stack,
    prepare,
    prepare_terminal,
)
from tui.widgets.video_table import VideoTable

VARIANT: Final = "thumbnail"
NOT_SERVED: Final = "none from this server"  # short: the pane's note is one line
GROUP: Final = "thumbnail"
THUMBNAIL_ACTIONS: Final = (Action("toggle_thumbnails", "t", "Thumbnails", VIEW),)


def wants_thumbnail(video: Video, now: float) -> bool:
    """A thumbnail can exist: the job completed and its content has not expired."""
    expires = video.expires_at
    return video.status == COMPLETED and (expires is None or expires > now)


class Thumbnails(Feature):
    """Pictures of completed jobs in the detail pane."""

    ACTIONS = THUMBNAIL_ACTIONS
    THUMBNAIL_DEBOUNCE: float = 0.25  # seconds the cursor rests before a fetch
    THUMBNAIL_CACHE: int = 12  # ids; a picture drawn in half cells takes ~230 kB

    def __init__(self, dashboard: Dashboard) -> None:
        super().__init__(dashboard)
        prepare_terminal()  # built with the app, before it takes the terminal: the moment to ask
        self.thumbnails_on = True
        self.thumbnail_cache: LRUCache[str, Prepared] = LRUCache(self.THUMBNAIL_CACHE)
        self._no_thumbnails_from: str | None = None  # a server's base URL that sent no picture

    # --- what is on show ---------------------------------------------------------------------

    @property
    def pane(self) -> DetailPane:
        # The dashboard's screen, not the current one: a dialog or help may be on top.
        return self.dashboard.dashboard_screen.query_one(DetailPane)

    @property
    def thumbnail(self) -> Thumbnail:
        return self.pane.thumbnail

    def update_thumbnail(self, video: Video | None) -> None:
        """Bring the pane's picture in line with ``video`` (the job under the cursor)."""
        thumbnail = self.thumbnail
        if not self.thumbnails_on or video is None:
            self._stop_thumbnail()
            return
        if not wants_thumbnail(video, clock.now()):
            self._stop_thumbnail()
            if video.status == COMPLETED:  # completed, but its content is gone
                thumbnail.show_reason(video.id, "the content has expired")
            return
        if thumbnail.video_id == video.id and thumbnail.state != "empty":
            return  # already on show, loading, or failed for this job: no refetch on each poll
        cached = self.thumbnail_cache.get(video.id)
        if cached is not None:
            self._stop_thumbnail()
            thumbnail.show_picture(video.id, cached)
            return
        if self._serves_no_thumbnails():
            self._stop_thumbnail()
            thumbnail.show_reason(video.id, NOT_SERVED)
            return
        thumbnail.show_loading(video.id)
        self.in_worker(lambda: self.fetch_thumbnail(video.id), group=GROUP, exclusive=True)

    def _serves_no_thumbnails(self) -> bool:
        client = self.dashboard.server_for(self.dashboard.table.cursor_id).client
        return client is not None and client.base_url == self._no_thumbnails_from

    def _no_thumbnails(self, base_url: str, why: str) -> None:
        """Remember that this server sends no pictures, and say so once (not on every row)."""
        if self._no_thumbnails_from == base_url:
            return
        self._no_thumbnails_from = base_url
        self.dashboard.toast(sentence(why), title="Thumbnails", severity="warning", timeout=8)

    def _stop_thumbnail(self) -> None:
        self.cancel_workers(GROUP)
        self.thumbnail.clear()

    async def fetch_thumbnail(self, video_id: str) -> None:
        """Wait for the cursor to rest, fetch, cache, then show (if the job is still highlighted)."""
        # The debounce: a newer highlight cancels this (exclusive) worker before it fetches.
        await asyncio.sleep(self.THUMBNAIL_DEBOUNCE)
        client = self.dashboard.server_for(self.dashboard.table.cursor_id).client
        if client is None:
            self._thumbnail_result(video_id, reason="not connected yet")
            return
        try:
            async with client.stream_content(video_id, VARIANT) as stream:
                if stream.mismatch is not None:  # judged by its type: the body is never read
                    if not stream.media_type.startswith("video/"):  # a one-off: not remembered
                        self._thumbnail_result(video_id, reason=stream.mismatch)
                        return
                    self._no_thumbnails(client.base_url, stream.mismatch)
                    self._thumbnail_result(video_id, reason=NOT_SERVED)
                    return
                data = b"".join([chunk async for chunk in stream.aiter_bytes()])
        except ApiError as error:
            self._thumbnail_result(video_id, reason=str(error))
            return
        if not data:
            self._thumbnail_result(video_id, reason="the server sent an empty body")
            return
        width = self.pane.fields.text_width if self.thumbnail.draws_lines else None
        try:  # decoded and drawn off the loop: 5-10 ms of Python, and the first imports
            prepared = await asyncio.to_thread(_prepared, data, width)
        except ValueError as error:
            self._thumbnail_result(video_id, reason=str(error))
            return
        self.thumbnail_cache.set(video_id, prepared)
        self._thumbnail_result(video_id, prepared=prepared)

    def _thumbnail_result(
        self, video_id: str, *, prepared: Prepared | None = None, reason: str = ""
    ) -> None:
        thumbnail = self.thumbnail
        if not self.thumbnails_on or thumbnail.video_id != video_id:
            return  # the cursor moved on, or thumbnails were turned off meanwhile
        if prepared is not None:
            thumbnail.show_picture(video_id, prepared)
        else:
            thumbnail.show_reason(video_id, reason)

    def _cursor_video(self) -> Video | None:
        video_id = self.dashboard.table.cursor_id
        return self.dashboard.store.get(video_id) if video_id else None

    # --- events --------------------------------------------------------------------------------

    def on_video_table_highlighted(self, message: VideoTable.Highlighted) -> None:
        store = self.dashboard.store
        self.update_thumbnail(store.get(message.video_id) if message.video_id else None)

    def on_feed_changed(self, message: FeedChanged) -> None:
        cursor = self.dashboard.table.cursor_id
        change = message.change
        if cursor is not None and (cursor in change.changed or cursor in change.removed):
            self.update_thumbnail(self.dashboard.store.get(cursor))  # e.g. it just completed

    # --- actions -------------------------------------------------------------------------------

    def do_toggle_thumbnails(self) -> None:
        self.thumbnails_on = not self.thumbnails_on
        self.update_thumbnail(self._cursor_video())
        self.dashboard.toast(
            "Thumbnails on" if self.thumbnails_on else "Thumbnails off", timeout=1.5
        )

    def commands(self) -> Iterable[SystemCommand]:
        state = "off" if self.thumbnails_on else "on"
        yield SystemCommand(
            f"Thumbnails: turn {state}",
            "Show or hide the picture of a completed job in the detail pane (t)",
            self.do_toggle_thumbnails,
        )


def _prepared(data: bytes, width: int | None) -> Prepared:
    """In a thread: the image stack loaded (the first time), then the picture prepared."""
    load_image_stack()
    return prepare(data, width=width)
