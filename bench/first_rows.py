"""Benchmark 1, time to first rows: process start → the first page of jobs painted.

Each contender runs in a fresh process and prints the wall-clock time at which it is done;
the parent subtracts the time it started the process. Peers: one raw ``httpx.get`` of the
first page, the official SDK's ``videos.list(limit=20)``, and a bare Textual app that paints
one Static. Target: sora-tui ≤ 1.5 × (raw GET + bare Textual start).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

from bench.common import API_KEY, PYTHON, ROOT, Figure, child_env, emulator, median, ms

_GET = (
    "import httpx, json, sys, time; "
    "r = httpx.get(sys.argv[1] + '/videos?limit=20', headers={'Authorization': 'Bearer ' + sys.argv[2]}); "
    "assert r.json()['data']; print(json.dumps({'done': time.time()}))"
)
_SDK = (
    "import json, sys, time, openai; "
    "page = openai.OpenAI(base_url=sys.argv[1], api_key=sys.argv[2]).videos.list(limit=20); "
    "assert page.data; print(json.dumps({'done': time.time()}))"
)


def _app(base_url: str) -> None:
    """sora-tui, headless: exit once the table has painted rows of jobs."""
    from tui.app import SoraApp
    from tui.messages import FeedChanged
    from tui.settings import Settings

    class FirstRows(SoraApp):
        def on_feed_changed(self, message: FeedChanged) -> None:
            if self.table.row_count:
                self.call_after_refresh(self._painted)

        def _painted(self) -> None:
            print(json.dumps({"done": time.time()}), flush=True)
            self.exit()

    settings = Settings.model_validate({"base_url": base_url, "api_key": API_KEY})
    FirstRows(settings).run(headless=True, size=(140, 40))


def _bare() -> None:
    """A bare Textual app: one Static, exit once painted."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("hello")

        def on_mount(self) -> None:
            self.call_after_refresh(self._painted)

        def _painted(self) -> None:
            print(json.dumps({"done": time.time()}), flush=True)
            self.exit()

    Bare().run(headless=True, size=(140, 40))


def _time(args: list[str]) -> float:
    start = time.time()
    done = subprocess.run(
        [PYTHON, *args],
        cwd=ROOT,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"{args} failed:\n{done.stderr[-2000:]}")
    return float(json.loads(lines[-1])["done"]) - start


def run(quick: bool) -> list[Figure]:
    runs = 3 if quick else 7
    with emulator(1000) as base_url:
        contenders = {
            "sora-tui": ["-m", "bench.first_rows", "app", base_url],
            "raw GET": ["-c", _GET, base_url, API_KEY],
            "SDK list": ["-c", _SDK, base_url, API_KEY],
            "bare Textual": ["-m", "bench.first_rows", "bare"],
        }
        _time(contenders["sora-tui"])  # warm the page cache and .pyc files once, for everyone
        times: dict[str, list[float]] = {name: [] for name in contenders}
        for _ in range(runs):  # interleaved, so drift hits every contender alike
            for name, args in contenders.items():
                times[name].append(_time(args))
    got = {name: median(values) for name, values in times.items()}
    budget = 1.5 * (got["raw GET"] + got["bare Textual"])
    return [
        Figure(
            "1 first rows",
            f"start → rows painted (median of {runs})",
            ms(got["sora-tui"]),
            f"GET {ms(got['raw GET'])} + Textual {ms(got['bare Textual'])}",
            f"≤ {ms(budget)} (1.5×)",
            got["sora-tui"] <= budget,
        ),
        Figure(
            "1 first rows",
            "vs SDK videos.list(limit=20)",
            ms(got["sora-tui"]),
            f"SDK {ms(got['SDK list'])}",
            "(informative)",
            None,
        ),
    ]


if __name__ == "__main__":
    if sys.argv[1] == "app":
        _app(sys.argv[2])
    else:
        _bare()
