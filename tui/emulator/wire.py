"""The outer ASGI layer: OpenAI response headers, request records, fault injection and auth."""

from __future__ import annotations

import collections
import hmac
import secrets
import threading
import time
from dataclasses import dataclass
from urllib.parse import parse_qsl

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .faults import FaultPlan
from .flavours import Flavour
from .playback import play

CONTROL_PREFIX = "/_emulator/"
RATE_LIMIT_REQUESTS = 5000  # per minute, as advertised in x-ratelimit-limit-requests


@dataclass(frozen=True)
class RequestRecord:
    method: str
    path: str
    query: dict[str, str]
    status: int  # 0 when no response was sent (reset, hang)


class RateWindow:
    """Requests seen in the last minute, for the x-ratelimit-* headers (advisory: never enforced)."""

    def __init__(self, limit: int = RATE_LIMIT_REQUESTS) -> None:
        self.limit = limit
        self._times: collections.deque[float] = collections.deque()
        self._lock = threading.Lock()

    def hit(self) -> tuple[int, float]:
        """Record a request; returns (remaining, seconds until a slot frees up)."""
        now = time.monotonic()
        with self._lock:
            while self._times and now - self._times[0] >= 60.0:
                self._times.popleft()
            self._times.append(now)
            remaining = max(0, self.limit - len(self._times))
            reset = 60.0 / self.limit if remaining else 60.0 - (now - self._times[0])
            return remaining, reset


class WireMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        *,
        flavour: Flavour,
        faults: FaultPlan,
        records: list[RequestRecord],
        api_key: str | None,
    ) -> None:
        self.app = app
        self.flavour = flavour
        self.faults = faults
        self.records = records
        self.api_key = api_key
        self.rate = RateWindow()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        remaining, reset = self.rate.hit()
        recorded = False

        def record(status: int) -> None:
            nonlocal recorded
            if not recorded:
                recorded = True
                query = dict(
                    parse_qsl(
                        scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True
                    )
                )
                self.records.append(RequestRecord(scope["method"], scope["path"], query, status))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                # Recorded before the answer leaves, so a client that got it always finds its record.
                record(message["status"])
                headers = MutableHeaders(scope=message)
                headers["x-request-id"] = f"req_{secrets.token_hex(16)}"
                headers["openai-processing-ms"] = str(int((time.perf_counter() - started) * 1000))
                headers["openai-version"] = "2020-10-01"
                headers["x-ratelimit-limit-requests"] = str(self.rate.limit)
                headers["x-ratelimit-remaining-requests"] = str(remaining)
                headers["x-ratelimit-reset-requests"] = f"{max(1, int(reset * 1000))}ms"
            await send(message)

        try:
            if scope["path"].startswith(
                CONTROL_PREFIX
            ):  # the control plane is never faulted nor authenticated
                await self.app(scope, receive, send_with_headers)
                return
            fault = self.faults.take(scope["method"], scope["path"])
            if fault is None:
                await self._authenticated(scope, receive, send_with_headers)
                return
            if fault.kind == "reset":
                record(0)  # before the client can notice the reset
            await play(fault, self._authenticated, scope, receive, send_with_headers, self.flavour)
        finally:
            record(0)  # no answer was sent (hang, crash)

    async def _authenticated(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.api_key is not None:
            header = dict(scope["headers"]).get(b"authorization", b"").decode("latin-1")
            scheme, _, token = header.partition(" ")
            if not header:
                response = self.flavour.error(
                    401,
                    "You didn't provide an API key. You need to provide your API key in an Authorization "
                    "header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
                )
                await response(scope, receive, send)
                return
            if scheme.lower() != "bearer" or not hmac.compare_digest(
                token.strip().encode(), self.api_key.encode()
            ):
                # Never echo the key back: the real message quotes a masked key, this one quotes nothing.
                response = self.flavour.error(
                    401, "Incorrect API key provided.", code="invalid_api_key"
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
