"""Read jobs for a command: one page, or every page by the SDK's cursor rule."""

from __future__ import annotations

from collections.abc import Collection

from tui.api.client import VideosClient
from tui.api.models import Video


class PagingLoop(Exception):
    """The server handed back a cursor it had already given: following it would never end."""


async def fetch_videos(
    client: VideosClient,
    *,
    every_page: bool,
    limit: int,
    order: str | None,
    statuses: Collection[str] = (),
) -> list[Video]:
    """Jobs in server order, each once; ``statuses`` filters after fetching (the API cannot)."""
    videos: dict[str, Video] = {}
    cursor: str | None = None
    used: set[str] = set()
    while True:
        page = await client.list_videos(after=cursor, limit=limit, order=order)
        for video in page.data:
            videos.setdefault(video.id, video)
        cursor = page.next_cursor
        if not every_page or cursor is None:
            break
        if cursor in used:
            raise PagingLoop(f"the server repeated the cursor {cursor!r}; stopped paging")
        used.add(cursor)
    wanted = set(statuses)
    return [video for video in videos.values() if not wanted or video.status in wanted]
