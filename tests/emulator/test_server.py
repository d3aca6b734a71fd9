"""EmulatorServer: start/stop, ports, context manager."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable

import httpx
import pytest

from tui.emulator import EmulatorConfig, EmulatorServer


def test_port_is_free_after_stop() -> None:
    server = EmulatorServer(EmulatorConfig(jobs=3, manual_clock=True))
    server.start()
    port = server.port
    assert port > 0 and server.base_url == f"http://127.0.0.1:{port}/v1"
    with httpx.Client() as client:  # leave a keep-alive connection open across the stop
        assert client.get(server.base_url + "/videos").status_code == 200
        started = time.monotonic()
        server.stop()
        assert time.monotonic() - started < 0.5  # an idle keep-alive connection does not hold it up
        server.stop()  # idempotent
        with pytest.raises(httpx.TransportError):
            client.get(server.base_url + "/videos")
    probe = socket.socket()
    probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    probe.bind(("127.0.0.1", port))  # a new server could listen here again
    probe.close()


def test_context_manager_and_fixed_port() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with EmulatorServer(EmulatorConfig(port=port, jobs=2)) as server:
        assert server.port == port
        assert httpx.get(server.base_url + "/videos").json()["object"] == "list"
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"http://127.0.0.1:{port}/v1/videos")


def test_busy_port_is_an_error(make_emulator: Callable[..., EmulatorServer]) -> None:
    running = make_emulator(jobs=1)
    with pytest.raises(OSError):
        EmulatorServer(EmulatorConfig(port=running.port, jobs=1)).start()


def test_stop_does_not_wait_for_a_hung_request(
    make_emulator: Callable[..., EmulatorServer],
) -> None:
    import threading

    from tui.emulator import Fault

    server = make_emulator(jobs=1)
    server.faults.add(Fault("hang"))
    thread = threading.Thread(target=lambda: _swallow(server.base_url + "/videos"), daemon=True)
    thread.start()
    deadline = time.monotonic() + 5
    while server.faults.pending() != [] and time.monotonic() < deadline:
        time.sleep(0.01)  # ok: poll step of a condition wait
    started = time.monotonic()
    server.stop()
    assert time.monotonic() - started < 0.5  # no graceful wait: the connection is dropped
    thread.join(2)
    assert not thread.is_alive()  # and the hung client hears of it at once


def _swallow(url: str) -> None:
    try:
        httpx.get(url, timeout=30)
    except httpx.HTTPError:
        pass


def test_bad_config_is_rejected() -> None:
    with pytest.raises(ValueError):
        EmulatorConfig(flavour="bogus")
    with pytest.raises(ValueError):
        EmulatorConfig(speed=0)
