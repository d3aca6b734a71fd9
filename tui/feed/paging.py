"""Paging: the cursor walk down the list, one page when the user nears the end (`want_more`) or
every page to the end at the largest size (`load_all`, with the next page asked for while the
current one is merged), until `stop`.

The next page is asked after the envelope's ``last_id`` (the SDK's rule, ``VideoList.next_cursor``).
Paging ends (an `End`, with a kind) on ``has_more: false``, an empty page or a missing cursor, and
when a server repeats a cursor or ignores it. A cursor job that is gone (404/400 for ``after``, or
an empty page and a 404 for the job) is replaced by the oldest job still loaded; after a few lost
in a row paging restarts once from the top, which is slower but skips nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from tui.api.models import VideoList
from tui.contract import PAGE_LIMIT_MAX
from tui.feed.fetch import Fetcher
from tui.feed.prefetch import Prefetch
from tui.feed.ranges import ignores_cursor, is_last_page, key_of, merge_page

REPEATED_NOTE: Final = "server repeated a page; stopped paging"
NO_CURSOR_NOTE: Final = "server sent no cursor; stopped paging"
# Why paging ended (FeedReport.end_kind): only END_COMPLETE means every job is loaded.
END_COMPLETE: Final = "complete"  # has_more false, or an empty/short page without has_more
END_IGNORES_PAGING: Final = "ignores paging"  # a page or a cursor came again (LiteLLM)
END_NO_CURSOR: Final = "no cursor"  # a full page without a cursor (SGLang): cannot go on
END_CURSOR_LOST: Final = "cursor lost"  # cursor jobs kept vanishing
BULK_PAGE_SIZE: Final = PAGE_LIMIT_MAX  # `load_all` asks for the largest page: fewest requests
# An end note may name how many jobs are loaded: the count is filled in at each status, so
# it stays right as new jobs arrive at the top (or vanish) after the end was reached.
LOADED: Final = "{loaded}"
MAX_LOST_CURSORS: Final = 3  # vanished cursor jobs tried in a row before paging restarts at the top


@dataclass(frozen=True)
class End:
    """Why paging ended: a note for people (it may hold LOADED) and an END_* kind."""

    note: str
    kind: str

    def note_for(self, loaded: int) -> str:
        return self.note.replace(LOADED, str(loaded))


class Paging:
    """Where the walk down the list stands. Only its own methods change its attributes."""

    def __init__(
        self, fetcher: Fetcher, page_size: int, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._fetcher = fetcher
        self._page_size = page_size
        self._clock = clock
        self.started = False  # the first page is in
        self.cursor: str | None = None  # what the next page is asked after
        self._used: set[str] = set()  # cursors asked after already: one again means a cycle
        self._restarted = False  # paging restarted from the top after lost cursors
        self.wanted = False  # a page is asked for and not merged yet
        self.loading_all = False  # `load_all`: keep paging until the end (or `stop`)
        self._bulk_started: float | None = None  # clock() when `load_all` began
        self.bulk_pages = 0  # pages and jobs they added since `load_all` began
        self.bulk_jobs = 0
        self._prefetch = Prefetch()
        self.end: End | None = None

    # --- what the user asks for ----------------------------------------------------------

    def want_more(self) -> bool:
        """Ask for the next page; False (nothing asked) while one is pending or at the end."""
        if self.end is not None or self.wanted:
            return False
        self.wanted = True
        return True

    def load_all(self) -> bool:
        """Ask for every remaining page; False at the end."""
        if self.end is not None:
            return False
        if not self.loading_all:
            self.loading_all = True
            self._bulk_started = self._clock()
            self.bulk_pages = self.bulk_jobs = 0
        self.wanted = True
        return True

    def stop(self) -> bool:
        """Ask for no further page (one already on its way is still merged). True when paging
        was under way."""
        busy = self.wanted or self.loading_all
        self.wanted = self.loading_all = False
        self._prefetch.drop()
        return busy

    def drop_prefetch(self) -> None:
        self._prefetch.drop()

    @property
    def bulk_seconds(self) -> float:
        started = self._bulk_started
        return 0.0 if started is None else self._clock() - started

    def reopen(self, cursor: str) -> None:
        """Paging is possible again: the list was empty at start and has grown past a page."""
        self.end = None
        self.cursor = cursor
        self._used.add(cursor)

    # --- the walk ------------------------------------------------------------------------

    async def load_first(self) -> None:
        page = await self._fetcher.head(self._page_size)
        self.started = True
        self._advance(page, None, self._page_size)

    async def load_page(self) -> bool:
        """Load the page after the cursor. True when a page was merged (False: paging ended)."""
        cursor = self.cursor
        if cursor is None:
            self._finish(NO_CURSOR_NOTE, END_NO_CURSOR)
            return False
        bulk = self.loading_all
        limit = BULK_PAGE_SIZE if bulk else self._page_size
        fetcher, store = self._fetcher, self._fetcher.store
        tried: set[str] = set()
        page = await self._page_after(cursor, limit, bulk=bulk)
        while page is None:  # the cursor job is gone (or refused): page on from another one
            tried.add(cursor)
            cursor = self._fallback_cursor(tried)
            if cursor is None:
                if self._restarted:
                    self._finish("paging cursor lost again; stopped paging", END_CURSOR_LOST)
                    return False
                # From the top: slower (loaded pages come again) but nothing is skipped.
                self._restarted = True
                self._used.clear()
                page = await fetcher.list_page(None, limit)
                break
            page = await self._page_after(cursor, limit, bulk=bulk)
        if not tried:
            self._restarted = False
        cursor_key = key_of(store, cursor)
        if (
            cursor is not None
            and cursor_key is not None
            and ignores_cursor(page, cursor, cursor_key)
        ):
            self._finish(REPEATED_NOTE, END_IGNORES_PAGING)
        else:
            self._advance(page, cursor, limit)
        if self.loading_all and self.cursor is not None:
            self._prefetch.start(fetcher, self.cursor, BULK_PAGE_SIZE)
            await self._prefetch.on_its_way()  # then this page is merged while it is answered
        change = merge_page(store, page, limit=limit, cursor_key=cursor_key, top=cursor is None)
        if bulk:
            self.bulk_pages += 1
            self.bulk_jobs += len(change.added)
        # Decided before the change goes out: a listener may ask for another page at once.
        self.wanted = self.loading_all and self.end is None
        if self.end is not None:
            self.loading_all = False
        fetcher.emit(change)
        return True

    async def _page_after(self, cursor: str, limit: int, *, bulk: bool) -> VideoList | None:
        # Only `load_all` prefetches, at its own size: any other page drops what is on its way.
        asked = self._prefetch.take(cursor) if bulk else None
        if not bulk:
            self._prefetch.drop()
        return await self._fetcher.page_after(cursor, limit, asked=asked)

    def _fallback_cursor(self, tried: set[str]) -> str | None:
        """The oldest loaded job not tried yet, or None after a few lost cursors in a row."""
        if len(tried) >= MAX_LOST_CURSORS:
            return None
        ordered = self._fetcher.store.ordered_ids()
        return next((i for i in reversed(ordered) if i not in tried), None)

    def _advance(self, page: VideoList, cursor: str | None, limit: int) -> None:
        next_cursor = page.next_cursor
        if next_cursor is None:
            self._finish(*self._why_no_cursor(page, limit))
        elif next_cursor == cursor or next_cursor in self._used:
            self._finish(REPEATED_NOTE, END_IGNORES_PAGING)
        else:
            self.cursor = next_cursor
            self._used.add(next_cursor)

    @staticmethod
    def _why_no_cursor(page: VideoList, limit: int) -> tuple[str, str]:
        """Why a page without a next cursor ends paging: (note, END_* kind)."""
        if is_last_page(page, limit):
            return f"end of list: all {LOADED} jobs loaded", END_COMPLETE
        if page.has_more is None and page.last_id is None:
            note = f"server does not page (no cursor); showing the first {LOADED} jobs"
            return note, END_NO_CURSOR
        return NO_CURSOR_NOTE, END_NO_CURSOR

    def _finish(self, note: str, kind: str) -> None:
        self.end = End(note, kind)
        self.wanted = self.loading_all = False
        self.cursor = None
