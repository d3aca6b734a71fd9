"""Read jobs for a command: one page, or every page by the SDK's cursor rule (API.md §3).

A server that ignores paging (LiteLLM drops `limit`, `after` and `order`, §8) answers every
cursor with its first page again, and following it would never end: the walk stops there and
says why. A server without `has_more` or a cursor (SGLang) simply ends after its page.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Collection
from dataclasses import dataclass

from tui.api.client import VideosClient
from tui.api.models import Video, VideoList


class Pager:
    """A walk through the list: each job once, in server order, with the reason it stopped
    short (``stopped``) when the server repeated itself instead of paging."""

    def __init__(self, client: VideosClient, *, limit: int | None, order: str | None) -> None:
        self.client = client
        self.limit = limit
        self.order = order
        self.videos: dict[str, Video] = {}
        self.stopped: str | None = None

    async def pages(self, *, every_page: bool = True) -> AsyncGenerator[list[Video]]:
        """The jobs each page adds (never one seen before)."""
        cursor: str | None = None
        followed: set[str] = set()
        first: list[str] = []
        while True:
            page = await self.client.list_videos(after=cursor, limit=self.limit, order=self.order)
            ids = [video.id for video in page.data]
            fresh = [video for video in page.data if video.id not in self.videos]
            for video in fresh:
                self.videos.setdefault(video.id, video)
            first = first or ids
            yield fresh
            following = page.next_cursor
            full = self.limit is not None and unpaged_full_page(page, self.limit)
            if every_page and following is None and full:
                self.stopped = "server does not page (a full page and no cursor)"
                return
            if not every_page or following is None:
                return
            if cursor is not None and not fresh:
                what = "the first page" if ids == first else "jobs it had already sent"
                self.stopped = f"server ignores paging (page after {cursor} repeated {what})"
                return
            if following in followed:
                self.stopped = (
                    f"server ignores paging (it handed back the cursor {following} again)"
                )
                return
            followed.add(following)
            cursor = following


def unpaged_full_page(page: VideoList, limit: int) -> bool:
    """A page as long as asked for, from a server that sends no paging keys (SGLang): more
    jobs may be there, and no way to ask for them."""
    return page.has_more is None and page.last_id is None and len(page.data) >= limit


@dataclass(frozen=True)
class Fetched:
    videos: list[Video]  # in server order, each once, filtered
    fetched: int  # jobs read before filtering
    stopped: str | None  # why paging stopped before the server's end, None when it did not
    seen: list[Video]  # every job read, before filtering (what the history records)


async def fetch_videos(
    client: VideosClient,
    *,
    every_page: bool,
    limit: int,
    order: str | None,
    statuses: Collection[str] = (),
) -> Fetched:
    """Jobs in server order, each once; ``statuses`` filters after fetching (the API cannot)."""
    pager = Pager(client, limit=limit, order=order)
    async for _ in pager.pages(every_page=every_page):
        pass
    wanted = set(statuses)
    videos = [video for video in pager.videos.values() if not wanted or video.status in wanted]
    return Fetched(videos, len(pager.videos), pager.stopped, list(pager.videos.values()))
