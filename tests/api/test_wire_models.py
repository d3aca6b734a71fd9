"""The wire models keep unknown values verbatim and tolerate the compatible servers' shapes."""

from __future__ import annotations

from tui.api.models import DeletedVideo, ErrorBody, Video, VideoList

FULL = {
    "id": "video_68f0a1b2c3d4e5f60718293a4b5c6d7e",
    "object": "video",
    "model": "sora-2",
    "status": "completed",
    "progress": 100,
    "created_at": 1764000000,
    "completed_at": 1764000120,
    "expires_at": 1764086520,
    "prompt": "A heron at dawn",
    "size": "720x1280",
    "seconds": "8",
    "remixed_from_video_id": None,
    "error": None,
}


def test_all_thirteen_fields_read() -> None:
    video = Video.model_validate(FULL)
    assert video.model_dump() == FULL


def test_unknown_enum_values_are_kept_verbatim() -> None:
    video = Video.model_validate(
        {**FULL, "status": "succeeded", "model": "sora-9-ultra", "size": "16:9", "seconds": "37"}
    )
    assert (video.status, video.model, video.size, video.seconds) == (
        "succeeded",
        "sora-9-ultra",
        "16:9",
        "37",
    )
    assert not video.in_flight


def test_lenient_shapes_from_compatible_servers() -> None:
    video = Video.model_validate(
        {
            "id": "video_gen_1",
            "status": "failed",
            "size": None,
            "seconds": 8,
            "progress": "42.5",
            "error": {"code": 400, "message": "bad"},
            "quality": "standard",
            "inference_time_s": 3.2,
        }
    )
    assert video.size == "" and video.seconds == "8" and video.progress == 42
    assert video.error is not None and video.error.code == "400"
    assert video.model_extra == {"quality": "standard", "inference_time_s": 3.2}
    sglang_error = Video.model_validate({**FULL, "status": "failed", "error": {"message": "oom"}})
    assert sglang_error.error is not None and sglang_error.error.code is None


def test_list_without_paging_keys_has_no_next_cursor() -> None:
    page = VideoList.model_validate({"object": "list", "data": [FULL]})
    assert page.has_more is None and page.next_cursor is None


def test_next_cursor_follows_the_sdk_rule() -> None:
    with_more = VideoList.model_validate({"data": [FULL], "last_id": "video_x", "has_more": True})
    assert with_more.next_cursor == "video_x"
    unknown_more = VideoList.model_validate({"data": [FULL], "last_id": "video_x"})
    assert unknown_more.next_cursor == "video_x"
    ended = VideoList.model_validate({"data": [FULL], "last_id": "video_x", "has_more": False})
    assert ended.next_cursor is None
    empty = VideoList.model_validate({"data": [], "last_id": "video_x", "has_more": True})
    assert empty.next_cursor is None


def test_error_shapes() -> None:
    envelope = ErrorBody.from_body(
        {"error": {"message": "nope", "type": "invalid_request_error", "param": None, "code": "x"}}
    )
    assert envelope is not None and (envelope.message, envelope.code) == ("nope", "x")
    detail = ErrorBody.from_body({"detail": "Generation is still in-progress"})
    assert detail is not None and detail.message == "Generation is still in-progress"
    fastapi = ErrorBody.from_body({"detail": [{"loc": ["query", "limit"], "msg": "too big"}]})
    assert fastapi is not None and fastapi.message == "too big"
    int_code = ErrorBody.from_body({"error": {"message": "m", "code": 422}})
    assert int_code is not None and int_code.code == "422"
    assert ErrorBody.from_body(["not", "an", "error"]) is None


def test_delete_result_from_sglang_video() -> None:
    deleted = DeletedVideo.model_validate({**FULL, "status": "deleted"})
    assert deleted.deleted and deleted.id == FULL["id"]
