"""Async client for the Videos API: one method per endpoint, SDK-faithful retries, typed errors."""

from __future__ import annotations

import asyncio
import json
import random
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any, Self, TypeVar
from urllib.parse import quote, urlsplit, urlunsplit

import httpx
from pydantic import BaseModel, ValidationError

from tui.api.errors import (
    ApiConnectionError,
    ApiError,
    ApiResponseError,
    ApiStatusError,
    ApiTimeoutError,
    status_error_class,
)
from tui.api.models import DeletedVideo, ErrorBody, Video, VideoList
from tui.api.retry import parse_retry_after, retry_delay, should_retry
from tui.text import one_line

JSON_ACCEPT = "application/json"
BINARY_ACCEPT = "application/binary"
CONNECT_TIMEOUT = 5.0
Model = TypeVar("Model", bound=BaseModel)


def _version() -> str:
    try:
        return metadata.version("sora-tui")
    except metadata.PackageNotFoundError:
        return "0.0.0"


USER_AGENT = f"sora-tui/{_version()}"


@dataclass(frozen=True)
class RetryNotice:
    """Said before each retry wait, so a UI can show "retrying in 0.8 s (503 Service Unavailable)"."""

    attempt: int  # the retry about to happen: 1 for the first retry
    delay: float  # seconds we are about to wait
    reason: str  # "503 Service Unavailable", "connection reset", "timed out"...


IMAGE_VARIANTS = frozenset({"thumbnail", "spritesheet"})
# Types that name no kind of content (some servers label every file so): the bytes decide.
_UNLABELLED = frozenset(
    {"", "application/octet-stream", "binary/octet-stream", "application/binary"}
)


def content_mismatch(variant: str, content_type: str | None) -> str | None:
    """Why a ``/content`` reply is not the picture ``variant`` asked for, or None if it may be.

    LiteLLM and SGLang ignore ``variant`` and send the mp4 for a thumbnail or a spritesheet
    (API.md §8): named like a picture, or decoded as one, it would only mislead.
    """
    media = media_type(content_type)
    if variant not in IMAGE_VARIANTS or media in _UNLABELLED or media.startswith("image/"):
        return None
    if media.startswith("video/"):  # the server's answer to every variant: a fact about it
        return f"the server sent {media} for the {variant}: it does not serve {variant}s"
    return f"not an image: the server sent {media} for the {variant}"


def media_type(content_type: str | None) -> str:
    """``image/webp`` of ``image/webp; charset=binary``, lower case, inert; "" when absent."""
    return one_line((content_type or "").partition(";")[0].strip().lower(), limit=60)


@dataclass
class ContentStream:
    """An open ``/content`` response: read it chunk by chunk."""

    total: int | None
    content_type: str | None
    _response: httpx.Response = field(repr=False)
    _describe: Callable[[httpx.TransportError], ApiConnectionError] = field(repr=False)
    variant: str = "video"

    @property
    def media_type(self) -> str:
        return media_type(self.content_type)

    @property
    def mismatch(self) -> str | None:
        """Why this is not the variant asked for (judged by its Content-Type), else None."""
        return content_mismatch(self.variant, self.content_type)

    async def aiter_bytes(self, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        try:
            async for chunk in self._response.aiter_bytes(chunk_size):
                yield chunk
        except httpx.TransportError as exc:
            raise self._describe(exc) from None


def path_id(video_id: str) -> str:
    """A path segment for an id, percent-encoded per RFC 3986 (``/`` becomes ``%2F``)."""
    if video_id in ("", ".", ".."):
        raise ValueError(f"not a usable id for a URL path: {video_id!r}")
    return quote(video_id, safe="")


def _strip_userinfo(url: str) -> str:
    parts = urlsplit(url.rstrip("/"))
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))


class _LazyTLSTransport(httpx.AsyncBaseTransport):
    """httpx's own transport, one per scheme, each built on first use. Building one for
    https loads the CA bundle (30-70 ms at start-up); a server on plain http:// (the emulator,
    a local relay) never needs it. A redirect to https:// (a CDN) still gets full verification."""

    def __init__(self) -> None:
        self._transports: dict[str, httpx.AsyncHTTPTransport] = {}

    def _for(self, scheme: str) -> httpx.AsyncHTTPTransport:
        transport = self._transports.get(scheme)
        if transport is None:
            # No TLS is ever negotiated on http://: no certificates to load for it.
            transport = httpx.AsyncHTTPTransport(verify=scheme != "http")
            self._transports[scheme] = transport
        return transport

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self._for(request.url.scheme).handle_async_request(request)

    async def aclose(self) -> None:
        for transport in self._transports.values():
            await transport.aclose()


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
        self.max_retries = max_retries
        self.on_retry = on_retry
        self._sleep = sleep
        self._rng = rng
        self._secret = api_key or ""
        headers = {"User-Agent": USER_AGENT, "Accept": JSON_ACCEPT}
        if api_key:
            headers["Authorization"] = f"Bearer {api_key}"
        if organization:
            headers["OpenAI-Organization"] = organization
        if project:
            headers["OpenAI-Project"] = project
        self._http = httpx.AsyncClient(
            base_url=base_url.rstrip("/"),
            headers=headers,
            timeout=httpx.Timeout(timeout, connect=CONNECT_TIMEOUT),
            follow_redirects=True,
            transport=transport or _LazyTLSTransport(),
        )

    def __repr__(self) -> str:
        key = "set" if self._secret else "unset"
        return f"VideosClient(base_url={self.base_url!r}, api_key={key})"

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    # --- endpoints -------------------------------------------------------------------

    async def list_videos(
        self, *, after: str | None = None, limit: int | None = None, order: str | None = None
    ) -> VideoList:
        given = {"after": after, "limit": limit, "order": order}
        params = {name: value for name, value in given.items() if value is not None}
        return self._parse(await self._send("GET", "/videos", params=params), VideoList)

    async def retrieve(self, video_id: str) -> Video:
        return self._parse(await self._send("GET", f"/videos/{path_id(video_id)}"), Video)

    async def delete(self, video_id: str) -> DeletedVideo:
        response = await self._send("DELETE", f"/videos/{path_id(video_id)}")
        return self._parse(response, DeletedVideo)

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
        return self._parse(await self._send("POST", "/videos", files=files), Video)

    async def remix(self, video_id: str, *, prompt: str) -> Video:
        path = f"/videos/{path_id(video_id)}/remix"
        return self._parse(await self._send("POST", path, json={"prompt": prompt}), Video)

    async def download_content(self, video_id: str, variant: str = "video") -> bytes:
        response = await self._send(
            "GET", self._content_path(video_id), params={"variant": variant}, accept=BINARY_ACCEPT
        )
        return response.content

    @asynccontextmanager
    async def stream_content(
        self, video_id: str, variant: str = "video"
    ) -> AsyncIterator[ContentStream]:
        response = await self._send(
            "GET",
            self._content_path(video_id),
            params={"variant": variant},
            accept=BINARY_ACCEPT,
            stream=True,
        )
        try:
            length = response.headers.get("content-length")
            yield ContentStream(
                total=int(length) if length and length.isdigit() else None,
                content_type=response.headers.get("content-type"),
                _response=response,
                _describe=lambda exc: self._transport_error(response.request, exc),
                variant=variant,
            )
        finally:
            await response.aclose()

    @staticmethod
    def _content_path(video_id: str) -> str:
        return f"/videos/{path_id(video_id)}/content"

    # --- the retry loop -----------------------------------------------------------------

    async def _send(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        files: Mapping[str, Any] | None = None,
        accept: str = JSON_ACCEPT,
        stream: bool = False,
    ) -> httpx.Response:
        retries_taken = 0
        while True:
            headers = {"Accept": accept, "x-stainless-retry-count": str(retries_taken)}
            request = self._http.build_request(
                method, path, params=params, json=json, files=files, headers=headers
            )
            response, error, error_headers = await self._attempt(request, stream)
            if response is not None:
                return response
            assert error is not None
            if isinstance(error, ApiStatusError) and not should_retry(error.status, error_headers):
                raise error
            delay = retry_delay(retries_taken, error_headers, self._rng)
            if retries_taken >= self.max_retries or delay is None:
                raise error
            retries_taken += 1
            if self.on_retry is not None:
                self.on_retry(RetryNotice(retries_taken, delay, _short_reason(error)))
            await self._sleep(delay)

    async def _attempt(
        self, request: httpx.Request, stream: bool
    ) -> tuple[httpx.Response | None, ApiError | None, httpx.Headers | None]:
        try:
            response = await self._http.send(request, stream=stream)
            if response.is_success:
                return response, None, None
            if stream:
                try:
                    await response.aread()
                finally:
                    await response.aclose()
        except httpx.TransportError as exc:
            return None, self._transport_error(request, exc), None
        return None, self._status_error(response), response.headers

    # --- turning answers into values or errors -----------------------------------------

    def _redact(self, text: str) -> str:
        if len(self._secret) >= 4:
            return text.replace(self._secret, "[redacted key]")
        return text

    def _snippet(self, text: str, limit: int = 60) -> str:
        line = one_line(text, limit=limit + 1)
        return self._redact(line[:limit] + "…" if len(line) > limit else line)

    def _parse(self, response: httpx.Response, model: type[Model]) -> Model:
        request_id = response.headers.get("x-request-id")
        try:
            body = json.loads(response.content)
        except ValueError:
            raw = response.content.lstrip()[:1]
            problem = "truncated JSON" if raw in (b"{", b"[") else "not JSON"
            raise ApiResponseError(
                problem, status=response.status_code, snippet=self._snippet(response.text),
                request_id=request_id,
            ) from None
        try:
            return model.model_validate(body)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(part) for part in first["loc"]) or "body"
            problem = f"unexpected {model.__name__}: {where} {first['msg'].lower()}"
            raise ApiResponseError(
                self._redact(problem), status=response.status_code,
                snippet=self._snippet(response.text), request_id=request_id,
            ) from None

    def _status_error(self, response: httpx.Response) -> ApiStatusError:
        try:
            body: Any = json.loads(response.content)
        except ValueError:
            body = None
        parsed = ErrorBody.from_body(body)
        text = response.text
        if parsed is None:
            parsed = ErrorBody(message=_describe_raw_body(response, text, self._snippet))
        asked = parse_retry_after(response.headers)
        return status_error_class(response.status_code)(
            self._redact(one_line(parsed.message, limit=300)),
            status=response.status_code,
            code=self._clean(parsed.code),
            type=self._clean(parsed.type),
            param=self._clean(parsed.param),
            request_id=self._clean(response.headers.get("x-request-id")),
            retry_after=asked if asked is not None and 0 < asked < float("inf") else None,
        )

    def _clean(self, value: str | None) -> str | None:
        return self._redact(one_line(value, limit=120)) if value else None

    def _transport_error(self, request: httpx.Request, exc: httpx.TransportError) -> ApiConnectionError:
        base = self.base_url
        detail = self._redact(one_line(str(exc), limit=160)) or type(exc).__name__
        where = f"{request.method} {request.url.path}"
        if isinstance(exc, httpx.ConnectTimeout):
            return ApiTimeoutError(f"timed out connecting to {base} after {CONNECT_TIMEOUT:g} s")
        if isinstance(exc, httpx.TimeoutException):
            return ApiTimeoutError(f"no answer from {base} within {self.timeout:g} s ({where})")
        if isinstance(exc, httpx.ConnectError):
            if "refused" in detail.lower() or _caused_by(exc, ConnectionRefusedError):
                return ApiConnectionError(f"connection refused to {base}")
            return ApiConnectionError(f"cannot connect to {base} ({detail})")
        if isinstance(exc, (httpx.ReadError, httpx.WriteError, httpx.RemoteProtocolError)):
            return ApiConnectionError(f"connection reset by {base} ({where}: {detail})")
        return ApiConnectionError(f"cannot talk to {base} ({detail})")


def _describe_raw_body(
    response: httpx.Response, text: str, snippet: Callable[[str], str]
) -> str:
    """A message for an error body that is not one of the API's error shapes."""
    head = text.lstrip()[:64].lower()
    is_html = "html" in response.headers.get("content-type", "") or head.startswith(
        ("<!doctype html", "<html")
    )
    if is_html:
        return "HTML error page from a proxy"
    return snippet(text) if text.strip() else ""


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    """Whether ``kind`` is anywhere in the cause chain (anyio wraps refusals in groups)."""
    pending: list[BaseException] = [exc]
    seen: set[int] = set()
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, kind):
            return True
        if isinstance(current, BaseExceptionGroup):
            pending.extend(current.exceptions)
        pending.extend(e for e in (current.__cause__, current.__context__) if e is not None)
    return False


def _short_reason(error: ApiError) -> str:
    if isinstance(error, ApiStatusError):
        return f"{error.status} {error.reason}".strip()
    if isinstance(error, ApiTimeoutError):
        return "timed out"
    message = error.message
    for reason in ("connection refused", "connection reset", "cannot connect"):
        if message.startswith(reason):
            return reason
    return "connection error"
