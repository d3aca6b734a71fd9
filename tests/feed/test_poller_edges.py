"""The Poller against pathological servers (a scripted fake client) and small emulator worlds."""

from __future__ import annotations

from collections.abc import Callable

from tests.feed.feed_helpers import FakeClient, running, running_at, video, wait_for
from tui.api.errors import BadRequestError, NotFoundError, ServerError
from tui.api.models import Video, VideoList
from tui.emulator import EmulatorServer
from tui.feed.paging import REPEATED_NOTE

PAGE = 3


def page(
    videos: list[Video], *, has_more: bool | None = True, last_id: str | None = ""
) -> VideoList:
    last = videos[-1].id if videos and last_id == "" else (last_id or None)
    return VideoList(data=videos, has_more=has_more, last_id=last)


WORLD = [video(f"v{n:02d}", 1000 - n) for n in range(12)]  # v00 newest


def honest(after: str | None) -> VideoList:
    start = 0 if after is None else [v.id for v in WORLD].index(after) + 1
    chunk = WORLD[start : start + PAGE]
    return page(chunk, has_more=start + PAGE < len(WORLD))


async def test_a_server_that_ignores_after_stops_paging() -> None:
    fake = FakeClient(lambda after: honest(None))
    async with running(fake, page_size=PAGE) as feed:
        await wait_for(lambda: feed.report.loaded == PAGE)
        feed.poller.want_more()
        await wait_for(lambda: feed.report.end_reached)
        assert feed.report.end_note == REPEATED_NOTE
        assert fake.lists_after() == ["v02"]
        feed.poller.want_more()
        heads = len(fake.calls)
        await wait_for(lambda: len(fake.calls) >= heads + 3)
        assert fake.lists_after() == ["v02"]


async def test_a_cursor_that_does_not_advance_stops_paging() -> None:
    def lister(after: str | None) -> VideoList:
        if after is None:
            return honest(None)
        return page(WORLD[3:6], last_id=after)  # new data, but the same cursor again

    fake = FakeClient(lister)
    async with running(fake, page_size=PAGE) as feed:
        await wait_for(lambda: feed.report.loaded == PAGE)
        feed.poller.want_more()
        await wait_for(lambda: feed.report.end_reached)
        assert feed.report.end_note == REPEATED_NOTE
        assert feed.report.loaded == 6 and fake.lists_after() == ["v02"]


async def test_a_cursor_cycle_stops_paging() -> None:
    def lister(after: str | None) -> VideoList:
        if after == "v05":
            return page(WORLD[0:3], last_id="v02")  # back to the first cursor
        return honest(after)

    fake = FakeClient(lister)
    async with running(fake, page_size=PAGE) as feed:
        await wait_for(lambda: feed.report.loaded == PAGE)
        for _ in range(3):
            feed.poller.want_more()
            await wait_for(lambda: not feed.report.loading_page)
        assert feed.report.end_reached and feed.report.end_note == REPEATED_NOTE
        assert fake.lists_after() == ["v02", "v05"]


async def test_a_lost_cursor_is_recovered_from_the_oldest_loaded_job() -> None:
    # vLLM-like: an unknown `after` gives an empty page; the retrieve shows the job is gone.
    gone = "v02"
    alive = [v for v in WORLD if v.id != gone]

    def lister(after: str | None) -> VideoList:
        if after == gone:
            return page([], has_more=False)
        start = 0 if after is None else [v.id for v in alive].index(after) + 1
        return page(alive[start : start + PAGE], has_more=start + PAGE < len(alive))

    def retriever(video_id: str) -> Video:
        raise NotFoundError("No video found", status=404)

    first = [True]

    def first_then_world(after: str | None) -> VideoList:
        if first[0] and after is None:  # the first page still shows the job
            first[0] = False
            return honest(None)
        return lister(after)

    fake = FakeClient(first_then_world, retriever)
    async with running(fake, page_size=PAGE, slow_interval=30, fast_interval=30) as feed:
        await wait_for(lambda: feed.report.loaded == PAGE)
        while not feed.report.end_reached:
            feed.poller.want_more()
            await wait_for(lambda: not feed.report.loading_page)
        assert list(feed.store.ordered_ids()) == [v.id for v in alive]
        assert ("retrieve", gone) in fake.calls
        assert "end of list" in (feed.report.end_note or "")


async def test_a_server_refusing_every_cursor_restarts_once_then_stops_with_a_note() -> None:
    def lister(after: str | None) -> VideoList:
        if after is None:
            return honest(None)
        raise BadRequestError("Invalid 'after'", status=400)

    def retriever(video_id: str) -> Video:
        raise NotFoundError("No video found", status=404)

    fake = FakeClient(lister, retriever)
    async with running(fake, page_size=PAGE, slow_interval=30, fast_interval=30) as feed:
        await wait_for(lambda: feed.report.loaded == PAGE)
        while not feed.report.end_reached:  # as the table would, while it sits at the end
            feed.poller.want_more()
            await wait_for(lambda: not feed.report.loading_page)
        assert (feed.report.end_note or "").startswith("paging cursor lost")
        assert feed.report.state == "live"
        # the cursor, then the oldest jobs still loaded (3 in a row), then once more from the top
        assert fake.lists_after() == ["v02", "v01", "v00"] * 2
        feed.poller.refresh_now()  # the head tick brings back what the server still lists
        await wait_for(lambda: list(feed.store.ordered_ids()) == ["v00", "v01", "v02"])


async def test_backoff_grows_and_is_capped() -> None:
    def lister(after: str | None) -> VideoList:
        raise ServerError("boom", status=503)

    fake = FakeClient(lister)
    async with running(fake, wall=lambda: 1000.0) as feed:
        waits: list[float] = []
        for _ in range(7):
            await wait_for(lambda: len(fake.calls) > len(waits) and feed.report.state == "retrying")
            assert feed.report.retry_at is not None
            waits.append(feed.report.retry_at - 1000.0)
            feed.poller.refresh_now()
        assert waits == [2, 4, 8, 16, 32, 60, 60]
        assert feed.report.loaded == 0 and "503" in (feed.report.error or "")


async def test_an_unexpected_client_failure_does_not_escape() -> None:
    calls = [0]

    def lister(after: str | None) -> VideoList:
        calls[0] += 1
        if calls[0] == 1:
            raise ValueError("bad id")
        return honest(after)

    fake = FakeClient(lister)
    async with running(fake, page_size=PAGE, backoff_base=0.01) as feed:
        await wait_for(lambda: feed.report.loaded == PAGE and feed.report.state == "live")
        assert any(s.state == "retrying" and "ValueError" in (s.error or "") for s in feed.reports)


async def test_a_deleted_job_on_the_last_page_goes(
    make_emulator: Callable[..., EmulatorServer],
) -> None:
    server = make_emulator(jobs=10, manual_clock=True)
    async with running_at(server.base_url) as feed:
        await wait_for(lambda: feed.report.loaded == 10 and feed.report.end_reached)
        oldest = server.world.snapshot()[-1]["id"]
        server.world.delete(oldest)
        await wait_for(lambda: oldest not in feed.store)
        assert feed.report.loaded == 9


async def test_paging_reopens_when_an_empty_list_grows(
    make_emulator: Callable[..., EmulatorServer],
) -> None:
    server = make_emulator(jobs=0, manual_clock=True)
    async with running_at(server.base_url, page_size=20) as feed:
        await wait_for(lambda: feed.report.state == "live" and feed.report.end_reached)
        for n in range(30):
            server.world.create(f"clip {n}")
            server.world.advance(1)
        await wait_for(lambda: feed.report.loaded == 20 and not feed.report.end_reached)
        feed.poller.want_more()
        await wait_for(lambda: feed.report.loaded == 30 and feed.report.end_reached)
        assert list(feed.store.ordered_ids()) == [j["id"] for j in server.world.snapshot()]
