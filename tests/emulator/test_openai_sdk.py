"""The official openai SDK (3.51.0), unmodified, drives the emulator."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import openai
import pytest

from tui.emulator import EmulatorConfig, EmulatorServer

# The SDK marks every videos method deprecated (API.md §9).
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def sdk(server: EmulatorServer) -> openai.OpenAI:
    return openai.OpenAI(base_url=server.base_url, api_key="sk-test", max_retries=0)


@pytest.fixture(scope="module")
def thousand() -> Iterator[EmulatorServer]:
    with EmulatorServer(EmulatorConfig(jobs=1000, seed=5, manual_clock=True)) as server:
        yield server


@pytest.mark.parametrize("order", ["desc", "asc"])
def test_auto_paging_sees_every_job_once(thousand: EmulatorServer, order: str) -> None:
    expected = [video["id"] for video in thousand.world.snapshot()]
    if order == "asc":
        expected.reverse()
    with sdk(thousand) as client:
        got = [video.id for video in client.videos.list(limit=100, order=order)]  # type: ignore[arg-type]
    assert len(got) == len(set(got)) == 1000
    assert got == expected
    pages = [
        r for r in thousand.requests if r.path == "/v1/videos" and r.query.get("order") == order
    ]
    assert len(pages) == 10  # has_more false on the tenth page: no extra empty request


def test_default_list_pages_through_everything(emulator: EmulatorServer) -> None:
    with sdk(emulator) as client:
        page = client.videos.list()
        assert len(page.data) == 20 and page.has_more
        assert [v.id for v in page] == [v["id"] for v in emulator.world.snapshot()]


def test_retrieve(emulator: EmulatorServer) -> None:
    expected = emulator.world.snapshot()[0]
    with sdk(emulator) as client:
        video = client.videos.retrieve(expected["id"])
    assert video.model_dump() == expected
    assert video._request_id and video._request_id.startswith("req_")


def test_retrieve_unknown_is_not_found(emulator: EmulatorServer) -> None:
    with sdk(emulator) as client, pytest.raises(openai.NotFoundError) as caught:
        client.videos.retrieve("video_00000000000000000000000000000000")
    assert caught.value.code == "video_not_found"
    assert caught.value.request_id and caught.value.request_id.startswith("req_")


def test_delete_completed(emulator: EmulatorServer) -> None:
    victim = next(v for v in emulator.world.snapshot() if v["status"] == "completed")
    with sdk(emulator) as client:
        deleted = client.videos.delete(victim["id"])
        assert (deleted.id, deleted.object, deleted.deleted) == (
            victim["id"],
            "video.deleted",
            True,
        )
        with pytest.raises(openai.NotFoundError):
            client.videos.retrieve(victim["id"])
    assert emulator.world.get(victim["id"]) is None


def test_delete_in_flight_is_refused(emulator: EmulatorServer) -> None:
    busy = next(v for v in emulator.world.snapshot() if v["status"] in ("queued", "in_progress"))
    with sdk(emulator) as client, pytest.raises(openai.BadRequestError) as caught:
        client.videos.delete(busy["id"])
    assert caught.value.code == "invalid_video_status"
    assert emulator.world.get(busy["id"]) is not None


@pytest.mark.parametrize(
    ("variant", "magic"),
    [
        ("video", lambda b: b[4:8] == b"ftyp"),
        ("thumbnail", lambda b: b[:4] == b"RIFF" and b[8:12] == b"WEBP"),
        ("spritesheet", lambda b: b[:2] == b"\xff\xd8"),
    ],
)
def test_download_content(
    emulator: EmulatorServer, variant: str, magic: Callable[[bytes], bool]
) -> None:
    now = emulator.world.now
    done = next(
        v for v in emulator.world.snapshot() if v["status"] == "completed" and v["expires_at"] > now
    )
    with sdk(emulator) as client:
        body = client.videos.download_content(done["id"], variant=variant).read()  # type: ignore[arg-type]
    assert magic(body)


def test_create_is_queued_and_retrievable(emulator: EmulatorServer) -> None:
    with sdk(emulator) as client:
        video = client.videos.create(
            prompt="A paper boat on a puddle", model="sora-2-pro", seconds="8", size="1792x1024"
        )
        assert video.status == "queued" and video.progress == 0
        assert (video.model, video.seconds, video.size) == ("sora-2-pro", "8", "1792x1024")
        assert client.videos.retrieve(video.id).prompt == "A paper boat on a puddle"
    multipart = [r for r in emulator.requests if r.method == "POST"]
    assert multipart and multipart[-1].status == 200
    assert emulator.world.get(video.id) is not None


def test_create_rejects_bad_seconds(emulator: EmulatorServer) -> None:
    with sdk(emulator) as client, pytest.raises(openai.BadRequestError) as caught:
        client.videos.create(prompt="x", seconds="10")  # type: ignore[arg-type]
    assert caught.value.param == "seconds" and caught.value.code == "invalid_value"
    assert "Invalid value: '10'. Supported values are: '4', '8', '12'" in str(caught.value.message)


def test_remix_sets_the_source(emulator: EmulatorServer) -> None:
    source = next(v for v in emulator.world.snapshot() if v["status"] == "completed")
    with sdk(emulator) as client:
        remix = client.videos.remix(source["id"], prompt="Same scene, at night")
    assert remix.remixed_from_video_id == source["id"]
    assert remix.status == "queued" and remix.prompt == "Same scene, at night"
    assert remix.model == source["model"]


def test_wait_for_completion_with_poll(make_emulator: Callable[..., EmulatorServer]) -> None:
    server = make_emulator(jobs=3, speed=200.0)
    with sdk(server) as client:
        video = client.videos.create(prompt="A fast one")
        done = client.videos.poll(video.id, poll_interval_ms=20)
    assert done.status in ("completed", "failed")
    assert done.completed_at is not None
