"""Round trips against the emulator over real loopback HTTP."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest

from tests.api.helpers import ClientFactory, api_requests
from tui.api.client import REQUEST_WRITTEN, RetryNotice
from tui.api.errors import AuthenticationError, NotFoundError
from tui.api.models import COMPLETED, Video
from tui.emulator import EmulatorServer

KEY = "sk-SENTINEL-never-show-me-0123456789"


def first_with_status(server: EmulatorServer, status: str) -> dict[str, Any]:
    return next(job for job in server.world.snapshot() if job["status"] == status)


async def test_list_first_page_matches_the_world(
    emulator: EmulatorServer, connect: ClientFactory
) -> None:
    client = connect(emulator)
    page = await client.list_videos(limit=10)
    expected = [job["id"] for job in emulator.world.snapshot()[:10]]
    assert [video.id for video in page.data] == expected
    assert page.has_more is True
    assert page.next_cursor == page.last_id == expected[-1]
    assert (await api_requests(emulator, 1))[-1].query == {"limit": "10"}


async def test_paging_walks_every_page_with_next_cursor(
    emulator: EmulatorServer, connect: ClientFactory
) -> None:
    client = connect(emulator)
    seen: list[str] = []
    cursor: str | None = None
    pages = 0
    while True:
        page = await client.list_videos(after=cursor, limit=25)
        pages += 1
        seen.extend(video.id for video in page.data)
        cursor = page.next_cursor
        if cursor is None:
            break
    assert seen == [job["id"] for job in emulator.world.snapshot()]
    assert len(seen) == 120 and pages == 5
    assert len(await api_requests(emulator, 5)) == 5


async def test_retrieve_round_trip(emulator: EmulatorServer, connect: ClientFactory) -> None:
    job = emulator.world.snapshot()[3]
    video = await connect(emulator).retrieve(job["id"])
    assert video == Video.model_validate(job)


async def test_retrieve_unknown_id_is_not_found(
    emulator: EmulatorServer, connect: ClientFactory, notices: list[RetryNotice]
) -> None:
    with pytest.raises(NotFoundError) as caught:
        await connect(emulator).retrieve("video_nope")
    assert caught.value.status == 404
    assert notices == []
    assert len(await api_requests(emulator, 1)) == 1  # 404 is not retried


async def test_delete_round_trip(emulator: EmulatorServer, connect: ClientFactory) -> None:
    client = connect(emulator)
    job = first_with_status(emulator, COMPLETED)
    deleted = await client.delete(job["id"])
    assert deleted.id == job["id"] and deleted.deleted is True
    assert emulator.world.get(job["id"]) is None
    with pytest.raises(NotFoundError):
        await client.retrieve(job["id"])


async def test_download_and_stream_content(
    emulator: EmulatorServer, connect: ClientFactory
) -> None:
    client = connect(emulator)
    job = first_with_status(emulator, COMPLETED)
    data = await client.download_content(job["id"])
    assert len(data) > 0
    async with client.stream_content(job["id"]) as stream:
        chunks = [chunk async for chunk in stream.aiter_bytes()]
        assert stream.content_type is not None and stream.content_type.startswith("video/")
        assert stream.total in (None, len(data))
    assert b"".join(chunks) == data
    record = (await api_requests(emulator, 2))[-1]
    assert record.path == f"/v1/videos/{job['id']}/content" and record.query == {"variant": "video"}


async def test_thumbnail_variant(emulator: EmulatorServer, connect: ClientFactory) -> None:
    job = first_with_status(emulator, COMPLETED)
    async with connect(emulator).stream_content(job["id"], "thumbnail") as stream:
        assert stream.content_type is not None and stream.content_type.startswith("image/")


async def test_create_then_remix(emulator: EmulatorServer, connect: ClientFactory) -> None:
    client = connect(emulator)
    created = await client.create(prompt="a lighthouse at dusk", seconds="8", size="1280x720")
    assert created.prompt == "a lighthouse at dusk" and created.seconds == "8"
    assert created.size == "1280x720" and created.in_flight
    assert emulator.world.get(created.id) is not None
    source = first_with_status(emulator, COMPLETED)
    remixed = await client.remix(source["id"], prompt="now at dawn")
    assert remixed.remixed_from_video_id == source["id"]
    assert remixed.prompt == "now at dawn"


# --- auth --------------------------------------------------------------------------


async def test_right_key_is_accepted(
    make_emulator: Callable[..., EmulatorServer], connect: ClientFactory
) -> None:
    server = make_emulator(jobs=5, manual_clock=True, api_key=KEY)
    page = await connect(server, api_key=KEY).list_videos()
    assert len(page.data) == 5


# OpenAI sends code null for a missing key and invalid_api_key for a wrong one.
@pytest.mark.parametrize(
    ("given", "code"), [(None, None), ("sk-wrong-key-0000", "invalid_api_key")]
)
async def test_wrong_or_missing_key_is_an_authentication_error_not_retried(
    make_emulator: Callable[..., EmulatorServer],
    connect: ClientFactory,
    given: str | None,
    code: str | None,
    notices: list[RetryNotice],
) -> None:
    server = make_emulator(jobs=5, manual_clock=True, api_key=KEY)
    client = connect(server, api_key=given)
    with pytest.raises(AuthenticationError) as caught:
        await client.list_videos()
    assert caught.value.status == 401
    assert caught.value.code == code
    assert notices == []
    assert len(await api_requests(server, 1)) == 1


async def test_the_key_never_shows_in_client_or_errors(
    make_emulator: Callable[..., EmulatorServer], connect: ClientFactory
) -> None:
    server = make_emulator(jobs=5, manual_clock=True, api_key="sk-other-key-1111")
    client = connect(server, api_key=KEY, organization="org_x", project="proj_x")
    assert KEY not in repr(client) and KEY not in str(client)
    errors: list[BaseException] = []
    for call in (client.list_videos(), client.retrieve("video_x")):
        try:
            await call
        except AuthenticationError as exc:
            errors.append(exc)
    assert len(errors) == 2
    for error in errors:
        assert KEY not in str(error) and KEY not in repr(error) and KEY not in repr(error.args)
        assert KEY not in repr(vars(error))


# --- compatible servers (API.md §8) -------------------------------------------------


async def test_vllm_detail_errors_are_parsed(
    make_emulator: Callable[..., EmulatorServer], connect: ClientFactory
) -> None:
    server = make_emulator(jobs=5, manual_clock=True, flavour="vllm")
    with pytest.raises(NotFoundError) as caught:
        await connect(server).retrieve("video_gen_nope")
    assert caught.value.message  # from {"detail": "..."}
    assert caught.value.message in str(caught.value)


async def test_vllm_int_error_codes_become_text(
    make_emulator: Callable[..., EmulatorServer], connect: ClientFactory
) -> None:
    server = make_emulator(jobs=5, manual_clock=True, flavour="vllm")
    job = server.world.snapshot()[0]
    server.world.force(job["id"], status="failed", error={"code": 500, "message": "CUDA OOM"})
    video = await connect(server).retrieve(job["id"])
    assert video.status == "failed"
    assert video.error is not None and video.error.code == "500"
    assert video.error.message == "CUDA OOM"


async def test_sglang_list_without_paging_keys_ends_after_one_page(
    make_emulator: Callable[..., EmulatorServer], connect: ClientFactory
) -> None:
    server = make_emulator(jobs=30, manual_clock=True, flavour="sglang")
    page = await connect(server).list_videos(limit=10)
    assert page.data
    assert page.has_more is None and page.last_id is None
    assert page.next_cursor is None


async def test_litellm_ids_with_plus_slash_equals_round_trip(
    make_emulator: Callable[..., EmulatorServer], connect: ClientFactory
) -> None:
    server = make_emulator(jobs=40, manual_clock=True, flavour="litellm")
    client = connect(server)
    ids = [job["id"] for job in server.world.snapshot()]
    # '/' is the hard one (it must travel as %2F), so ids holding it go first.
    awkward = sorted((i for i in ids if set(i) & set("+/=")), key=lambda i: "/" not in i)
    assert awkward, "the litellm flavour should mint base64 ids"
    for video_id in awkward[:5]:
        assert (await client.retrieve(video_id)).id == video_id


async def test_a_request_asked_for_in_a_task_of_its_own_says_once_when_it_is_written(
    emulator: EmulatorServer, connect: ClientFactory
) -> None:
    client = connect(emulator)
    written: list[str] = []

    async def ahead() -> int:
        REQUEST_WRITTEN.set(lambda: written.append("ahead"))
        return len((await client.list_videos(limit=5)).data)

    assert await asyncio.create_task(ahead()) == 5
    await client.list_videos(limit=5)  # outside that task: no signal
    assert written == ["ahead"]
