"""Reconcile: after each head page, bring the loaded jobs below it in line with the server.

* **Gap walks.** When the head page does not reach below the second of the newest job loaded
  before it (more jobs were created than fit a page since the last tick), the jobs between are
  a *gap*: (cursor, floor second). Jobs of one second sort by id, so a new one can land below a
  known one: a gap closes on a page reaching below its floor second, not on the first known id.
  Gaps are walked newest first, at most ``max_head_pages`` pages a tick; an unfinished walk
  resumes at the next tick, so no gap is left.
* **The sweep.** A finished job deeper down, deleted (or changed) by someone else, is never
  re-listed by the head or retrieved. So every ``reconcile_every`` seconds, once no gap is open,
  a sweep re-lists the loaded range below the head page, ``reconcile_pages`` pages a tick, from
  the head page's last job down to the oldest loaded job; each page drops the loaded jobs its
  range proves gone (`tui.feed.ranges`). If the sweep's cursor job vanishes, it starts over.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from tui.api.models import Video, VideoList
from tui.feed.fetch import Fetcher
from tui.feed.policy import PollPolicy
from tui.feed.ranges import (
    ids_within,
    ignores_cursor,
    is_last_page,
    key_of,
    merge_page,
    merge_range,
    reaches,
)
from tui.feed.store import SortKey, StoreChange, sort_key

Gap = tuple[str, int]  # (cursor, floor second): jobs at or after the floor may be unlisted below


class Reconciler:
    """Gap walks and the sweep, a bounded number of pages a tick (see the module docstring)."""

    def __init__(
        self, fetcher: Fetcher, policy: PollPolicy, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._fetcher = fetcher
        self._policy = policy
        self._clock = clock
        self._gaps: list[Gap] = []  # newest last: walked first
        self._sweep_cursor_job: Video | None = None  # None: no sweep under way
        self._sweep_due: float | None = None  # clock() time the next sweep may start

    def note_head(self, head: VideoList, newest_second: int, *, brought_new: bool) -> None:
        """A head page fetched after the newest loaded job was created at ``newest_second``;
        ``brought_new``: it held jobs that were not loaded.

        When the head does not reach below that second, jobs of it (or newer) may be unlisted
        below the head: a gap to walk. A head of known jobs only adds no second gap of the
        same second, though: when more than a page of jobs share one second, each tick would
        add another and the newest gap, walked first, would starve the older ones forever."""
        if not head.next_cursor or reaches(head, newest_second):
            return
        if not brought_new and any(floor == newest_second for _cursor, floor in self._gaps):
            return
        self._gaps.append((head.next_cursor, newest_second))

    async def after_head(self, head: VideoList, *, paged_to_end: bool) -> set[str]:
        """Walk the gaps, then (none left open) the sweep. Returns the ids the pages listed."""
        seen = await self._walk_gaps()
        if not self._gaps:  # a gap still open: the sweep waits until it is closed
            seen |= await self._sweep(head, paged_to_end=paged_to_end)
        return seen

    # --- gaps ----------------------------------------------------------------------------

    async def _walk_gaps(self) -> set[str]:
        fetcher, store = self._fetcher, self._fetcher.store
        limit = self._policy.page_size
        seen: set[str] = set()
        budget = self._policy.max_head_pages
        while self._gaps and budget > 0:
            cursor, floor = self._gaps[-1]
            budget -= 1
            cursor_key = key_of(store, cursor)
            page = await fetcher.page_after(cursor, limit)
            if page is None:  # the cursor job vanished: go on from the next loaded job above it
                above = ids_within(store, cursor_key, None, inclusive=True) if cursor_key else []
                above = [i for i in above if i != cursor]  # a refused cursor may still be loaded
                if above:
                    self._gaps[-1] = (above[-1], floor)
                else:
                    self._gaps.pop()
                continue
            seen.update(video.id for video in page.data)
            fetcher.emit(merge_page(store, page, limit=limit, cursor_key=cursor_key, top=False))
            next_cursor = page.next_cursor
            if next_cursor is None or next_cursor == cursor or reaches(page, floor):
                self._gaps.pop()
            else:
                self._gaps[-1] = (next_cursor, floor)
        return seen

    # --- the sweep -----------------------------------------------------------------------

    async def _sweep(self, head: VideoList, *, paged_to_end: bool) -> set[str]:
        fetcher, store = self._fetcher, self._fetcher.store
        limit = self._policy.page_size
        seen: set[str] = set()
        now = self._clock()
        if self._sweep_cursor_job is None:
            if self._sweep_due is None:
                self._sweep_due = now + self._policy.reconcile_every
            if now < self._sweep_due or head.next_cursor is None or not head.data:
                return seen
            self._sweep_cursor_job = head.data[-1]
        for _ in range(self._policy.reconcile_pages):
            start = self._sweep_cursor_job
            oldest_key = key_of(store, store.oldest_id())
            if start is None or oldest_key is None or sort_key(start) <= oldest_key:
                self._end_sweep()
                break
            page = await fetcher.page_after(start.id, limit)
            if page is None:  # its cursor job vanished: start over at the next tick
                self._sweep_cursor_job, self._sweep_due = None, now
                break
            seen.update(video.id for video in page.data)
            fetcher.emit(self._merge_swept(page, sort_key(start), oldest_key, paged_to_end))
            ignored = ignores_cursor(page, start.id, sort_key(start))
            if ignored or is_last_page(page, limit) or page.next_cursor is None:
                self._end_sweep()
                break
            self._sweep_cursor_job = page.data[-1]
        return seen

    def _merge_swept(
        self, page: VideoList, cursor_key: SortKey, oldest: SortKey, paged_to_end: bool
    ) -> StoreChange:
        """Merge a sweep page, nothing below what the user has paged to, and drop the vanished."""
        keys = [sort_key(video) for video in page.data]
        lower = None if is_last_page(page, self._policy.page_size) else min(keys)
        if not paged_to_end:
            lower = oldest if lower is None else max(lower, oldest)
        data = [video for video in page.data if lower is None or sort_key(video) >= lower]
        return merge_range(self._fetcher.store, data, lower, cursor_key, inclusive=False)

    def _end_sweep(self) -> None:
        self._sweep_cursor_job = None
        self._sweep_due = self._clock() + self._policy.reconcile_every
