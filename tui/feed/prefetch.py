"""The next page asked for before anyone wants it: `load_all` sends the request for the page
after the new cursor while the page just in is merged (and painted), so the two overlap.
"""

from __future__ import annotations

import asyncio

from tui.api.models import VideoList
from tui.feed.fetch import Fetcher


class Prefetch:
    """The request for the page after one cursor, sent before anyone asks for it."""

    def __init__(self) -> None:
        self._ahead: tuple[str, asyncio.Task[VideoList]] | None = None

    def start(self, fetcher: Fetcher, cursor: str, limit: int) -> None:
        self.drop()
        self._ahead = (cursor, asyncio.ensure_future(fetcher.list_page(cursor, limit)))

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
