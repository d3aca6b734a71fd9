"""The emulator's own record of its TCP connections: a fault can drop one with a real RST, and a
stop can end them all at once.

ASGI gives an application no way to drop its connection: an app that raises gets a 500
(django/asgiref#47; the same gap in another server: pgjones/hypercorn#313), and uvicorn keeps its
connections to itself. So the emulator runs uvicorn on an event loop of its own whose public
``create_server`` wraps each connection's protocol; the wrapper files the transport under the
peer address, which the application finds again in the ASGI scope's ``client``.
"""

from __future__ import annotations

import asyncio
import socket
import struct
from collections.abc import Callable
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

ABORT_EXTENSION = "emulator.abort"  # the scope extension playback calls to drop the connection

Peer = tuple[str, int]
ProtocolFactory = Callable[[], asyncio.BaseProtocol]


class Connections:
    """Open connections by peer address, and the listening servers, of one emulator."""

    def __init__(self) -> None:
        self.transports: dict[Peer, asyncio.BaseTransport] = {}
        self.servers: list[asyncio.Server] = []

    def tracking(self, factory: ProtocolFactory) -> ProtocolFactory:
        """A protocol factory like `factory` whose connections are recorded here."""
        return lambda: _Tracked(factory(), self)

    def reset(self, peer: Peer) -> bool:
        """Drop the connection to `peer` so the kernel sends a TCP RST (SO_LINGER 0, then abort)."""
        transport = self.transports.pop(peer, None)
        if not isinstance(transport, asyncio.WriteTransport):
            return False
        sock = transport.get_extra_info("socket")
        if sock is not None:
            try:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            except OSError:
                pass
        transport.abort()
        return True

    def close_all(self) -> None:
        """Stop listening and abort every open connection (a stop does not wait for answers)."""
        for server in self.servers:
            server.close()
        for transport in list(self.transports.values()):
            if isinstance(transport, asyncio.WriteTransport):
                transport.abort()
            else:
                transport.close()
        self.transports.clear()

    def with_abort(self, app: ASGIApp) -> ASGIApp:
        """`app`, with the abort callable in every HTTP request's scope extensions."""

        async def app_with_abort(scope: Scope, receive: Receive, send: Send) -> None:
            client = scope.get("client")
            if scope["type"] == "http" and client is not None:
                peer = (str(client[0]), int(client[1]))
                extensions = scope.setdefault("extensions", {})
                extensions[ABORT_EXTENSION] = lambda: self.reset(peer)
            await app(scope, receive, send)

        return app_with_abort


class _Tracked(asyncio.Protocol):
    """The server's protocol, unchanged, with its transport filed under the peer's address."""

    def __init__(self, inner: asyncio.BaseProtocol, connections: Connections) -> None:
        self.inner = inner
        self.connections = connections
        self.peer: Peer | None = None
        self.transport: asyncio.BaseTransport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        peername = transport.get_extra_info("peername")
        if isinstance(peername, tuple) and len(peername) >= 2:
            self.peer, self.transport = (str(peername[0]), int(peername[1])), transport
            self.connections.transports[self.peer] = transport
        self.inner.connection_made(transport)

    def connection_lost(self, exc: Exception | None) -> None:
        transports = self.connections.transports
        if self.peer is not None and transports.get(self.peer) is self.transport:
            del transports[self.peer]  # a later connection from the same port is not ours to drop
        self.inner.connection_lost(exc)

    def pause_writing(self) -> None:
        self.inner.pause_writing()

    def resume_writing(self) -> None:
        self.inner.resume_writing()

    def data_received(self, data: bytes) -> None:
        assert isinstance(self.inner, asyncio.Protocol)
        self.inner.data_received(data)

    def eof_received(self) -> bool | None:
        assert isinstance(self.inner, asyncio.Protocol)
        return self.inner.eof_received()


class TrackingLoop(asyncio.SelectorEventLoop):
    """An asyncio loop whose servers record their connections in `connections`."""

    def __init__(self, connections: Connections) -> None:
        super().__init__()
        self.connections = connections

    async def create_server(
        self, protocol_factory: ProtocolFactory, *args: Any, **kwargs: Any
    ) -> asyncio.Server:
        server = await super().create_server(
            self.connections.tracking(protocol_factory), *args, **kwargs
        )
        self.connections.servers.append(server)
        return server
