"""The Fetcher: "the page after this cursor, or None when the cursor job is gone", and emits."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.feed.feed_helpers import FakeClient, video
from tui.api.errors import BadRequestError, NotFoundError, ServerError
from tui.api.models import Video, VideoList
from tui.feed.fetch import CallFailed, Fetcher
from tui.feed.store import StoreChange, VideoStore

CURSOR = "v01"
LOADED = [video("v00", 100), video(CURSOR, 99), video("v02", 98)]
NEXT = VideoList(data=[video("v02", 98)], has_more=True, last_id="v02")


def gone(video_id: str) -> Video:
    raise NotFoundError("No video found", status=404)


def alive(video_id: str) -> Video:
    return video(video_id, 99)


def fetcher_for(
    lister: Callable[[str | None], VideoList], retriever: Callable[[str], Video] | None = None
) -> tuple[Fetcher, list[StoreChange]]:
    changes: list[StoreChange] = []
    made = Fetcher(
        FakeClient(lister, retriever), VideoStore(LOADED), changes.append, wall=lambda: 7.0
    )
    return made, changes


def refusing(error: Exception) -> Callable[[str | None], VideoList]:
    def lister(cursor: str | None) -> VideoList:
        raise error

    return lister


async def test_the_page_after_a_cursor_is_the_page() -> None:
    fetcher, changes = fetcher_for(lambda cursor: NEXT)
    assert await fetcher.page_after(CURSOR, 3) == NEXT
    assert fetcher.last_success == 7.0 and not changes


async def test_only_jobs_in_flight_keep_a_refresh_time() -> None:
    pages = iter([[video("v02", 98, "in_progress")], [video("v02", 98)]])
    fetcher, _ = fetcher_for(lambda cursor: VideoList(data=next(pages)))
    await fetcher.page_after(CURSOR, 3)
    assert "v02" in fetcher.refreshed_at
    await fetcher.page_after(CURSOR, 3)
    assert fetcher.refreshed_at == {}  # finished: 100k loaded jobs need no entry each


async def test_a_404_for_the_cursor_means_its_job_is_gone() -> None:
    fetcher, changes = fetcher_for(refusing(NotFoundError("gone", status=404)))
    assert await fetcher.page_after(CURSOR, 3) is None
    assert CURSOR not in fetcher.store and changes == [StoreChange(removed=frozenset({CURSOR}))]


@pytest.mark.parametrize(("retriever", "removed"), [(gone, True), (alive, False)])
async def test_a_400_for_the_cursor_asks_the_job(
    retriever: Callable[[str], Video], removed: bool
) -> None:
    fetcher, changes = fetcher_for(refusing(BadRequestError("bad", status=400)), retriever)
    assert await fetcher.page_after(CURSOR, 3) is None  # refused either way: page on elsewhere
    assert (CURSOR not in fetcher.store) == removed and bool(changes) == removed


@pytest.mark.parametrize(("retriever", "gone_job"), [(gone, True), (alive, False)])
async def test_an_empty_page_after_a_cursor_asks_the_job(
    retriever: Callable[[str], Video], gone_job: bool
) -> None:
    fetcher, _ = fetcher_for(lambda cursor: VideoList(data=[]), retriever)
    page = await fetcher.page_after(CURSOR, 3)
    assert (page is None) == gone_job and (CURSOR not in fetcher.store) == gone_job


async def test_other_failures_escape_as_call_failed_and_the_head_says_so() -> None:
    fetcher, _ = fetcher_for(refusing(ServerError("boom", status=503)))
    with pytest.raises(CallFailed) as after:
        await fetcher.page_after(CURSOR, 3)
    assert not after.value.head and isinstance(after.value.error, ServerError)
    with pytest.raises(CallFailed) as head:
        await fetcher.head(3)
    assert head.value.head
    assert fetcher.last_success is None


async def test_the_page_already_asked_for_is_awaited_instead_of_a_new_request() -> None:
    fetcher, _ = fetcher_for(lambda cursor: NEXT)
    asked = fetcher.list_page(CURSOR, 3)
    assert await fetcher.page_after(CURSOR, 3, asked=asked) == NEXT
    assert isinstance(fetcher.client, FakeClient) and len(fetcher.client.calls) == 1


async def test_the_head_is_merged_and_emits_what_changed() -> None:
    fetcher, changes = fetcher_for(lambda cursor: VideoList(data=[video("v02", 98)]))
    fetcher.refreshed_at["v00"] = 1.0
    await fetcher.head(3)  # a short head without a cursor: the whole list
    assert list(fetcher.store.ordered_ids()) == ["v02"]
    assert changes[-1].removed == {"v00", CURSOR} and fetcher.changed
    assert "v00" not in fetcher.refreshed_at  # a removed job is no longer tracked


async def test_an_empty_change_is_not_emitted() -> None:
    fetcher, changes = fetcher_for(lambda cursor: NEXT)
    fetcher.emit(StoreChange())
    assert not changes and not fetcher.changed
