"""EmulatorServer: one emulator (world, faults, flavour, app) on a loopback port, served in a
background thread (tests, demo mode) or in the foreground (CLI)."""

from __future__ import annotations

import socket
from types import TracebackType
from typing import Self

from .app import build_app
from .config import EmulatorConfig
from .connections import Connections
from .demo_traffic import DemoTraffic
from .faults import FaultPlan
from .flavours import get_flavour
from .serving import Serving
from .wire import RequestRecord
from .world import World


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
        wants_traffic = self.config.demo_traffic and not self.config.manual_clock
        self.traffic = (
            DemoTraffic(
                self.world, seed=self.config.seed, interval=self.config.demo_traffic_seconds
            )
            if wants_traffic
            else None
        )
        self.connections = Connections()
        api = build_app(
            world=self.world,
            flavour=self.flavour,
            faults=self.faults,
            records=self.requests,
            api_key=self.config.api_key,
        )
        self.app = self.connections.with_abort(api)
        self.port = self.config.port
        self._socket: socket.socket | None = None
        self._serving: Serving | None = None

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

    def start(self) -> None:
        """Serve in a daemon thread; returns once connections are accepted."""
        if self._serving is not None:
            return
        self.bind()
        assert self._socket is not None
        self._serving = self._serving_on(self._socket)
        self._serving.start(name=f"emulator:{self.port}")

    def stop(self) -> None:
        """Stop serving, join the thread and free the port. Safe to call more than once."""
        serving, sock = self._serving, self._socket
        self._serving = self._socket = None
        if serving is not None:
            serving.stop()
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
            self._serving_on(sock).run()
        finally:
            sock.close()

    def _serving_on(self, sock: socket.socket) -> Serving:
        return Serving(
            self.app,
            sock,
            self.connections,
            background=None if self.traffic is None else self.traffic.run,
        )

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
