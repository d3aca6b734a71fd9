"""Loading to the end (`load_all`), stopping it, why paging ended, and `r` while paused."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

import pytest

from tests.feed.feed_helpers import FakeClient, running, running_at, video, wait_for
from tui.api.client import VideosClient
from tui.api.models import VideoList
from tui.emulator import EmulatorServer
from tui.feed.paging import (
    BULK_PAGE_SIZE,
    END_COMPLETE,
    END_IGNORES_PAGING,
    END_NO_CURSOR,
    REPEATED_NOTE,
)
from tui.feed.store import StoreChange

LIST = "/v1/videos"


@pytest.fixture
async def client(emulator: EmulatorServer) -> AsyncIterator[VideosClient]:
    async with VideosClient(base_url=emulator.base_url, max_retries=0, timeout=5.0) as made:
        yield made


def paged_limits(server: EmulatorServer) -> list[str]:
    return [
        r.query.get("limit", "")
        for r in list(server.requests)
        if r.method == "GET" and r.path == LIST and "after" in r.query
    ]


async def test_load_all_reaches_the_oldest_job_in_large_pages(
    make_emulator: Callable[..., EmulatorServer],
) -> None:
    server = make_emulator(jobs=2000, manual_clock=True)
    oldest = server.world.snapshot()[-1]["id"]
    async with running_at(server.base_url, slow_interval=30, fast_interval=30) as feed:
        await wait_for(lambda: feed.report.loaded >= 50, what="the first page")
        feed.poller.load_all()
        assert feed.report.loading_all
        await wait_for(lambda: feed.report.end_reached, timeout=30, what="the end")
        status = feed.report
        assert status.loaded == 2000 and status.complete and status.end_kind == END_COMPLETE
        assert feed.store.ordered_ids()[-1] == oldest
        assert not status.loading_all and not status.loading_page
        # 1,950 jobs after the first 50, at the largest page size: 20 pages (the last short).
        assert set(paged_limits(server)) == {str(BULK_PAGE_SIZE)}
        assert status.bulk_pages == 20 and status.bulk_jobs == 1950
        assert len(feed.added()) == 2000  # each job added once


async def test_stop_loading_stops_after_the_page_on_its_way(
    make_emulator: Callable[..., EmulatorServer],
) -> None:
    server = make_emulator(jobs=3000, manual_clock=True)
    async with running_at(server.base_url, slow_interval=30, fast_interval=30) as feed:
        await wait_for(lambda: feed.report.loaded >= 50, what="the first page")
        feed.poller.load_all()
        await wait_for(lambda: feed.report.bulk_pages >= 2, what="two pages")
        assert feed.poller.stop_loading()
        asked = len(paged_limits(server))
        await wait_for(lambda: not feed.report.loading_page, what="paging to stop")
        loaded = feed.report.loaded
        assert len(paged_limits(server)) <= asked + 1  # at most the page already asked for
        assert not feed.report.end_reached and feed.report.end_kind is None
        assert loaded < 3000
        assert not feed.poller.stop_loading()  # nothing under way any more


async def test_r_while_paused_fetches_once(emulator: EmulatorServer, client: VideosClient) -> None:
    async with running(client) as feed:
        await wait_for(lambda: feed.report.loaded >= 50, what="the first page")
        feed.poller.set_paused(True)
        await wait_for(lambda: feed.report.state == "paused")
        emulator.world.create("made while paused")
        feed.poller.refresh_now()
        await wait_for(lambda: feed.report.loaded == 51, what="the one fetch")
        asked = len(emulator.requests)
        await asyncio.sleep(0.3)  # ok: absence over six fast intervals
        assert len(emulator.requests) == asked  # the one fetch, then nothing more
        assert feed.report.state == "paused"


def _repeating(after: str | None) -> VideoList:
    world = [video(f"v{n:02d}", 1000 - n) for n in range(3)]
    return VideoList(data=world, has_more=True, last_id="v02")  # `after` ignored: page 1 again


async def test_a_repeated_page_is_not_the_end_of_the_list() -> None:
    async with running(FakeClient(_repeating), page_size=3) as feed:
        await wait_for(lambda: feed.report.loaded == 3)
        feed.poller.load_all()
        await wait_for(lambda: feed.report.end_reached)
        assert feed.report.end_kind == END_IGNORES_PAGING and not feed.report.complete
        assert feed.report.end_note == REPEATED_NOTE and not feed.report.loading_all


def _shifted(after: str | None) -> VideoList:
    """Ignores `after`, and a new job has arrived meanwhile: page 1 again, shifted by one."""
    if after is None:
        data = [video(f"v{n:02d}", 1000 - n) for n in range(3)]
    else:
        data = [video("new", 2000)] + [video(f"v{n:02d}", 1000 - n) for n in range(2)]
    return VideoList(data=data, has_more=True, last_id=data[-1].id)


async def test_a_page_after_a_cursor_with_newer_jobs_means_the_cursor_is_ignored() -> None:
    fake = FakeClient(_shifted)
    async with running(fake, page_size=3) as feed:
        await wait_for(lambda: feed.report.loaded == 3)
        feed.poller.want_more()
        await wait_for(lambda: feed.report.end_reached)
        assert feed.report.end_kind == END_IGNORES_PAGING
        assert fake.lists_after() == ["v02"]  # stopped at once, not after another round


@pytest.mark.parametrize(
    ("jobs", "kind", "complete"), [(30, END_COMPLETE, True), (120, END_NO_CURSOR, False)]
)
async def test_a_page_without_paging_fields_is_complete_only_when_short(
    make_emulator: Callable[..., EmulatorServer], jobs: int, kind: str, complete: bool
) -> None:
    server = make_emulator(jobs=jobs, manual_clock=True, flavour="sglang")
    async with running_at(server.base_url) as feed:
        await wait_for(lambda: feed.report.end_reached)
        assert feed.report.loaded == min(jobs, 50)
        assert feed.report.end_kind == kind and feed.report.complete == complete


SAME_SECOND = [video(f"v{n}", 1000) for n in range(6)]  # ids rising: not the emulator's order


def _insertion_order(after: str | None) -> VideoList:
    """A server that orders one second's jobs as they were made (the API only promises the
    order by created time), not by id."""
    ids = [v.id for v in SAME_SECOND]
    start = 0 if after is None else ids.index(after) + 1
    data = SAME_SECOND[start : start + 2]
    return VideoList(data=data, has_more=start + 2 < len(ids), last_id=data[-1].id)


async def test_jobs_of_one_second_in_any_order_are_not_a_repeated_page() -> None:
    fake = FakeClient(_insertion_order)
    async with running(fake, page_size=2) as feed:
        await wait_for(lambda: feed.report.loaded == 2)
        feed.poller.load_all()
        await wait_for(lambda: feed.report.end_reached)
        assert feed.report.complete  # not "server ignores paging"
        assert feed.added() == {v.id for v in SAME_SECOND}  # every page was asked for
        assert fake.lists_after()[:2] == ["v1", "v3"]


async def test_a_page_fetched_ahead_is_dropped_when_polling_pauses() -> None:
    world = [video(f"j{n}", 1000 - n) for n in range(8)]  # j0 newest

    def lister(after: str | None) -> VideoList:  # two jobs a page, as the world is now
        ids = [v.id for v in world]
        start = 0 if after is None else ids.index(after) + 1
        data = world[start : start + 2]
        return VideoList(data=data, has_more=start + 2 < len(world), last_id=data[-1].id)

    async with running(FakeClient(lister), page_size=2, slow_interval=30) as feed:
        await wait_for(lambda: feed.report.loaded == 2, what="the first page")
        pages = 0

        def pause_after_two_pages(change: StoreChange) -> None:
            # Inside the turn: page j2-j3 merged, the page j4-j5 already asked for ahead.
            nonlocal pages
            pages += 1
            if pages == 2:
                feed.poller.set_paused(True)

        feed.then = pause_after_two_pages
        feed.poller.load_all()
        await wait_for(lambda: feed.report.state == "paused", what="the pause")
        feed.then = None
        assert feed.report.loaded == 6
        del world[6]  # j6: deleted while paused, but on any page fetched before
        feed.poller.set_paused(False)
        await wait_for(lambda: feed.report.end_reached, what="the end")
        assert list(feed.store.ordered_ids()) == [v.id for v in world]
