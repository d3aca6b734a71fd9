"""Paging on its own: the cursor walk, why it ends, lost cursors, `load_all` and its prefetch."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from tests.feed.feed_helpers import FakeClient, video
from tui.api.client import VideosClient
from tui.api.errors import BadRequestError, NotFoundError
from tui.api.models import Video, VideoList
from tui.emulator import EmulatorServer
from tui.emulator.faults import Fault
from tui.feed.fetch import Fetcher
from tui.feed.paging import (
    BULK_PAGE_SIZE,
    END_COMPLETE,
    END_CURSOR_LOST,
    END_IGNORES_PAGING,
    END_NO_CURSOR,
    REPEATED_NOTE,
    Paging,
)
from tui.feed.store import VideoStore

PAGE = 3
WORLD = [video(f"v{n:02d}", 1000 - n) for n in range(8)]  # v00 newest; pages of 3: 3, 3, 2


def honest(cursor: str | None) -> VideoList:
    start = 0 if cursor is None else [v.id for v in WORLD].index(cursor) + 1
    chunk = WORLD[start : start + PAGE]
    return VideoList(data=chunk, has_more=start + PAGE < len(WORLD), last_id=chunk[-1].id)


def paging_over(
    lister: Callable[[str | None], VideoList], retriever: Callable[[str], Video] | None = None
) -> tuple[Paging, FakeClient, VideoStore]:
    client, store = FakeClient(lister, retriever), VideoStore()
    fetcher = Fetcher(client, store, lambda change: None, clock=lambda: 0.0)
    return Paging(fetcher, PAGE, clock=lambda: 0.0), client, store


async def walk_to_the_end(paging: Paging) -> None:
    while paging.end is None:
        assert paging.want_more()
        await paging.load_page()


async def test_the_walk_pages_after_each_last_id_to_a_complete_end() -> None:
    paging, client, store = paging_over(honest)
    await paging.load_first()
    assert paging.started and paging.cursor == "v02"
    await walk_to_the_end(paging)
    assert client.lists_after() == ["v02", "v05"]
    assert list(store.ordered_ids()) == [v.id for v in WORLD]
    assert paging.end is not None and paging.end.kind == END_COMPLETE
    assert paging.end.note_for(8) == "end of list: all 8 jobs loaded"
    assert not paging.want_more() and not paging.load_all()  # nothing left to ask for


async def test_asking_twice_asks_once_and_stop_says_whether_paging_was_under_way() -> None:
    paging, _, _ = paging_over(honest)
    assert paging.want_more() and not paging.want_more()
    assert paging.stop() and not paging.stop()


async def test_a_repeated_cursor_ends_paging() -> None:
    paging, client, _ = paging_over(lambda cursor: honest(None))  # `after` ignored
    await paging.load_first()
    await paging.load_page()
    assert paging.end is not None and paging.end.kind == END_IGNORES_PAGING
    assert paging.end.note == REPEATED_NOTE and client.lists_after() == ["v02"]


async def test_a_full_page_without_paging_fields_cannot_go_on() -> None:
    paging, _, _ = paging_over(lambda cursor: VideoList(data=WORLD[:PAGE]))
    await paging.load_first()
    assert paging.end is not None and paging.end.kind == END_NO_CURSOR
    assert paging.end.note_for(3) == "server does not page (no cursor); showing the first 3 jobs"


async def test_a_gone_cursor_pages_on_from_the_oldest_job_still_loaded() -> None:
    def lister(cursor: str | None) -> VideoList:
        if cursor == "v02":  # deleted since the first page showed it
            raise NotFoundError("No video found", status=404)
        if cursor == "v01":
            return VideoList(data=WORLD[3:6], has_more=True, last_id="v05")
        return honest(cursor)

    paging, client, store = paging_over(lister)
    await paging.load_first()
    await paging.load_page()
    assert client.lists_after() == ["v02", "v01"]  # v02 left the store: v01 is the oldest
    assert list(store.ordered_ids()) == ["v00", "v01", "v03", "v04", "v05"]
    assert paging.cursor == "v05"


async def test_cursors_refused_again_and_again_restart_once_then_end() -> None:
    def lister(cursor: str | None) -> VideoList:
        if cursor is None:
            return honest(None)
        raise BadRequestError("Invalid 'after'", status=400)

    def retriever(video_id: str) -> Video:
        raise NotFoundError("No video found", status=404)

    paging, client, store = paging_over(lister, retriever)
    await paging.load_first()
    assert await paging.load_page()  # three lost cursors, then the head again
    assert paging.end is None and list(store.ordered_ids()) == ["v00", "v01", "v02"]
    assert not await paging.load_page()
    assert paging.end is not None and paging.end.kind == END_CURSOR_LOST
    assert client.lists_after() == ["v02", "v01", "v00"] * 2


async def test_load_all_asks_the_largest_pages_and_the_next_one_while_merging() -> None:
    paging, client, _ = paging_over(honest)
    await paging.load_first()
    assert paging.load_all() and paging.loading_all
    await paging.load_page()
    await asyncio.sleep(0)  # ok: let the prefetch's request go out
    await asyncio.sleep(0)  # ok: and be answered
    assert client.lists_after() == ["v02", "v05"]  # the next page before anyone asked
    assert paging.wanted  # `load_all` keeps asking
    await paging.load_page()
    assert client.lists_after() == ["v02", "v05"]  # the prefetched page was used, not re-asked
    assert client.limits == [PAGE, BULK_PAGE_SIZE, BULK_PAGE_SIZE]
    assert paging.end is not None and not paging.loading_all and not paging.wanted
    assert (paging.bulk_pages, paging.bulk_jobs) == (2, 5)


async def test_stop_drops_the_page_on_its_way() -> None:
    paging, client, store = paging_over(honest)
    await paging.load_first()
    paging.load_all()
    await paging.load_page()  # the next page is asked for before this one is merged
    assert client.lists_after() == ["v02", "v05"]
    assert paging.stop()
    await asyncio.sleep(0)  # ok: let a dropped page land, if it could
    assert len(store) == 6  # the page on its way is never merged
    assert paging.want_more()
    await paging.load_page()
    assert client.lists_after() == ["v02", "v05", "v05"] and len(store) == len(WORLD)


async def test_a_list_that_grew_reopens_paging() -> None:
    paging, _, _ = paging_over(lambda cursor: VideoList(data=[], has_more=False))
    await paging.load_first()
    assert paging.end is not None and paging.end.kind == END_COMPLETE
    paging.reopen("v02")
    assert paging.end is None and paging.cursor == "v02" and paging.want_more()


async def test_load_all_merges_a_page_while_the_next_is_being_answered(
    make_emulator: Callable[..., EmulatorServer],
) -> None:
    server = make_emulator(jobs=250, manual_clock=True)
    async with VideosClient(base_url=server.base_url, max_retries=0) as client:
        store = VideoStore()
        fetcher = Fetcher(client, store, lambda change: None)
        paging = Paging(fetcher, PAGE)
        await paging.load_first()
        paging.load_all()
        server.faults.add(Fault("slow", delay=0.3, count=-1))
        await paging.load_page()  # its page is in; the next one is asked for, not answered
        assert len(store) == PAGE + BULK_PAGE_SIZE
        ahead = paging.cursor
        assert ahead is not None
        assert not [r for r in server.requests if r.query.get("after") == ahead]  # not answered
        others = asyncio.all_tasks() - {asyncio.current_task()}
        assert [task for task in others if not task.done()]  # the request on its way
        server.faults.clear()
        await paging.load_page()
        assert len(store) == PAGE + 2 * BULK_PAGE_SIZE
        assert [r.query.get("after") for r in server.requests].count(ahead) == 1  # asked once
