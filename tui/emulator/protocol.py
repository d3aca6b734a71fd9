"""An h11 protocol for uvicorn that lets the app drop its connection (the "reset" fault).

ASGI has no way to abort a connection: an app that raises gets a 500. This protocol puts an
`emulator.abort` callable into each request's scope extensions; it sets SO_LINGER to 0 and
aborts the transport, so the kernel sends a TCP RST and the client sees "connection reset".
"""

from __future__ import annotations

import asyncio
import socket
import struct
from typing import Any

from starlette.types import Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

from .playback import ABORT_EXTENSION


class ResettableH11Protocol(H11Protocol):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        inner = self.app

        async def app_with_abort(scope: Scope, receive: Receive, send: Send) -> None:
            scope.setdefault("extensions", {})[ABORT_EXTENSION] = self.abort_connection
            await inner(scope, receive, send)

        self.app = app_with_abort

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)  # type: ignore[arg-type]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            try:  # headers and body are separate writes: don't let Nagle hold the body back
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError:
                pass

    def abort_connection(self) -> None:
        sock = self.transport.get_extra_info("socket")
        if sock is not None:
            try:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            except OSError:
                pass
        self.transport.abort()
