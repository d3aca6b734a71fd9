"""Benchmark 4, cost of watching: CPU of one core and requests per minute while sora-tui watches.

The emulator (own process) pins 0, 10 or 100 jobs in flight among 1000; sora-tui runs headless
in its own process with its default timing (2 s while jobs are in flight, 15 s when idle). After
it has painted its first rows, its CPU time (/proc/<pid>/stat) and the emulator's request count
are sampled over the window. The peer is a tiny loop that GETs the list every second, as a
fixed-interval dashboard does. Targets: idle CPU < 1 % of a core; requests follow what is in
flight, not what is loaded.
"""

from __future__ import annotations

import subprocess
import sys
import time

from bench.common import (
    API_KEY,
    PYTHON,
    ROOT,
    Figure,
    child_env,
    cpu_seconds,
    emulator,
    emulator_requests,
)

_POLL_1S = (
    "import httpx, sys, time\n"
    "client = httpx.Client(headers={'Authorization': 'Bearer ' + sys.argv[2]})\n"
    "print('{}', flush=True)\n"
    "while True:\n"
    "    client.get(sys.argv[1] + '/videos', params={'limit': 50}); time.sleep(1)\n"
)


def _app(base_url: str) -> None:
    """sora-tui headless; prints a line once the first rows are painted, then keeps watching."""
    from tui.app import SoraApp
    from tui.messages import FeedChanged
    from tui.settings import Settings

    class Watching(SoraApp):
        _told = False

        def on_feed_changed(self, message: FeedChanged) -> None:
            if self.table.row_count and not self._told:
                self._told = True
                self.call_after_refresh(lambda: print("{}", flush=True))

    settings = Settings.model_validate({"base_url": base_url, "api_key": API_KEY})
    Watching(settings).run(headless=True, size=(140, 40))


def _measure(args: list[str], base_url: str, window: float) -> tuple[float, float]:
    """(CPU % of one core, requests per minute) of a watcher process over ``window`` seconds."""
    process = subprocess.Popen(
        [PYTHON, *args], cwd=ROOT, env=child_env(), stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        if not process.stdout.readline().startswith("{"):
            raise RuntimeError(f"{args[:2]} did not start")
        time.sleep(3)  # ok: let start-up work (first page, first paint) finish before sampling
        cpu0, requests0, t0 = (
            cpu_seconds(process.pid),
            emulator_requests(base_url),
            time.monotonic(),
        )
        time.sleep(window)  # ok: the measurement window itself
        cpu1, requests1, t1 = (
            cpu_seconds(process.pid),
            emulator_requests(base_url),
            time.monotonic(),
        )
    finally:
        process.terminate()
        process.wait(10)
    elapsed = t1 - t0
    return 100 * (cpu1 - cpu0) / elapsed, 60 * (requests1 - requests0) / elapsed


def run(quick: bool) -> list[Figure]:
    window = 10.0 if quick else 60.0
    figures: list[Figure] = []
    for in_flight in (0, 10, 100):
        with emulator(1000, in_flight=in_flight) as base_url:
            cpu, rpm = _measure(["-m", "bench.watching", base_url], base_url, window)
            peer_cpu, peer_rpm = _measure(["-c", _POLL_1S, base_url, API_KEY], base_url, window)
        label = f"4 watch {in_flight} in flight"
        target, ok = ("< 1 %", cpu < 1.0) if in_flight == 0 else ("(informative)", None)
        figures.append(
            Figure(label, f"CPU of one core ({window:.0f} s)", f"{cpu:.2f} %", f"1 s poll {peer_cpu:.2f} %", target, ok)
        )  # fmt: skip
        # Requests should follow what is in flight: one list per tick plus at most 10 retrieves.
        expected = (60 / 15) if in_flight == 0 else 30 * (1 + min(10, max(0, in_flight - 50)))
        figures.append(
            Figure(label, "requests per minute", f"{rpm:.0f}", f"1 s poll {peer_rpm:.0f}",
                   f"≈ {expected:.0f} (in flight, not loaded)", rpm <= expected * 1.25 + 2)
        )  # fmt: skip
    return figures


if __name__ == "__main__":
    _app(sys.argv[1])
