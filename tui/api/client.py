"""Async client for the Videos API: one method per endpoint, SDK-faithful retries, typed errors.

Its parts live beside it: the retry loop in ``sender``, failures into typed errors in
``error_mapping``, bodies into models in ``decode``, ``/content`` streams in ``content``.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any, Final, Self
from urllib.parse import quote, urlsplit, urlunsplit

import httpx

from tui.api.content import ContentStream, content_mismatch
from tui.api.decode import Model, decode
from tui.api.error_mapping import CONNECT_TIMEOUT, ErrorMapper
from tui.api.headers import BINARY_ACCEPT, USER_AGENT, default_headers
from tui.api.lazy_tls import LazyTLSTransport
from tui.api.models import DeletedVideo, Video, VideoList
from tui.api.redaction import Redactor
from tui.api.request_written import REQUEST_WRITTEN
from tui.api.sender import RetryingSender, RetryNotice

# Importers of the old single-module client still find these here.
__all__ = [
    "REQUEST_WRITTEN",
    "USER_AGENT",
    "ContentStream",
    "RetryNotice",
    "VideosClient",
    "content_mismatch",
    "path_id",
]

_WRITTEN_EVENT: Final = "http11.send_request_body.complete"  # httpcore's `trace` extension


def path_id(video_id: str) -> str:
    """A path segment for an id, percent-encoded per RFC 3986 (``/`` becomes ``%2F``)."""
    if video_id in ("", ".", ".."):
        raise ValueError(f"not a usable id for a URL path: {video_id!r}")
    return quote(video_id, safe="")


def _strip_userinfo(url: str) -> str:
    parts = urlsplit(url.rstrip("/"))
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))


async def _trace_when_asked(request: httpx.Request) -> None:
    """Let the task that set REQUEST_WRITTEN know when this request has been written."""
    written = REQUEST_WRITTEN.get()
    if written is None:
        return

    async def trace(event: str, info: object) -> None:
        if event == _WRITTEN_EVENT:
            written()

    request.extensions["trace"] = trace


class VideosClient:
    """``/videos`` over one pooled HTTP/1.1 connection set. Use as ``async with``."""

    def __init__(
        self,
        *,
        base_url: str,
        api_key: str | None = None,
        organization: str | None = None,
        project: str | None = None,
        timeout: float = 20.0,
        max_retries: int = 2,
        on_retry: Callable[[RetryNotice], None] | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        rng: Callable[[], float] = random.random,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        if max_retries < 0:
            raise ValueError("max_retries must be >= 0")
        self.base_url = _strip_userinfo(base_url)
        self.timeout = timeout
        self._has_key = bool(api_key)
        self._redact = Redactor(api_key or "")
        self._errors = ErrorMapper(base_url=self.base_url, timeout=timeout, redact=self._redact)
        self._http = httpx.AsyncClient(
            base_url=base_url.rstrip("/"),
            headers=default_headers(api_key, organization, project),
            timeout=httpx.Timeout(timeout, connect=CONNECT_TIMEOUT),
            follow_redirects=True,
            transport=transport or LazyTLSTransport(),
            event_hooks={"request": [_trace_when_asked]},
        )
        self.sender = RetryingSender(self._http, self._errors, max_retries, on_retry, sleep, rng)

    def __repr__(self) -> str:
        key = "set" if self._has_key else "unset"
        return f"VideosClient(base_url={self.base_url!r}, api_key={key})"

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    async def list_videos(
        self, *, after: str | None = None, limit: int | None = None, order: str | None = None
    ) -> VideoList:
        given = {"after": after, "limit": limit, "order": order}
        params = {name: value for name, value in given.items() if value is not None}
        return await self._call(VideoList, "GET", "/videos", params=params)

    async def retrieve(self, video_id: str) -> Video:
        return await self._call(Video, "GET", f"/videos/{path_id(video_id)}")

    async def delete(self, video_id: str) -> DeletedVideo:
        return await self._call(DeletedVideo, "DELETE", f"/videos/{path_id(video_id)}")

    async def create(
        self,
        *,
        prompt: str,
        model: str | None = None,
        size: str | None = None,
        seconds: str | None = None,
    ) -> Video:
        # Multipart like the SDK (servers built for it must accept it); only the given fields.
        given = {"prompt": prompt, "model": model, "size": size, "seconds": seconds}
        files = {name: (None, value) for name, value in given.items() if value is not None}
        return await self._call(Video, "POST", "/videos", files=files)

    async def remix(self, video_id: str, *, prompt: str) -> Video:
        path = f"/videos/{path_id(video_id)}/remix"
        return await self._call(Video, "POST", path, json={"prompt": prompt})

    async def download_content(self, video_id: str, variant: str = "video") -> bytes:
        return (await self._content(video_id, variant, stream=False)).content

    @asynccontextmanager
    async def stream_content(
        self, video_id: str, variant: str = "video"
    ) -> AsyncIterator[ContentStream]:
        response = await self._content(video_id, variant, stream=True)
        try:
            yield ContentStream.of(
                response, variant, lambda exc: self._errors.connection_error(response.request, exc)
            )
        finally:
            await response.aclose()

    async def _call(self, model: type[Model], method: str, path: str, **options: Any) -> Model:
        return decode(await self.sender.send(method, path, **options), model, self._redact)

    async def _content(self, video_id: str, variant: str, *, stream: bool) -> httpx.Response:
        path = f"/videos/{path_id(video_id)}/content"
        return await self.sender.send(
            "GET", path, params={"variant": variant}, accept=BINARY_ACCEPT, stream=stream
        )
