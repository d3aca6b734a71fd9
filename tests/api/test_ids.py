"""LiteLLM ids decoded, one canonical id per job, and the models applying it on every reply."""

from __future__ import annotations

import base64
from collections.abc import Callable

import pytest

from tests.api.helpers import ClientFactory
from tui.api.ids import LitellmId, canonical_id, decode_litellm, upstream_id
from tui.api.models import DeletedVideo, Video, VideoList
from tui.emulator import EmulatorServer

UPSTREAM = "video_68f0a1b2c3d4e5f60718293a4b5c6d7e"
INNER = f"litellm:custom_llm_provider:openai;model_id:sora2>>~??x;video_id:{UPSTREAM}"


def encode(inner: str) -> str:
    return "video_" + base64.b64encode(inner.encode()).decode()


LIST_ID = encode(INNER)
LONG_ID = encode(INNER + ";deployment_id:0123abcdef")


def test_decode_both_forms() -> None:
    assert decode_litellm(LIST_ID) == LitellmId("openai", "sora2>>~??x", UPSTREAM, None)
    assert decode_litellm(LONG_ID) == LitellmId("openai", "sora2>>~??x", UPSTREAM, "0123abcdef")
    assert upstream_id(LONG_ID) == upstream_id(LIST_ID) == UPSTREAM
    unpadded = LIST_ID.rstrip("=")
    assert unpadded != LIST_ID and decode_litellm(unpadded) == decode_litellm(LIST_ID)


def test_canonical_id_drops_the_deployment_and_keeps_every_other_id() -> None:
    assert canonical_id(LONG_ID) == LIST_ID  # re-encoded exactly as LiteLLM does, padding included
    assert LIST_ID.endswith("=") and {"+", "/"} & set(LIST_ID)
    for same in (LIST_ID, UPSTREAM, "video_gen_0123", "abc", "", "video_"):
        assert canonical_id(same) == same


@pytest.mark.parametrize(
    "garbage",
    [
        "video_bGl0ZWxsbTpj!!!not base64",
        "video_bGl0ZWxsbTpj",  # "litellm:c" and nothing more
        encode("litellm:custom_llm_provider:openai;model_id:m"),  # too few parts
        encode(INNER + ";deployment_id:1;extra:2"),  # too many
        encode("litellm:custom_llm_provider:openai;model:m;video_id:v"),  # another layout
        encode("litellm:custom_llm_provider:openai;model_id:m;video_id:"),  # no upstream id
        encode(INNER.replace("video_id:", "deployment_id:")),
        "video_bGl0ZWxsbTpj" + base64.b64encode(b"\xff\xfe\xfd").decode(),  # not utf-8
        "video_" + base64.b64encode(b"openai:plain;a;b").decode(),
        "character_" + LIST_ID.removeprefix("video_"),
        "video_68f0a1b2c3d4e5f60718293a4b5c6d7e",
    ],
)
def test_garbage_is_not_a_litellm_id(garbage: str) -> None:
    assert decode_litellm(garbage) is None
    assert upstream_id(garbage) is None
    assert canonical_id(garbage) == garbage


def test_models_hold_the_canonical_id() -> None:
    fields = {"object": "video", "status": "queued", "created_at": 1}
    assert Video.model_validate({"id": LONG_ID, **fields}).id == LIST_ID
    page = VideoList.model_validate({"data": [{"id": LONG_ID, **fields}], "last_id": LIST_ID})
    assert [video.id for video in page.data] == [LIST_ID] and page.next_cursor == LIST_ID
    assert DeletedVideo.model_validate({"id": LONG_ID, "deleted": True}).id == LIST_ID
    assert Video.model_validate({"id": UPSTREAM, **fields}).id == UPSTREAM


async def test_created_then_listed_is_one_job(
    make_emulator: Callable[..., EmulatorServer], connect: ClientFactory
) -> None:
    """Create through the proxy (a longer id), follow the job, list: the same one id throughout."""
    server = make_emulator(flavour="litellm", jobs=25, manual_clock=True)
    client = connect(server)
    created = await client.create(prompt="a red kite over dunes")
    wire = [r for r in server.requests if r.method == "POST"]
    assert len(wire) == 1
    followed = await client.retrieve(created.id)
    listed = (await client.list_videos(limit=5)).data
    assert created.id == followed.id == listed[0].id
    assert {"+", "/"} <= set(created.id) and created.id.endswith("=")  # re-encoded byte for byte
    assert ";deployment_id:" not in base64.b64decode(created.id.removeprefix("video_")).decode()
    assert [v.id for v in listed].count(created.id) == 1
    assert len({created.id, followed.id, *(v.id for v in listed)}) == 5
    # The request used the full canonical id, percent-encoded.
    retrieve = [r for r in server.requests if r.method == "GET" and r.path != "/v1/videos"]
    assert retrieve[-1].path == f"/v1/videos/{created.id}"


async def test_remix_through_the_proxy_names_the_raw_upstream_source(
    make_emulator: Callable[..., EmulatorServer], connect: ClientFactory
) -> None:
    server = make_emulator(flavour="litellm", jobs=25, manual_clock=True)
    client = connect(server)
    done = next(v for v in server.world.snapshot() if v["status"] == "completed")
    remix = await client.remix(done["id"], prompt="again, at night")
    assert remix.id == server.world.snapshot()[0]["id"]  # the list id of the new job
    assert remix.remixed_from_video_id == upstream_id(done["id"])
    # The proxy drops the prompt and adds "usage": null; an empty extra says nothing: dropped.
    assert remix.prompt is None and "usage" not in (remix.model_extra or {})


def test_a_retrieve_reply_with_null_extras_equals_the_listed_job() -> None:
    listed = {
        "id": "video_x",
        "object": "video",
        "model": "sora-2",
        "status": "completed",
        "progress": 100,
        "created_at": 1,
        "size": "720x1280",
        "seconds": "4",
        "quality": "standard",
    }
    retrieved = Video.model_validate({**listed, "usage": None})  # LiteLLM adds it, empty
    assert retrieved == Video.model_validate(listed)
    assert Video.model_validate({**listed, "quality": None}).model_extra is None
