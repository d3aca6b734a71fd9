"""One request sent until it is answered with success or the SDK's retry rules give up (API.md §5)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from tui.api.error_mapping import ErrorMapper
from tui.api.errors import ApiError, ApiStatusError, ApiTimeoutError
from tui.api.headers import JSON_ACCEPT
from tui.api.retry import retry_delay, should_retry


@dataclass(frozen=True)
class RetryNotice:
    """Said before each retry wait, so a UI can show "retrying in 0.8 s (503 Service Unavailable)"."""

    attempt: int  # the retry about to happen: 1 for the first retry
    delay: float  # seconds we are about to wait
    reason: str  # "503 Service Unavailable", "connection reset", "timed out"...


@dataclass
class RetryingSender:
    """Sends over ``http``; a failure becomes a typed error by ``errors``; waits by ``sleep``."""

    http: httpx.AsyncClient
    errors: ErrorMapper
    max_retries: int
    on_retry: Callable[[RetryNotice], None] | None
    sleep: Callable[[float], Awaitable[None]]
    rng: Callable[[], float]

    async def send(
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
        """A 2xx response (left open when ``stream``), or the last attempt's error raised."""
        retries_taken = 0
        while True:
            headers = {"Accept": accept, "x-stainless-retry-count": str(retries_taken)}
            request = self.http.build_request(
                method, path, params=params, json=json, files=files, headers=headers
            )
            response, error, error_headers = await self._attempt(request, stream)
            if response is not None:
                return response
            assert error is not None
            if isinstance(error, ApiStatusError) and not should_retry(error.status, error_headers):
                raise error
            delay = retry_delay(retries_taken, error_headers, self.rng)
            if retries_taken >= self.max_retries or delay is None:
                raise error
            retries_taken += 1
            if self.on_retry is not None:
                self.on_retry(RetryNotice(retries_taken, delay, short_reason(error)))
            await self.sleep(delay)

    async def _attempt(
        self, request: httpx.Request, stream: bool
    ) -> tuple[httpx.Response | None, ApiError | None, httpx.Headers | None]:
        try:
            response = await self.http.send(request, stream=stream)
            if response.is_success:
                return response, None, None
            if stream:  # read the error body now: the error quotes it
                try:
                    await response.aread()
                finally:
                    await response.aclose()
        except httpx.TransportError as exc:
            return None, self.errors.connection_error(request, exc), None
        return None, self.errors.status_error(response), response.headers


def short_reason(error: ApiError) -> str:
    """The few words of a RetryNotice: the status, or the kind of connection failure."""
    if isinstance(error, ApiStatusError):
        return f"{error.status} {error.reason}".strip()
    if isinstance(error, ApiTimeoutError):
        return "timed out"
    message = error.message
    for reason in ("connection refused", "connection reset", "cannot connect"):
        if message.startswith(reason):
            return reason
    return "connection error"
