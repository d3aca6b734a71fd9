"""The next page asked for before anyone wants it: `load_all` sends the request for the page
after the new cursor, waits until it is on the wire (`on_its_way`), and merges (and paints) the
page just in while the server works on the next one, so the two overlap.
"""

from __future__ import annotations

import asyncio

from tui.api.models import VideoList
from tui.api.request_written import REQUEST_WRITTEN
from tui.feed.fetch import Fetcher


class Prefetch:
    """The request for the page after one cursor, sent before anyone asks for it."""

    def __init__(self) -> None:
        self._ahead: tuple[str, asyncio.Task[VideoList], asyncio.Future[None]] | None = None

    def start(self, fetcher: Fetcher, cursor: str, limit: int) -> None:
        self.drop()
        written: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        task = asyncio.ensure_future(_ask(fetcher, cursor, limit, written))
        self._ahead = (cursor, task, written)

    async def on_its_way(self) -> None:
        """Until the request started last is written (or answered, failed or dropped)."""
        if self._ahead is None:
            return
        _, task, written = self._ahead
        if not (task.done() or written.done()):
            await asyncio.wait((task, written), return_when=asyncio.FIRST_COMPLETED)

    def take(self, cursor: str) -> asyncio.Task[VideoList] | None:
        """The request for the page after ``cursor``, if that is the one on its way."""
        ahead = self._ahead
        if ahead is None or ahead[0] != cursor:
            self.drop()
            return None
        self._ahead = None
        return ahead[1]

    def drop(self) -> None:
        if self._ahead is None:
            return
        task = self._ahead[1]
        self._ahead = None
        if task.done():
            if not task.cancelled():
                task.exception()  # retrieved: a failure of a page nobody wants is no news
        else:
            task.cancel()


async def _ask(
    fetcher: Fetcher, cursor: str, limit: int, written: asyncio.Future[None]
) -> VideoList:
    def signal() -> None:
        if not written.done():
            written.set_result(None)

    REQUEST_WRITTEN.set(signal)  # in this task's own context: only its requests signal
    return await fetcher.list_page(cursor, limit)
