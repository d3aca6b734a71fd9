"""Shared bits for the feed tests: condition waits, a running poller, a scriptable fake client."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

from tests.waiting import wait_until
from tui.api.client import VideosClient
from tui.api.models import Video, VideoList
from tui.feed.fetch import FeedClient
from tui.feed.policy import PollPolicy
from tui.feed.poller import FeedReport, Poller
from tui.feed.store import StoreChange, VideoStore

wait_for = wait_until  # the feed tests call it wait_for


@dataclass
class Feed:
    poller: Poller
    store: VideoStore
    changes: list[StoreChange] = field(default_factory=list)
    reports: list[FeedReport] = field(default_factory=list)

    # Called with each change as the poller reports it (inside its turn), if set.
    then: Callable[[StoreChange], None] | None = None

    def changed(self, change: StoreChange) -> None:
        self.changes.append(change)
        if self.then is not None:
            self.then(change)

    @property
    def report(self) -> FeedReport:
        return self.reports[-1]

    def added(self) -> set[str]:
        return {i for change in self.changes for i in change.added}

    def removed(self) -> set[str]:
        return {i for change in self.changes for i in change.removed}

    def ticks(self) -> int:
        """Statuses published so far: at least one per finished tick."""
        return len(self.reports)


@contextlib.asynccontextmanager
async def running(
    client: FeedClient, *, wall: Callable[[], float] = time.time, **policy_fields: Any
) -> AsyncIterator[Feed]:
    """A Poller running as a task (like the app's worker); cancelled on exit.

    ``policy_fields`` are PollPolicy fields; the intervals default to 0.05 s (fast tests)."""
    policy = PollPolicy(**{"fast_interval": 0.05, "slow_interval": 0.05, **policy_fields})
    store = VideoStore()
    feed = Feed(poller=None, store=store)  # type: ignore[arg-type]
    feed.poller = Poller(
        client,
        store,
        policy,
        on_change=feed.changed,
        on_report=feed.reports.append,
        wall=wall,
    )
    task = asyncio.create_task(feed.poller.run())
    await wait_for(lambda: feed.reports, what="the first status")
    try:
        yield feed
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    assert feed.report.state == "stopped"


@contextlib.asynccontextmanager
async def running_at(
    base_url: str, *, api_key: str | None = None, **policy_fields: Any
) -> AsyncIterator[Feed]:
    """`running` with a real client (no retries of its own) to the server at ``base_url``."""
    async with (
        VideosClient(base_url=base_url, api_key=api_key, max_retries=0) as client,
        running(client, **policy_fields) as feed,
    ):
        yield feed


def video(video_id: str, created_at: int, status: str = "completed") -> Video:
    return Video(id=video_id, created_at=created_at, status=status)


class FakeClient:
    """For pathological servers only: ``lister(after)`` answers each list call."""

    base_url = "http://fake.invalid/v1"

    def __init__(
        self,
        lister: Callable[[str | None], VideoList],
        retriever: Callable[[str], Video] | None = None,
    ) -> None:
        self.lister = lister
        self.retriever = retriever
        self.calls: list[tuple[str, str | None]] = []
        self.limits: list[int | None] = []  # of the list calls, in order

    async def list_videos(
        self, *, after: str | None = None, limit: int | None = None, order: str | None = None
    ) -> VideoList:
        await asyncio.sleep(0)  # ok: a real await; the call counts once its answer is in
        self.calls.append(("list", after))
        self.limits.append(limit)
        return self.lister(after)

    async def retrieve(self, video_id: str) -> Video:
        await asyncio.sleep(0)  # ok: yield once
        self.calls.append(("retrieve", video_id))
        if self.retriever is None:
            raise AssertionError("unexpected retrieve")
        return self.retriever(video_id)

    def lists_after(self) -> list[str | None]:
        return [after for kind, after in self.calls if kind == "list" and after is not None]
