"""Headers on every response, API-key checks, create/remix/delete validation, content rules."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from tui.contract import VIDEO_FIELDS
from tui.emulator import EmulatorServer


@pytest.mark.parametrize("path", ["videos", "videos/video_nope", "no/such/route"])
def test_openai_headers_everywhere(http: httpx.Client, path: str) -> None:
    response = http.get(path)
    headers = response.headers
    assert headers["x-request-id"].startswith("req_") and len(headers["x-request-id"]) > 10
    assert headers["openai-version"] == "2020-10-01"
    assert int(headers["openai-processing-ms"]) >= 0
    assert int(headers["x-ratelimit-limit-requests"]) >= int(
        headers["x-ratelimit-remaining-requests"]
    )
    assert headers["x-ratelimit-reset-requests"].endswith("ms")


def test_request_ids_are_unique(http: httpx.Client) -> None:
    assert (
        len({http.get("videos", params={"limit": 1}).headers["x-request-id"] for _ in range(5)})
        == 5
    )


def test_requests_are_recorded(emulator: EmulatorServer, http: httpx.Client) -> None:
    http.get("videos", params={"limit": 3, "order": "asc"})
    record = emulator.requests[-1]
    assert (record.method, record.path, record.query, record.status) == (
        "GET",
        "/v1/videos",
        {"limit": "3", "order": "asc"},
        200,
    )


def test_api_key_required(make_emulator: Callable[..., EmulatorServer]) -> None:
    server = make_emulator(jobs=5, api_key="sk-secret-123", manual_clock=True)
    url = server.base_url + "/videos"
    wrong = httpx.get(url, headers={"Authorization": "Bearer sk-wrong"})
    assert wrong.status_code == 401
    assert wrong.json()["error"]["code"] == "invalid_api_key"
    assert wrong.json()["error"]["message"] == "Incorrect API key provided."
    assert "sk-wrong" not in wrong.text and "sk-secret" not in wrong.text
    missing = httpx.get(url)
    assert missing.status_code == 401 and set(missing.json()["error"]) == {
        "message",
        "type",
        "param",
        "code",
    }
    assert httpx.get(url, headers={"Authorization": "Bearer sk-secret-123"}).status_code == 200
    root = server.base_url.removesuffix("/v1")
    assert httpx.get(f"{root}/_emulator/state").status_code == 200  # the control plane needs no key


def test_every_video_has_13_keys(http: httpx.Client) -> None:
    assert len(VIDEO_FIELDS) == 13
    for video in http.get("videos", params={"limit": 100}).json()["data"]:
        assert list(video) == list(VIDEO_FIELDS)  # every key, in the order of API.md §2


@pytest.mark.parametrize(
    ("body", "param", "code"),
    [
        ({}, "prompt", "missing_required_parameter"),
        ({"prompt": ""}, "prompt", "string_below_min_length"),
        ({"prompt": "x" * 32_001}, "prompt", "string_above_max_length"),
        ({"prompt": "x", "seconds": "10"}, "seconds", "invalid_value"),
        ({"prompt": "x", "size": "640x480"}, "size", "invalid_value"),
        ({"prompt": "x", "size": "1792x1024"}, "size", "invalid_value"),  # sora-2 renders 720p only
        ({"prompt": "x", "model": "dall-e-3"}, "model", "invalid_value"),
    ],
)
def test_create_validation(http: httpx.Client, body: dict[str, str], param: str, code: str) -> None:
    for response in (
        http.post("videos", json=body),
        http.post("videos", data=body, files={"x": ("", b"")}),
    ):
        assert response.status_code == 400, response.text
        error = response.json()["error"]
        assert (error["param"], error["code"], error["type"]) == (
            param,
            code,
            "invalid_request_error",
        )


def test_seconds_message_is_openais(http: httpx.Client) -> None:
    message = http.post("videos", json={"prompt": "x", "seconds": "10"}).json()["error"]["message"]
    assert message.startswith("Invalid value: '10'. Supported values are: '4', '8', '12'")


def test_create_defaults_and_max_prompt(http: httpx.Client) -> None:
    video = http.post("videos", json={"prompt": "p" * 32_000}).json()
    assert (video["model"], video["size"], video["seconds"], video["status"]) == (
        "sora-2",
        "720x1280",
        "4",
        "queued",
    )


def test_remix_rules(emulator: EmulatorServer, http: httpx.Client) -> None:
    snapshot = emulator.world.snapshot()
    busy = next(v for v in snapshot if v["status"] in ("queued", "in_progress"))
    failed = next(v for v in snapshot if v["status"] == "failed")
    done = next(v for v in snapshot if v["status"] == "completed")
    for source in (busy, failed):
        response = http.post(f"videos/{source['id']}/remix", json={"prompt": "again"})
        assert (
            response.status_code == 400
            and response.json()["error"]["code"] == "invalid_video_status"
        )
    assert http.post("videos/video_missing/remix", json={"prompt": "x"}).status_code == 404
    assert http.post(f"videos/{done['id']}/remix", json={}).status_code == 400
    remix = http.post(f"videos/{done['id']}/remix", data={"prompt": "multipart works too"}).json()
    assert remix["remixed_from_video_id"] == done["id"]


def test_delete_rules(emulator: EmulatorServer, http: httpx.Client) -> None:
    snapshot = emulator.world.snapshot()
    failed = next(v for v in snapshot if v["status"] == "failed")
    assert http.delete(f"videos/{failed['id']}").json() == {
        "id": failed["id"],
        "object": "video.deleted",
        "deleted": True,
    }
    assert http.delete(f"videos/{failed['id']}").status_code == 404


def test_content_rules(emulator: EmulatorServer, http: httpx.Client) -> None:
    world = emulator.world
    snapshot = world.snapshot()
    busy = next(v for v in snapshot if v["status"] in ("queued", "in_progress"))
    failed = next(v for v in snapshot if v["status"] == "failed")
    done = next(v for v in snapshot if v["status"] == "completed" and v["expires_at"] > world.now)
    expired = next(
        v for v in snapshot if v["status"] == "completed" and v["expires_at"] <= world.now
    )
    not_ready = http.get(f"videos/{busy['id']}/content")
    assert not_ready.status_code == 404 and not_ready.json()["error"]["code"] == "video_not_ready"
    assert http.get(f"videos/{failed['id']}/content").json()["error"]["code"] == "video_failed"
    gone = http.get(f"videos/{expired['id']}/content")
    assert gone.status_code == 404 and gone.json()["error"]["code"] == "video_expired"
    bad = http.get(f"videos/{done['id']}/content", params={"variant": "poster"})
    assert bad.status_code == 400 and bad.json()["error"]["param"] == "variant"
    assert http.get("videos/video_missing/content").status_code == 404
    video = http.get(f"videos/{done['id']}/content")
    assert video.headers["content-type"] == "video/mp4" and video.content[4:8] == b"ftyp"
    assert video.content == http.get(f"videos/{done['id']}/content").content  # stable per job


def test_thumbnail_orientation_follows_size(emulator: EmulatorServer, http: httpx.Client) -> None:
    from io import BytesIO

    from PIL import Image

    world = emulator.world
    for size, expected in (("720x1280", (180, 320)), ("1280x720", (320, 180))):
        job = world.create("orientation", size=size)
        world.force(job["id"], status="completed")
        body = http.get(f"videos/{job['id']}/content", params={"variant": "thumbnail"}).content
        assert Image.open(BytesIO(body)).size == expected
        sheet = http.get(f"videos/{job['id']}/content", params={"variant": "spritesheet"}).content
        assert Image.open(BytesIO(sheet)).format == "JPEG"
