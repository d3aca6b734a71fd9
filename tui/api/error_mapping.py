"""A failed attempt turned into one typed, redacted error (API.md §6): a status or no answer."""

from __future__ import annotations

import json
from typing import Any

import httpx

from tui.api.errors import (
    ApiConnectionError,
    ApiStatusError,
    ApiTimeoutError,
    status_error_class,
)
from tui.api.models import ErrorBody
from tui.api.redaction import Redactor
from tui.api.retry import parse_retry_after
from tui.text import one_line

CONNECT_TIMEOUT = 5.0


class ErrorMapper:
    """Names the server (``base_url``) and the timeout in its messages; never the key."""

    def __init__(self, *, base_url: str, timeout: float, redact: Redactor) -> None:
        self.base_url = base_url
        self.timeout = timeout
        self.redact = redact

    def status_error(self, response: httpx.Response) -> ApiStatusError:
        """The error class the SDK would raise for a non-2xx answer, with the server's message."""
        try:
            body: Any = json.loads(response.content)
        except ValueError:
            body = None
        parsed = ErrorBody.from_body(body)
        if parsed is None:
            parsed = ErrorBody(message=self._raw_body_message(response))
        asked = parse_retry_after(response.headers)
        field = self.redact.field
        return status_error_class(response.status_code)(
            self.redact.text(one_line(parsed.message, limit=300)),
            status=response.status_code,
            code=field(parsed.code),
            type=field(parsed.type),
            param=field(parsed.param),
            request_id=field(response.headers.get("x-request-id")),
            retry_after=asked if asked is not None and 0 < asked < float("inf") else None,
        )

    def _raw_body_message(self, response: httpx.Response) -> str:
        """A message for an error body that is not one of the API's error shapes."""
        text = response.text
        head = text.lstrip()[:64].lower()
        is_html = "html" in response.headers.get("content-type", "") or head.startswith(
            ("<!doctype html", "<html")
        )
        if is_html:
            return "HTML error page from a proxy"
        return self.redact.snippet(text) if text.strip() else ""

    def connection_error(
        self, request: httpx.Request, exc: httpx.TransportError
    ) -> ApiConnectionError:
        """What happened to a request that got no HTTP answer, in words a status bar can show."""
        base = self.base_url
        detail = self.redact.text(one_line(str(exc), limit=160)) or type(exc).__name__
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
