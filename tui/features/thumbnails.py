"""See the result: the highlighted job's thumbnail in the detail pane (key ``t`` toggles it).

Fetched only for a completed job whose content has not expired, in a worker, after the cursor has
rested for a moment (moving fast through the list fetches nothing), and kept in a small LRU cache
per id. A failed fetch leaves one line saying why; it is tried again when the job is highlighted
again, never in a loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import ClassVar, Final

from textual import on, work
from textual.app import SystemCommand
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.screen import Screen

from tui import clock
from tui.api.errors import ApiError
from tui.api.models import COMPLETED, Video
from tui.dashboard import DashboardApp, FeedChanged
from tui.text import inert
from tui.widgets.detail_pane import DetailPane
from tui.widgets.thumbnail import Thumbnail
from tui.widgets.video_table import VideoTable

VARIANT: Final = "thumbnail"
NOT_SERVED: Final = "none from this server"  # short: the pane's note is one line


def wants_thumbnail(video: Video, now: float) -> bool:
    """A thumbnail can exist: the job completed and its content has not expired."""
    expires = video.expires_at
    return video.status == COMPLETED and (expires is None or expires > now)


class ThumbnailsFeature(DashboardApp):
    """Pictures of completed jobs in the detail pane."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "toggle_thumbnails", "Thumbnails", id="toggle_thumbnails"),
    ]
    THUMBNAIL_DEBOUNCE: ClassVar[float] = 0.25  # seconds the cursor rests before a fetch
    THUMBNAIL_CACHE: ClassVar[int] = 32  # ids; a thumbnail is 5-20 kB

    thumbnails_on: bool = True
    _thumbnail_cache: LRUCache[str, bytes] | None = None
    _no_thumbnails_from: str | None = None  # the base URL of a server that sent no picture

    @property
    def thumbnail_cache(self) -> LRUCache[str, bytes]:
        """Recent thumbnails by job id (made on first use: mixins keep out of ``__init__``)."""
        if self._thumbnail_cache is None:
            self._thumbnail_cache = LRUCache(self.THUMBNAIL_CACHE)
        return self._thumbnail_cache

    # --- what is on show ---------------------------------------------------------------------

    @property
    def thumbnail(self) -> Thumbnail:
        # The dashboard's screen, not the current one: a dialog or help may be on top.
        return self.dashboard_screen.query_one(DetailPane).thumbnail

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
            thumbnail.show_image(video.id, cached)
            return
        if self._serves_no_thumbnails():
            self._stop_thumbnail()
            thumbnail.show_reason(video.id, NOT_SERVED)
            return
        thumbnail.show_loading(video.id)
        self.fetch_thumbnail(video.id)

    def _serves_no_thumbnails(self) -> bool:
        client = self.client
        return client is not None and client.base_url == self._no_thumbnails_from

    def _no_thumbnails(self, base_url: str, why: str) -> None:
        """Remember that this server sends no pictures, and say so once (not on every row)."""
        if self._no_thumbnails_from == base_url:
            return
        self._no_thumbnails_from = base_url
        self.notify(
            inert(why[:1].upper() + why[1:] + "."),
            title="Thumbnails",
            severity="warning",
            timeout=8,
            markup=False,
        )

    def _stop_thumbnail(self) -> None:
        self.workers.cancel_group(self, "thumbnail")
        self.thumbnail.clear()

    @work(exclusive=True, group="thumbnail", exit_on_error=False)
    async def fetch_thumbnail(self, video_id: str) -> None:
        """Wait for the cursor to rest, fetch, cache, then show (if the job is still highlighted)."""
        # The debounce: a newer highlight cancels this (exclusive) worker before it fetches.
        await asyncio.sleep(self.THUMBNAIL_DEBOUNCE)
        client = self.client
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
        self.thumbnail_cache.set(video_id, data)
        self._thumbnail_result(video_id, data=data)

    def _thumbnail_result(
        self, video_id: str, *, data: bytes | None = None, reason: str = ""
    ) -> None:
        thumbnail = self.thumbnail
        if not self.thumbnails_on or thumbnail.video_id != video_id:
            return  # the cursor moved on, or thumbnails were turned off meanwhile
        if data is not None:
            thumbnail.show_image(video_id, data)
        else:
            thumbnail.show_reason(video_id, reason)

    def _cursor_video(self) -> Video | None:
        video_id = self.table.cursor_id
        return self.store.get(video_id) if video_id else None

    # --- events --------------------------------------------------------------------------------

    @on(VideoTable.Highlighted)
    def _thumbnail_follows_cursor(self, message: VideoTable.Highlighted) -> None:
        if not self.screen_stack:  # shutting down: the screens are gone
            return
        self.update_thumbnail(self.store.get(message.video_id) if message.video_id else None)

    def on_feed_changed(self, message: FeedChanged) -> None:
        cursor = self.table.cursor_id
        change = message.change
        if cursor is not None and (cursor in change.changed or cursor in change.removed):
            self.update_thumbnail(self.store.get(cursor))  # e.g. the job just completed

    # --- actions -------------------------------------------------------------------------------

    def action_toggle_thumbnails(self) -> None:
        self.thumbnails_on = not self.thumbnails_on
        self.update_thumbnail(self._cursor_video())
        self.notify("Thumbnails on" if self.thumbnails_on else "Thumbnails off", timeout=1.5)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        state = "off" if self.thumbnails_on else "on"
        yield SystemCommand(
            f"Thumbnails: turn {state}",
            "Show or hide the picture of a completed job in the detail pane (t)",
            self.action_toggle_thumbnails,
        )
