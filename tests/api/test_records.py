"""The wire records: compact (shared text, no extras dict when there are none), immutable,
equal across list and retrieve, and the same API as the models they replaced."""

from __future__ import annotations

import copy
import json
import pickle

import httpx
import pytest

from tests.api.test_wire_models import FULL
from tui.api.client import VideosClient
from tui.api.errors import ApiResponseError
from tui.api.models import Video, VideoError, VideoList, WireError


def page_of(*jobs: object) -> VideoList:
    return VideoList.model_validate(json.loads(json.dumps({"data": list(jobs)})))


def test_enumerated_text_is_shared_between_jobs() -> None:
    first, second = page_of(FULL, {**FULL, "id": "video_2"}).data
    for name in ("object", "model", "status", "size", "seconds"):
        assert getattr(first, name) is getattr(second, name)


def test_no_extras_dict_when_there_are_none() -> None:
    video = Video.model_validate(FULL)
    assert video.model_extra is None
    assert Video.model_validate({**FULL, "usage": None}).model_extra is None
    assert Video.model_validate({**FULL, "quality": "hd"}).model_extra == {"quality": "hd"}


def test_a_listed_job_equals_the_same_job_retrieved() -> None:
    (listed,) = page_of({**FULL, "progress": 100.0, "seconds": 8}).data
    retrieved = Video.model_validate({**FULL, "usage": None})
    assert listed == retrieved and hash(listed) == hash(retrieved)
    assert listed != retrieved.model_copy(update={"progress": 99})


def test_records_are_immutable_and_copy_as_themselves() -> None:
    video = Video.model_validate({**FULL, "status": "failed", "error": {"code": 5, "x": 1}})
    with pytest.raises(AttributeError):
        video.status = "completed"  # type: ignore[misc]
    for copied in (copy.copy(video), copy.deepcopy(video), pickle.loads(pickle.dumps(video))):
        assert copied == video and type(copied) is Video
        assert copied.error == VideoError(code="5", x=1)


def test_keywords_are_read_like_a_body() -> None:
    made = Video(id="video_1", progress="42.5", error="render timeout", size=None, seconds=4)
    assert made == Video.model_validate(
        {"id": "video_1", "progress": 42.5, "error": {"message": "render timeout"}, "seconds": "4"}
    )
    assert (made.progress, made.size, made.seconds) == (42, "", "4")


def test_dump_and_copy_keep_the_field_order_then_extras() -> None:
    video = Video.model_validate({**FULL, "quality": "hd"}).model_copy(update={"note": 1})
    assert list(video.model_dump(mode="json")) == [*FULL, "quality", "note"]
    assert video.model_copy(update={"prompt": None}).prompt is None
    assert tuple(Video.model_fields) == tuple(FULL)


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ({"data": [{"object": "video"}]}, "data.0.id field required"),
        ({"data": [FULL, {"id": 7}]}, "data.1.id input should be a valid string"),
        ({"data": [FULL, "video_1"]}, "data.1 input should be a valid dictionary"),
        ({"data": {"id": "x"}}, "data input should be a valid list"),
        ({"data": [], "has_more": "perhaps"}, "has_more input should be a valid boolean"),
        ({"data": [{**FULL, "error": 3}]}, "data.0.error input should be a valid dictionary"),
        (["not", "a", "page"], "body input should be a valid dictionary or instance of videolist"),
    ],
)
def test_what_cannot_be_read_says_where(body: object, where: str) -> None:
    with pytest.raises(WireError) as caught:
        VideoList.model_validate(body)
    assert str(caught.value).startswith(where)


async def test_a_bad_page_is_a_response_error_naming_the_item() -> None:
    body = {"data": [FULL, {"object": "video"}]}
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=body))
    async with VideosClient(base_url="http://h/v1", transport=transport) as client:
        with pytest.raises(ApiResponseError) as caught:
            await client.list_videos()
    assert "unexpected VideoList: data.1.id field required" in str(caught.value)


def test_lenient_values_that_were_never_readable_are_defaults() -> None:
    video = Video.model_validate(
        {"id": "v", "progress": "inf", "created_at": float("inf"), "expires_at": "soon"}
    )
    assert (video.progress, video.created_at, video.expires_at) == (0, 0, None)
