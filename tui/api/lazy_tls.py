"""An httpx transport that loads the CA bundle only when a request first needs TLS."""

from __future__ import annotations

import httpx


class LazyTLSTransport(httpx.AsyncBaseTransport):
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
