"""One run of uvicorn through its public ``serve(sockets=)``, on a loop of ours that tracks the
connections (connections.TrackingLoop): in the foreground (the CLI) or in a daemon thread.

A thread's stop does not go through uvicorn's graceful shutdown: that one polls ``should_exit``
every 0.1 s and then sleeps another 0.1 s (Kludex/uvicorn#742: no prompt programmatic stop), which
a test suite that starts hundreds of emulators pays again and again. The stop aborts every
connection and cancels ``serve()`` instead. The foreground (Ctrl-C) keeps uvicorn's own shutdown.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Callable, Coroutine
from typing import Any

import uvicorn
from starlette.types import ASGIApp

from .connections import Connections, TrackingLoop

Background = Callable[[], Coroutine[Any, Any, None]]

_START_TIMEOUT = 10.0
_STOP_TIMEOUT = 5.0


class Serving:
    """`app` on the listening socket `sock`, with `background` (if any) running beside it."""

    def __init__(
        self,
        app: ASGIApp,
        sock: socket.socket,
        connections: Connections,
        background: Background | None = None,
    ) -> None:
        host, port = sock.getsockname()[:2]
        config = uvicorn.Config(
            app,
            host=host,
            port=port,
            http="h11",
            ws="none",
            lifespan="off",
            log_level="warning",
            access_log=False,
            timeout_graceful_shutdown=1,
            server_header=False,
        )
        self.server = uvicorn.Server(config)
        self.sock = sock
        self.connections = connections
        self.background = background
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping: asyncio.Event | None = None

    def run(self) -> None:
        """Serve in this thread until uvicorn stops (Ctrl-C)."""
        self._run(self._serve)

    def start(self, name: str) -> None:
        """Serve in a daemon thread; returns once connections are accepted."""
        self._thread = threading.Thread(
            target=self._run, args=(self._serve_until_stopped,), name=name, daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + _START_TIMEOUT
        while not self.server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the emulator did not start ({name})")
            time.sleep(0.005)

    def stop(self) -> None:
        """End the thread's serving at once and join it. Safe to call more than once."""
        loop, stopping, thread = self._loop, self._stopping, self._thread
        self._loop = self._stopping = self._thread = None
        if loop is not None and stopping is not None:
            try:
                loop.call_soon_threadsafe(stopping.set)
            except RuntimeError:  # the loop closed in between
                pass
        if thread is not None:
            thread.join(_STOP_TIMEOUT)

    def _run(self, main: Background) -> None:
        with asyncio.Runner(loop_factory=lambda: TrackingLoop(self.connections)) as runner:
            runner.run(main())

    async def _serve(self) -> None:
        beside = None if self.background is None else asyncio.ensure_future(self.background())
        await asyncio.sleep(0)  # the background's first step runs before the first answer
        try:
            await self.server.serve(sockets=[self.sock])
        finally:
            if beside is not None:
                beside.cancel()

    async def _serve_until_stopped(self) -> None:
        self._loop, self._stopping = asyncio.get_running_loop(), asyncio.Event()
        serving = asyncio.ensure_future(self._serve())
        stopping = asyncio.ensure_future(self._stopping.wait())
        await asyncio.wait({serving, stopping}, return_when=asyncio.FIRST_COMPLETED)
        self.connections.close_all()
        serving.cancel()
        stopping.cancel()
        await asyncio.gather(serving, stopping, return_exceptions=True)
        # The aborted connections close their sockets in connection_lost: let that run before
        # the loop closes, or the clients wait for a garbage collection to see the end.
        await asyncio.sleep(0)
