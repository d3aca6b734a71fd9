"""The Poller against the emulator over real loopback HTTP."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

import pytest

from tests.feed.feed_helpers import Feed, running, running_at, wait_for
from tui.api.client import VideosClient
from tui.emulator import EmulatorServer, Fault

LIST = "/v1/videos"


@pytest.fixture
async def client(emulator: EmulatorServer) -> AsyncIterator[VideosClient]:
    async with VideosClient(base_url=emulator.base_url, max_retries=0, timeout=5.0) as made:
        yield made


@pytest.fixture
async def feed(client: VideosClient) -> AsyncIterator[Feed]:
    """A poller running against the default emulator, its first page in."""
    async with running(client) as made:
        await first_page(made)
        yield made


def list_requests(server: EmulatorServer, *, paged: bool | None = None) -> list[dict[str, str]]:
    """Queries of the GET /videos requests served; paged=True: only those with `after`."""
    found = [r.query for r in list(server.requests) if r.method == "GET" and r.path == LIST]
    if paged is None:
        return found
    return [q for q in found if ("after" in q) == paged]


def world_ids(server: EmulatorServer) -> list[str]:
    return [job["id"] for job in server.world.snapshot()]


async def load_next(feed: Feed) -> None:
    before = feed.report.loaded
    feed.poller.want_more()
    await wait_for(
        lambda: (
            not feed.report.loading_page
            and (feed.report.loaded > before or feed.report.end_reached)
        ),
        what=lambda: f"the next page; statuses: {feed.reports[-6:]}",
    )


async def first_page(feed: Feed, loaded: int = 50) -> None:
    await wait_for(lambda: feed.reports and feed.report.loaded >= loaded, what="first page")


async def test_first_page_is_loaded_at_start(emulator: EmulatorServer, feed: Feed) -> None:
    assert feed.reports[0].state == "connecting"
    await wait_for(lambda: feed.report.state == "live")
    assert list(feed.store.ordered_ids()) == world_ids(emulator)[:50]
    assert feed.added() == set(world_ids(emulator)[:50])
    first = list_requests(emulator)[0]
    assert first == {"limit": "50", "order": "desc"}
    assert feed.report.last_success is not None and feed.report.error is None
    assert feed.report.server == emulator.base_url
    assert not feed.report.end_reached


async def test_want_more_loads_the_next_page_after_last_id(
    emulator: EmulatorServer, feed: Feed
) -> None:
    await load_next(feed)
    ids = world_ids(emulator)
    assert list(feed.store.ordered_ids()) == ids[:100]
    assert len(set(feed.store.ordered_ids())) == 100
    paged = list_requests(emulator, paged=True)
    assert paged == [{"after": ids[49], "limit": "50", "order": "desc"}]


async def test_only_one_page_request_in_flight(emulator: EmulatorServer, feed: Feed) -> None:
    emulator.faults.add(Fault(kind="slow", delay=0.3, path=LIST))  # requests linger a while
    for _ in range(5):
        feed.poller.want_more()
    assert feed.report.loading_page
    while feed.report.loading_page:  # keep asking while the page is on its way
        feed.poller.want_more()
        await asyncio.sleep(0.01)  # ok: poll step of a condition wait
    assert feed.report.loaded == 100
    assert len(list_requests(emulator, paged=True)) == 1


async def test_paging_stops_at_the_end(emulator: EmulatorServer, feed: Feed) -> None:
    while not feed.report.end_reached:
        await load_next(feed)
    assert feed.report.loaded == len(emulator.world) == 120
    assert list(feed.store.ordered_ids()) == world_ids(emulator)
    assert feed.report.end_note and "end of list" in feed.report.end_note
    paged = len(list_requests(emulator, paged=True))
    assert paged == 2
    feed.poller.want_more()
    heads = len(list_requests(emulator, paged=False))
    await wait_for(lambda: len(list_requests(emulator, paged=False)) >= heads + 3, what="3 ticks")
    assert len(list_requests(emulator, paged=True)) == paged
    assert not feed.report.loading_page


async def test_a_new_job_appears_after_a_tick(emulator: EmulatorServer, feed: Feed) -> None:
    job = emulator.world.create("a heron on a frozen lake")
    await wait_for(lambda: job["id"] in feed.store, what="the new job")
    assert job["id"] in feed.added()
    assert feed.store.ordered_ids()[0] == job["id"]
    assert len(feed.store) == 51  # the oldest of page 1 stays loaded


async def test_many_new_jobs_are_walked_without_a_gap(emulator: EmulatorServer, feed: Feed) -> None:
    feed.poller.set_paused(True)
    await wait_for(lambda: feed.report.state == "paused")
    created = [emulator.world.create(f"clip {n}")["id"] for n in range(130)]
    feed.poller.set_paused(False)
    await wait_for(lambda: set(created) <= set(feed.store.ordered_ids()), what="all new jobs")
    assert list(feed.store.ordered_ids()) == world_ids(emulator)[:180]


async def test_progress_and_status_updates_reach_the_store(
    emulator: EmulatorServer, feed: Feed
) -> None:
    moving = [v.id for v in feed.store if v.in_flight]
    assert moving, "the seeded world has jobs in flight"
    emulator.world.advance(3600)

    def same_as_world() -> bool:
        for video_id in moving:
            job, mine = emulator.world.get(video_id), feed.store.get(video_id)
            assert job is not None and mine is not None
            if (mine.status, mine.progress) != (job["status"], job["progress"]):
                return False
        return True

    await wait_for(same_as_world, what="statuses as on the server")
    assert set(moving) <= {i for change in feed.changes for i in change.changed}
    assert not any(feed.store.get(i).in_flight for i in moving)  # type: ignore[union-attr]


async def test_in_flight_jobs_below_the_head_are_retrieved(
    emulator: EmulatorServer, client: VideosClient
) -> None:
    target = world_ids(emulator)[80]
    emulator.world.force(target, status="in_progress", progress=10)
    async with running(client) as feed:
        await first_page(feed)
        await load_next(feed)
        await load_next(feed)
        assert feed.store.get(target).progress == 10  # type: ignore[union-attr]
        emulator.world.force(target, progress=60)
        await wait_for(lambda: feed.store.get(target).progress == 60)  # type: ignore[union-attr]
        retrieves = [r for r in list(emulator.requests) if r.path == f"{LIST}/{target}"]
        assert retrieves and all(r.method == "GET" for r in retrieves)
        # deleted on the server: the retrieve's 404 removes it
        emulator.world.delete(target)
        await wait_for(lambda: target not in feed.store, what="the deleted in-flight job to go")
        assert target in feed.removed()


async def test_a_deleted_job_disappears(emulator: EmulatorServer, feed: Feed) -> None:
    await load_next(feed)
    gone = [world_ids(emulator)[i] for i in (10, 110)]  # on the head page; not loaded yet
    for video_id in gone:
        emulator.world.delete(video_id)
    await wait_for(lambda: gone[0] not in feed.store, what="head page deletion")
    assert gone[0] in feed.removed()
    while not feed.report.end_reached:
        await load_next(feed)
    assert list(feed.store.ordered_ids()) == world_ids(emulator)


async def test_a_deleted_cursor_job_does_not_lose_the_rest(
    emulator: EmulatorServer, feed: Feed
) -> None:
    cursor = world_ids(emulator)[49]
    emulator.world.delete(cursor)  # the emulator answers 400 for an unknown `after`
    while not feed.report.end_reached:
        await load_next(feed)
    assert list(feed.store.ordered_ids()) == world_ids(emulator)
    assert len(feed.store) == 119
    assert "end of list" in (feed.report.end_note or "")


async def test_server_trouble_keeps_data_and_recovers(
    emulator: EmulatorServer, client: VideosClient
) -> None:
    async with running(client, backoff_base=0.2) as feed:
        await first_page(feed)
        before = list(feed.store.ordered_ids())
        emulator.faults.add(Fault(kind="status", status=503, count=1))
        await wait_for(lambda: feed.report.state == "retrying", what="retrying")
        status = feed.report
        assert status.retry_at is not None and status.error and "503" in status.error
        assert 0 < status.retry_at - status.last_success <= 1.0  # type: ignore[operator]
        assert list(feed.store.ordered_ids()) == before
        await wait_for(lambda: feed.report.state == "live", what="recovery")
        assert feed.report.error is None and feed.report.retry_at is None


async def test_retry_after_is_honoured_and_refresh_now_cuts_the_wait(
    emulator: EmulatorServer, feed: Feed
) -> None:
    emulator.faults.add(Fault(kind="status", status=429, retry_after="30", count=1))
    await wait_for(lambda: feed.report.state == "retrying", what="retrying")
    wait = feed.report.retry_at - feed.report.last_success  # type: ignore[operator]
    assert 29 <= wait <= 31
    feed.poller.refresh_now()
    await wait_for(lambda: feed.report.state == "live", timeout=3, what="refresh_now")


async def test_a_rejected_key_stops_polling_until_refresh_now(
    make_emulator: Callable[..., EmulatorServer],
) -> None:
    server = make_emulator(jobs=10, manual_clock=True, api_key="sk-right")
    async with running_at(server.base_url, api_key="sk-wrong") as feed:
        await wait_for(lambda: feed.report.state == "auth", what="auth state")
        assert (feed.report.error or "").startswith("API key rejected (401)")
        assert "sk-wrong" not in (feed.report.error or "")
        asked = len(server.requests)
        # An absence can only be seen over a span of time: 0.3 s is six fast intervals.
        await asyncio.sleep(0.3)  # ok: absence over a span
        assert len(server.requests) == asked
        feed.poller.refresh_now()
        await wait_for(lambda: len(server.requests) == asked + 1, what="one more try")
        assert feed.report.state == "auth" and feed.report.loaded == 0


async def test_a_wrong_base_url_says_so(emulator: EmulatorServer) -> None:
    base = emulator.base_url.replace("/v1", "/v9")
    async with running_at(base) as feed:
        await wait_for(lambda: feed.report.state == "error", what="error state")
        assert feed.report.error == (
            f"list endpoint not found (404): is the base URL right? {base}/videos"
        )


async def test_sglang_stops_after_one_page(make_emulator: Callable[..., EmulatorServer]) -> None:
    server = make_emulator(jobs=120, manual_clock=True, flavour="sglang")
    async with running_at(server.base_url) as feed:
        await first_page(feed)
        await wait_for(lambda: feed.report.end_reached)
        assert "no cursor" in (feed.report.end_note or "")
        feed.poller.want_more()
        heads = len(list_requests(server))
        await wait_for(lambda: len(list_requests(server)) >= heads + 2, what="2 ticks")
        assert list_requests(server, paged=True) == []
        assert feed.report.loaded == 50  # nothing deleted: a full page without cursor is no end


async def test_pause_stops_requests(emulator: EmulatorServer, feed: Feed) -> None:
    feed.poller.set_paused(True)
    await wait_for(lambda: feed.report.state == "paused")
    await asyncio.sleep(0.06)  # ok: let a request already on the wire finish
    asked = len(emulator.requests)
    feed.poller.want_more()
    await asyncio.sleep(0.3)  # ok: absence over six fast intervals
    assert len(emulator.requests) == asked
    feed.poller.set_paused(False)
    await wait_for(lambda: feed.report.loaded == 100 and feed.report.state == "live")
