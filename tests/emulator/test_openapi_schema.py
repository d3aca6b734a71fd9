"""Responses validate against the OpenAPI spec of the videos paths (/work/shared/openapi-videos.json)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from openapi_core import OpenAPI
from openapi_core.datatypes import RequestParameters
from openapi_schema_validator import OAS31Validator
from werkzeug.datastructures import Headers, ImmutableMultiDict

from tui.emulator import EmulatorServer

# The contract's copy in ../shared wins when it is there; the repository keeps a snapshot of it
# so that a clone alone still validates.
_SHARED_SPEC = Path(__file__).parents[2].parent / "shared" / "openapi-videos.json"
SPEC_PATH = (
    _SHARED_SPEC
    if _SHARED_SPEC.exists()
    else Path(__file__).parent / "data" / "openapi-videos.json"
)

# API.md §6: the spec declares no error responses, so the envelope is checked against this schema.
ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["message", "type", "param", "code"],
            "properties": {
                "message": {"type": "string"},
                "type": {"type": "string"},
                "param": {"type": ["string", "null"]},
                "code": {"type": ["string", "null"]},
            },
        }
    },
}


class _Request:
    def __init__(self, request: httpx.Request) -> None:
        self._request = request
        url = urlsplit(str(request.url))
        self.host_url = f"{url.scheme}://{url.netloc}"
        self.path = url.path
        self.method = request.method.lower()
        try:
            self.body: bytes | None = request.content or None
        except httpx.RequestNotRead:  # a streamed multipart upload; response checks don't need it
            self.body = None
        self.content_type = request.headers.get("content-type", "").lower()
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(parse_qs(url.query)),
            header=Headers(dict(request.headers)),
            cookie=ImmutableMultiDict(),
        )


class _Response:
    def __init__(self, response: httpx.Response) -> None:
        self.status_code = response.status_code
        self.headers = Headers(dict(response.headers))
        self.content_type = response.headers.get("content-type", "").lower()
        self.data = response.content


@pytest.fixture
def validate(emulator: EmulatorServer) -> Callable[[httpx.Response], None]:
    spec = json.loads(SPEC_PATH.read_text())
    spec["servers"] = [{"url": emulator.base_url}]
    for operations in spec[
        "paths"
    ].values():  # the subset had its descriptions stripped; OAS requires one
        for operation in operations.values():
            for response in operation.get("responses", {}).values():
                response.setdefault("description", "")
    openapi = OpenAPI.from_dict(spec)

    def check(response: httpx.Response) -> None:
        assert response.status_code == 200, response.text
        openapi.validate_response(_Request(response.request), _Response(response))

    return check


def check_error(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status
    body = response.json()
    OAS31Validator(ERROR_SCHEMA).validate(body)
    return body["error"]  # type: ignore[no-any-return]


def test_list_pages(http: httpx.Client, validate: Callable[[httpx.Response], None]) -> None:
    first = http.get("videos", params={"limit": 50})
    validate(first)
    validate(
        http.get("videos", params={"limit": 100, "after": first.json()["last_id"], "order": "desc"})
    )
    validate(http.get("videos", params={"order": "asc", "limit": 0}))


def test_every_job_validates(
    emulator: EmulatorServer, http: httpx.Client, validate: Callable[[httpx.Response], None]
) -> None:
    emulator.world.advance(30)  # some jobs mid-render, some done
    for after in (None, *[v["id"] for v in emulator.world.snapshot()[99:100]]):
        validate(http.get("videos", params={"limit": 100, **({"after": after} if after else {})}))


def test_retrieve_delete_create_remix(
    emulator: EmulatorServer, http: httpx.Client, validate: Callable[[httpx.Response], None]
) -> None:
    snapshot = emulator.world.snapshot()
    failed = next(v for v in snapshot if v["status"] == "failed")
    done = [v for v in snapshot if v["status"] == "completed"]
    validate(http.get(f"videos/{failed['id']}"))
    validate(http.get(f"videos/{done[0]['id']}"))
    validate(http.delete(f"videos/{done[1]['id']}"))
    validate(
        http.post(
            "videos", json={"prompt": "A kite over dunes", "seconds": "8", "size": "1280x720"}
        )
    )
    validate(
        http.post(
            "videos",
            data={"prompt": "A kite over dunes", "model": "sora-2-pro"},
            files={"input_reference": ("ref.png", b"\x89PNG...", "image/png")},
        )
    )
    validate(http.post(f"videos/{done[0]['id']}/remix", json={"prompt": "At night"}))


def test_content_types_are_declared(emulator: EmulatorServer, http: httpx.Client) -> None:
    """openapi-core cannot check binary bodies, so check the declared media types instead."""
    spec = json.loads(SPEC_PATH.read_text())
    declared = set(
        spec["paths"]["/videos/{video_id}/content"]["get"]["responses"]["200"]["content"]
    )
    now = emulator.world.now
    done = next(
        v for v in emulator.world.snapshot() if v["status"] == "completed" and v["expires_at"] > now
    )
    for variant in ("video", "thumbnail"):
        response = http.get(f"videos/{done['id']}/content", params={"variant": variant})
        assert response.status_code == 200 and response.headers["content-type"] in declared
    # spritesheet is a jpeg (API.md §7: a spec gap, the spec lists no image/jpeg)
    assert (
        http.get(f"videos/{done['id']}/content", params={"variant": "spritesheet"}).headers[
            "content-type"
        ]
        == "image/jpeg"
    )


def test_error_envelopes(emulator: EmulatorServer, http: httpx.Client) -> None:
    busy = next(v for v in emulator.world.snapshot() if v["status"] in ("queued", "in_progress"))
    check_error(http.get("videos", params={"limit": 101}), 400)
    check_error(http.get("videos/video_missing"), 404)
    assert check_error(http.get(f"videos/{busy['id']}/content"), 404)["code"] == "video_not_ready"
    check_error(http.post("videos", json={}), 400)
    check_error(http.post("videos", json={"prompt": ""}), 400)
    check_error(
        http.post("videos", content=b"{not json", headers={"content-type": "application/json"}), 400
    )
    check_error(http.post(f"videos/{busy['id']}/remix", json={"prompt": "x"}), 400)
    check_error(http.delete(f"videos/{busy['id']}"), 400)
    check_error(http.get("nothing-here"), 404)


def test_the_validator_does_catch_a_broken_video(
    emulator: EmulatorServer, http: httpx.Client, validate: Callable[[httpx.Response], None]
) -> None:
    good = http.get(f"videos/{emulator.world.snapshot()[0]['id']}")
    broken = {k: v for k, v in good.json().items() if k != "expires_at"}
    forged = httpx.Response(200, json=broken, request=good.request)
    with pytest.raises(Exception, match="InvalidData|expires_at"):
        validate(forged)
