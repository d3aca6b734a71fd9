"""How each fault kind looks on the wire (raw ASGI, so it can cut bodies and drop connections)."""

from __future__ import annotations

import asyncio
from http import HTTPStatus
from urllib.parse import parse_qsl, urlencode

from starlette.responses import HTMLResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .connections import ABORT_EXTENSION
from .faults import Fault
from .flavours import Flavour

HANG_LIMIT_SECONDS = 300.0

_STATUS_ERRORS: dict[int, tuple[str, str, str | None]] = {
    401: ("Incorrect API key provided.", "invalid_request_error", "invalid_api_key"),
    403: ("You are not allowed to sample from this model.", "invalid_request_error", None),
    408: ("Request timed out.", "invalid_request_error", None),
    409: (
        "The request conflicts with the current state of the resource.",
        "invalid_request_error",
        None,
    ),
    429: (
        "Rate limit reached for requests. Please try again later.",
        "requests",
        "rate_limit_exceeded",
    ),
    500: (
        "The server had an error while processing your request. Sorry about that!",
        "server_error",
        None,
    ),
    502: ("Bad gateway.", "server_error", None),
    503: ("The server is overloaded or not ready yet.", "server_error", None),
    504: ("Gateway timeout.", "server_error", None),
}
_GARBAGE = b'\x00\x1f<<<upstream noise>>> \xde\xad\xbe\xef {"data": [ nope'


def fault_headers(fault: Fault) -> dict[str, str]:
    headers = {}
    if fault.retry_after is not None:
        headers["retry-after"] = fault.retry_after
    if fault.retry_after_ms is not None:
        headers["retry-after-ms"] = fault.retry_after_ms
    if fault.should_retry is not None:
        headers["x-should-retry"] = fault.should_retry
    return headers


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def status_response(fault: Fault, flavour: Flavour) -> Response:
    message, kind, code = _STATUS_ERRORS.get(
        fault.status,
        (
            f"Emulated fault: {fault.status} {_phrase(fault.status)}.",
            "server_error" if fault.status >= 500 else "invalid_request_error",
            None,
        ),
    )
    if fault.message is not None:
        message = fault.message
    return flavour.error(fault.status, message, type=kind, code=code, headers=fault_headers(fault))


def html_response(fault: Fault) -> Response:
    status = 502 if fault.status == 500 else fault.status
    title = f"{status} {_phrase(status)}"
    page = (
        f"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n"
        "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
    )
    return HTMLResponse(page, status_code=status, headers=fault_headers(fault))


async def play(
    fault: Fault, app: ASGIApp, scope: Scope, receive: Receive, send: Send, flavour: Flavour
) -> None:
    """Answer this request the way `fault` says (`app` is the real application, for kinds that use it)."""
    if fault.kind == "status":
        await status_response(fault, flavour)(scope, receive, send)
    elif fault.kind == "html":
        await html_response(fault)(scope, receive, send)
    elif fault.kind == "garbage":
        await Response(_GARBAGE, media_type="application/json")(scope, receive, send)
    elif fault.kind == "truncated":
        await _truncated(app, scope, receive, send)
    elif fault.kind == "reset":
        await _reset(scope)
    elif fault.kind == "slow":
        await asyncio.sleep(fault.delay)
        await app(scope, receive, send)
    elif fault.kind == "hang":
        await _hang(scope, receive, send, flavour)
    elif fault.kind == "repeat":
        await app(_without_after(scope), receive, send)


def _without_after(scope: Scope) -> Scope:
    """The same request with `after` dropped from its query string."""
    query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    kept = urlencode([(name, value) for name, value in query if name != "after"])
    return {**scope, "query_string": kept.encode("latin-1")}


async def _truncated(app: ASGIApp, scope: Scope, receive: Receive, send: Send) -> None:
    """The real answer (side effects included), with a consistent Content-Length but half the body."""
    messages: list[Message] = []

    async def capture(message: Message) -> None:
        messages.append(message)

    await app(scope, receive, capture)
    start = messages[0]
    body = b"".join(m.get("body", b"") for m in messages[1:])
    cut = body[: max(1, len(body) // 2)]
    headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
    headers.append((b"content-length", str(len(cut)).encode()))
    await send({**start, "headers": headers})
    await send({"type": "http.response.body", "body": cut, "more_body": False})


async def _reset(scope: Scope) -> None:
    abort = scope.get("extensions", {}).get(ABORT_EXTENSION)
    if abort is None:
        raise ConnectionAbortedError("reset fault: this server cannot drop connections")
    abort()
    for _ in range(3):  # let the server notice the lost connection before the app returns
        await asyncio.sleep(0)


async def _hang(scope: Scope, receive: Receive, send: Send, flavour: Flavour) -> None:
    async def until_disconnect() -> None:
        while (await receive())["type"] != "http.disconnect":
            pass

    try:
        await asyncio.wait_for(until_disconnect(), HANG_LIMIT_SECONDS)
    except asyncio.CancelledError:  # the server is stopping: drop the connection quietly
        await _reset(scope)
    except TimeoutError:
        await flavour.error(504, "Gateway timeout.", type="server_error")(scope, receive, send)
