"""EmulatorServer: the app on uvicorn, in a background thread (tests, demo mode) or in the foreground (CLI)."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from types import TracebackType
from typing import Self

import uvicorn

from .app import build_app
from .config import EmulatorConfig
from .faults import FaultPlan
from .flavours import get_flavour
from .protocol import ResettableH11Protocol
from .wire import RequestRecord
from .world import World

_START_TIMEOUT = 10.0
_STOP_TIMEOUT = 5.0


class _WakeableServer(uvicorn.Server):
    """uvicorn checks `should_exit` every 0.1 s; this one can be woken at once, so stop() is quick."""

    _loop: asyncio.AbstractEventLoop | None = None
    _wake: asyncio.Event | None = None

    async def main_loop(self) -> None:
        self._loop, self._wake = asyncio.get_running_loop(), asyncio.Event()
        counter = 0
        while not await self.on_tick(counter):
            counter = (counter + 1) % 864_000
            try:
                await asyncio.wait_for(self._wake.wait(), 0.1)
            except TimeoutError:
                pass

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        """uvicorn's shutdown, minus its fixed 0.1 s sleep: poll until connections and tasks are gone."""
        for server in self.servers:
            server.close()
        for sock in sockets or []:
            sock.close()
        for connection in list(self.server_state.connections):
            connection.shutdown()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + float(self.config.timeout_graceful_shutdown or 1)
        state = self.server_state
        while (state.connections or state.tasks) and not self.force_exit and loop.time() < deadline:
            await asyncio.sleep(0.005)
        for task in list(state.tasks):  # a request still hanging (the "hang" fault): give up on it
            task.cancel()
        if not self.force_exit:
            await self.lifespan.shutdown()

    def request_exit(self) -> None:
        self.should_exit = True
        loop, wake = self._loop, self._wake
        if loop is not None and wake is not None and not loop.is_closed():
            try:
                loop.call_soon_threadsafe(wake.set)
            except RuntimeError:  # the loop closed in between
                pass


class EmulatorServer:
    def __init__(self, config: EmulatorConfig | None = None) -> None:
        self.config = config or EmulatorConfig()
        self.flavour = get_flavour(
            self.config.flavour,
            self.config.default_limit,
            ignores_paging=self.config.litellm_ignores_paging,
        )
        self.world = World(
            jobs=self.config.jobs,
            seed=self.config.seed,
            speed=self.config.speed,
            manual_clock=self.config.manual_clock,
            epoch=self.config.epoch,
            make_id=self.flavour.make_id,
        )
        self.faults = FaultPlan(rate=self.config.fault_rate, seed=self.config.seed)
        self.requests: list[RequestRecord] = []
        self.app = build_app(
            world=self.world,
            flavour=self.flavour,
            faults=self.faults,
            records=self.requests,
            api_key=self.config.api_key,
        )
        self.port = self.config.port
        self._socket: socket.socket | None = None
        self._server: _WakeableServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        return f"http://{self._url_host()}:{self.port}/v1"

    def _url_host(self) -> str:
        host = self.config.host
        if host in ("0.0.0.0", ""):
            return "127.0.0.1"
        return f"[{host}]" if ":" in host else host

    def _bind(self) -> socket.socket:
        """Bind the listening socket ourselves, so port 0 becomes a known free port before serving."""
        family = socket.AF_INET6 if ":" in self.config.host else socket.AF_INET
        # proto=IPPROTO_TCP matters: asyncio only sets TCP_NODELAY on accepted sockets whose proto says TCP,
        # and without it every response pays a 40 ms delayed-ACK stall.
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((self.config.host, self.config.port))
        except OSError:
            sock.close()
            raise
        sock.set_inheritable(True)
        self.port = sock.getsockname()[1]
        return sock

    def _uvicorn(self) -> _WakeableServer:
        config = uvicorn.Config(
            self.app,
            host=self.config.host,
            port=self.port,
            http=ResettableH11Protocol,
            ws="none",
            lifespan="off",
            log_level="warning",
            access_log=False,
            timeout_graceful_shutdown=1,
            server_header=False,
        )
        return _WakeableServer(config)

    def start(self) -> None:
        """Serve in a daemon thread; returns once connections are accepted."""
        if self._thread is not None:
            return
        self.bind()
        self._server = self._uvicorn()
        self._thread = threading.Thread(
            target=self._server.run,
            kwargs={"sockets": [self._socket]},
            name=f"emulator:{self.port}",
            daemon=True,
        )
        self._thread.start()
        deadline = time.monotonic() + _START_TIMEOUT
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the emulator did not start on port {self.port}")
            time.sleep(0.005)

    def stop(self) -> None:
        """Stop serving, join the thread and free the port. Safe to call more than once."""
        server, thread, sock = self._server, self._thread, self._socket
        self._server = self._thread = self._socket = None
        if server is not None:
            server.request_exit()
        if thread is not None:
            thread.join(_STOP_TIMEOUT)
            if thread.is_alive() and server is not None:
                server.force_exit = True
                thread.join(_STOP_TIMEOUT)
        if sock is not None:
            sock.close()

    def bind(self) -> None:
        """Claim the listening socket now (the port is known afterwards); start()/serve() use it."""
        if self._socket is None:
            self._socket = self._bind()

    def serve(self) -> None:
        """Serve in this thread until interrupted (Ctrl-C); for the CLI."""
        self.bind()
        sock, self._socket = self._socket, None
        assert sock is not None
        try:
            self._uvicorn().run(sockets=[sock])
        finally:
            sock.close()

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
