"""Refreshing in-flight jobs below the head: a budget a tick, stalest first, 404 removes."""

from __future__ import annotations

from tests.feed.feed_helpers import FakeClient, video
from tui.api.errors import NotFoundError
from tui.api.models import Video, VideoList
from tui.feed.fetch import Fetcher
from tui.feed.in_flight import refresh_in_flight
from tui.feed.store import StoreChange, VideoStore

RUNNING = [video(f"r{n}", 100 - n, status="in_progress") for n in range(4)]


def no_list(cursor: str | None) -> VideoList:
    raise AssertionError("no list expected")


def retriever(video_id: str) -> Video:
    if video_id == "r3":
        raise NotFoundError("No video found", status=404)
    return video(video_id, 100 - int(video_id[1:]), status="completed")


def made() -> tuple[Fetcher, FakeClient, list[StoreChange]]:
    client = FakeClient(no_list, retriever)
    changes: list[StoreChange] = []
    store = VideoStore([*RUNNING, video("done", 1)])
    return Fetcher(client, store, changes.append, clock=lambda: 5.0), client, changes


async def test_the_stalest_in_flight_jobs_not_seen_are_retrieved_within_the_budget() -> None:
    fetcher, client, changes = made()
    fetcher.refreshed_at.update({"r0": 1.0, "r1": 4.0, "r2": 2.0})  # r3 never refreshed
    await refresh_in_flight(fetcher, seen={"r0"}, budget=2)
    assert client.calls == [("retrieve", "r3"), ("retrieve", "r2")]
    assert "r3" not in fetcher.store  # 404: deleted on the server
    assert changes == [StoreChange(changed=frozenset({"r2"}), removed=frozenset({"r3"}))]
    assert "r2" not in fetcher.refreshed_at  # retrieved finished: no longer tracked


async def test_nothing_in_flight_asks_nothing() -> None:
    fetcher, client, changes = made()
    await refresh_in_flight(fetcher, seen={v.id for v in RUNNING}, budget=10)
    assert client.calls == [] and changes == []
