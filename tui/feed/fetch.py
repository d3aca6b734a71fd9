"""The poller's requests and what they change: one place that talks to the server.

Every walk down the list (paging, gap walks, the sweep) asks for pages through `Fetcher.page_after`:
"the page after this cursor, or None when the cursor job is gone". A failed request raises
`CallFailed` (the client has already retried); the poller's loop turns that into a backoff.
Changes to the store go out through `Fetcher.emit`, which also remembers that something changed
(the schedule polls faster then).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterable
from typing import Protocol, TypeVar

from tui.api.errors import BadRequestError, NotFoundError
from tui.api.models import Video, VideoList
from tui.feed.ranges import merge_page
from tui.feed.store import StoreChange, VideoStore

_T = TypeVar("_T")


class FeedClient(Protocol):
    """What the poller needs from `tui.api.client.VideosClient`."""

    @property
    def base_url(self) -> str: ...

    async def list_videos(
        self, *, after: str | None = None, limit: int | None = None, order: str | None = None
    ) -> VideoList: ...

    async def retrieve(self, video_id: str) -> Video: ...


class CallFailed(Exception):
    """A request failed after the client's own retries; ``error`` is what it raised."""

    def __init__(self, error: Exception, *, head: bool = False) -> None:
        super().__init__(str(error))
        self.error = error
        self.head = head  # the plain list route (no cursor): a 404 there means a wrong base URL


class Fetcher:
    """Lists, retrieves and store changes, for the parts of the poller."""

    def __init__(
        self,
        client: FeedClient,
        store: VideoStore,
        on_change: Callable[[StoreChange], None],
        *,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
    ) -> None:
        self.client = client
        self.store = store
        self._on_change = on_change
        self._clock = clock
        self._wall = wall
        self.last_success: float | None = None  # wall time of the last answered request
        self.changed = False  # something changed since `changed` was last cleared
        self.head_added: frozenset[str] = frozenset()  # new jobs on the last head page
        # clock() time each in-flight job was last seen in an answer: the stalest is retrieved
        # first (`tui.feed.in_flight`). Only jobs in flight are kept: 100k finished ones need none.
        self.refreshed_at: dict[str, float] = {}

    def emit(self, change: StoreChange) -> None:
        if change.empty:
            return
        if change.added or change.changed or change.removed:  # not a recalled job confirmed
            self.changed = True
        for video_id in change.removed:
            self.refreshed_at.pop(video_id, None)
        self._on_change(change)

    async def list_page(self, cursor: str | None, limit: int) -> VideoList:
        """The page after ``cursor`` (None: the head), newest first."""
        request = self.client.list_videos(after=cursor, limit=limit, order="desc")
        page = await self._call(request, head=cursor is None)
        self._seen(page.data)
        return page

    async def head(self, limit: int) -> VideoList:
        """The head page, merged: the loaded jobs its range proves deleted leave the store."""
        page = await self.list_page(None, limit)
        change = merge_page(self.store, page, limit=limit, cursor_key=None, top=True)
        self.head_added = change.added  # jobs the head brought that were not loaded
        self.emit(change)
        return page

    async def retrieve(self, video_id: str) -> Video:
        video = await self._call(self.client.retrieve(video_id))
        self._seen((video,))
        return video

    def _seen(self, videos: Iterable[Video]) -> None:
        now, refreshed_at = self._clock(), self.refreshed_at
        for video in videos:
            if video.in_flight:
                refreshed_at[video.id] = now
            elif refreshed_at:
                refreshed_at.pop(video.id, None)

    async def page_after(
        self, cursor: str, limit: int, *, asked: Awaitable[VideoList] | None = None
    ) -> VideoList | None:
        """The page after ``cursor``, or None when the cursor job is gone (it leaves the store)
        or refused. ``asked``: that page's request, already on its way."""
        try:
            page = await (asked if asked is not None else self.list_page(cursor, limit))
        except CallFailed as failure:
            if not isinstance(failure.error, (NotFoundError, BadRequestError)):
                raise
            # A 404 for `after` names a deleted job; a 400 may mean other things: ask the job.
            if isinstance(failure.error, NotFoundError) or await self._cursor_gone(cursor):
                self.emit(self.store.remove(cursor))
            return None
        if not page.data and await self._cursor_gone(cursor):
            # Some servers (vLLM, SGLang) answer an unknown cursor with an empty page.
            self.emit(self.store.remove(cursor))
            return None
        return page

    async def _cursor_gone(self, cursor: str) -> bool:
        """Only a 404 proves the cursor job gone; any other failure is server trouble (the
        turn backs off) and never taken for the end of the list."""
        try:
            await self._call(self.client.retrieve(cursor))
        except CallFailed as failure:
            if isinstance(failure.error, NotFoundError):
                return True
            raise
        return False

    async def _call(self, awaitable: Awaitable[_T], *, head: bool = False) -> _T:
        try:
            result = await awaitable
        except asyncio.CancelledError:
            raise
        except Exception as error:  # any client failure is server trouble here
            raise CallFailed(error, head=head) from error
        self.last_success = self._wall()
        return result
