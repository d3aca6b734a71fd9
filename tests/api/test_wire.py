"""What the client puts on the wire, seen through httpx.MockTransport.

The emulator's request records carry method/path/query/status but not headers, so request
headers and bodies are checked here; everything else runs against the emulator over loopback.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.waiting import wait_until
from tui.api.client import RetryNotice, VideosClient
from tui.api.errors import ApiResponseError, AuthenticationError, BadRequestError, ServerError
from tui.api.headers import USER_AGENT

KEY = "sk-SENTINEL-never-show-me-0123456789"
VIDEO = {"id": "video_1", "object": "video", "status": "queued", "created_at": 1}

Handler = Callable[[httpx.Request], httpx.Response]


async def no_sleep(delay: float) -> None:
    return None


def make_client(handler: Handler, **options: Any) -> VideosClient:
    options.setdefault("base_url", "http://test.invalid/v1/")
    options.setdefault("sleep", no_sleep)
    return VideosClient(transport=httpx.MockTransport(handler), **options)


def recorder(**answer: Any) -> tuple[list[httpx.Request], Handler]:
    """A handler that keeps each request and answers 200 with ``answer`` (VIDEO by default)."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, **(answer or {"json": VIDEO}))

    return seen, handler


async def test_headers_of_a_json_request() -> None:
    seen, handler = recorder()
    async with make_client(handler, api_key=KEY, organization="org_1", project="proj_1") as client:
        await client.retrieve("video_1")
    headers = seen[0].headers
    assert str(seen[0].url) == "http://test.invalid/v1/videos/video_1"
    assert headers["authorization"] == f"Bearer {KEY}"
    assert headers["openai-organization"] == "org_1"
    assert headers["openai-project"] == "proj_1"
    assert headers["accept"] == "application/json"
    assert headers["user-agent"] == USER_AGENT and USER_AGENT.startswith("sora-tui/")
    assert headers["x-stainless-retry-count"] == "0"


async def test_optional_headers_are_absent_when_not_configured() -> None:
    seen, handler = recorder()
    async with make_client(handler) as client:
        await client.retrieve("video_1")
    for name in ("authorization", "openai-organization", "openai-project"):
        assert name not in seen[0].headers


async def test_download_asks_for_binary() -> None:
    seen, handler = recorder(content=b"\x00mp4", headers={"content-type": "video/mp4"})
    async with make_client(handler) as client:
        assert await client.download_content("video_1", "thumbnail") == b"\x00mp4"
    assert seen[0].headers["accept"] == "application/binary"
    assert seen[0].url.path == "/v1/videos/video_1/content"
    assert seen[0].url.params["variant"] == "thumbnail"


async def test_retry_count_header_counts_up() -> None:
    counts: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        counts.append(request.headers["x-stainless-retry-count"])
        return httpx.Response(503 if len(counts) < 3 else 200, json=VIDEO)

    async with make_client(handler) as client:
        await client.retrieve("video_1")
    assert counts == ["0", "1", "2"]


async def test_create_is_multipart_with_only_the_given_fields() -> None:
    seen, handler = recorder()
    async with make_client(handler) as client:
        await client.create(prompt="a cat", seconds="8")
    body = seen[0].read().decode()
    assert seen[0].headers["content-type"].startswith("multipart/form-data")
    assert 'name="prompt"' in body and "a cat" in body and 'name="seconds"' in body
    assert 'name="model"' not in body and 'name="size"' not in body


async def test_remix_is_json() -> None:
    seen, handler = recorder()
    async with make_client(handler) as client:
        await client.remix("video_1", prompt="again")
    assert seen[0].url.path == "/v1/videos/video_1/remix"
    assert seen[0].read() == b'{"prompt":"again"}'


async def test_list_sends_only_given_params_and_keeps_limit_zero() -> None:
    seen, handler = recorder(json={"object": "list", "data": []})
    async with make_client(handler) as client:
        await client.list_videos()
        await client.list_videos(limit=0)
        await client.list_videos(after="video_x", order="asc")
    assert [dict(r.url.params) for r in seen] == [
        {},
        {"limit": "0"},
        {"after": "video_x", "order": "asc"},
    ]


@pytest.mark.parametrize("bad", ["", ".", ".."])
async def test_dot_ids_are_rejected(bad: str) -> None:
    async with make_client(lambda r: httpx.Response(200, json=VIDEO)) as client:
        with pytest.raises(ValueError):
            await client.retrieve(bad)


async def test_ids_are_percent_encoded() -> None:
    seen, handler = recorder()
    async with make_client(handler) as client:
        await client.retrieve("video_a+b/c=?#")
    assert seen[0].url.raw_path == b"/v1/videos/video_a%2Bb%2Fc%3D%3F%23"


async def test_key_echoed_by_the_server_is_redacted() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        error = {
            "message": f"Incorrect API key provided: {KEY}",
            "type": "invalid_request_error",
            "param": KEY,
            "code": "invalid_api_key",
        }
        return httpx.Response(401, json={"error": error}, headers={"x-request-id": "req_1"})

    client = make_client(handler, api_key=KEY)
    with pytest.raises(AuthenticationError) as caught:
        await client.retrieve("video_1")
    await client.aclose()
    error = caught.value
    for text in (str(error), repr(error), repr(error.args), error.message, str(error.param)):
        assert KEY not in text
    assert str(error).startswith("401 Unauthorized · invalid_api_key · Incorrect API key provided:")
    assert str(error).endswith("(request req_1)")


async def test_key_echoed_in_a_garbage_body_is_redacted() -> None:
    client = make_client(lambda r: httpx.Response(200, text=f"oops {KEY}"), api_key=KEY)
    with pytest.raises(ApiResponseError) as caught:
        await client.retrieve("video_1")
    await client.aclose()
    assert KEY not in str(caught.value) and KEY not in repr(caught.value)
    assert KEY not in caught.value.snippet


def test_repr_of_client_hides_the_key() -> None:
    client = VideosClient(base_url="http://user:pw@h/v1/", api_key=KEY)
    assert KEY not in repr(client) and KEY not in str(client)
    assert client.base_url == "http://h/v1"
    assert "pw" not in repr(client)


async def test_non_json_4xx_body_becomes_the_message() -> None:
    client = make_client(lambda r: httpx.Response(400, text="bad things\nhappened"))
    with pytest.raises(BadRequestError) as caught:
        await client.retrieve("video_1")
    await client.aclose()
    assert str(caught.value) == "400 Bad Request · bad things happened"


async def test_empty_5xx_body_still_reads_well() -> None:
    client = make_client(lambda r: httpx.Response(500), max_retries=0)
    with pytest.raises(ServerError) as caught:
        await client.retrieve("video_1")
    await client.aclose()
    assert str(caught.value) == "500 Internal Server Error"


async def test_retry_after_is_kept_on_the_error() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            429, json={"error": {"message": "slow down"}}, headers={"retry-after": "300"}
        )

    client = make_client(handler)
    with pytest.raises(Exception) as caught:
        await client.retrieve("video_1")
    await client.aclose()
    assert getattr(caught.value, "retry_after", None) == 300.0


async def test_int_codes_and_detail_bodies_are_parsed() -> None:
    bodies = iter(
        [
            httpx.Response(
                429,
                json={"error": {"message": "busy", "type": None, "param": None, "code": 1042}},
                headers={"x-should-retry": "false"},
            ),
            httpx.Response(404, json={"detail": "Generation is still in-progress"}),
        ]
    )
    client = make_client(lambda r: next(bodies))
    with pytest.raises(Exception) as first:
        await client.retrieve("video_1")
    with pytest.raises(Exception) as second:
        await client.retrieve("video_1")
    await client.aclose()
    assert getattr(first.value, "code", None) == "1042"
    assert str(first.value) == "429 Too Many Requests · 1042 · busy"
    assert str(second.value) == "404 Not Found · Generation is still in-progress"


async def test_unexpected_shape_is_a_response_error() -> None:
    client = make_client(lambda r: httpx.Response(200, json={"object": "video"}))
    with pytest.raises(ApiResponseError) as caught:
        await client.retrieve("video_1")
    await client.aclose()
    assert "unexpected Video: id field required" in str(caught.value)


async def test_retry_wait_is_cancellable() -> None:
    notices: list[RetryNotice] = []
    client = VideosClient(
        base_url="http://test.invalid/v1",
        transport=httpx.MockTransport(
            lambda r: httpx.Response(503, headers={"retry-after": "100"})
        ),
        on_retry=notices.append,
    )
    task = asyncio.create_task(client.retrieve("video_1"))
    await wait_until(lambda: notices, what="the first retry notice")
    assert notices == [RetryNotice(1, 100.0, "503 Service Unavailable")]
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await client.aclose()


async def test_stream_content_reports_length_and_type() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"x" * 1000, headers={"content-type": "image/webp"})

    async with (
        make_client(handler) as client,
        client.stream_content("video_1", "thumbnail") as stream,
    ):
        assert stream.total == 1000 and stream.content_type == "image/webp"
        assert b"".join([c async for c in stream.aiter_bytes()]) == b"x" * 1000
