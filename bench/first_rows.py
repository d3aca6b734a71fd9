"""Benchmark 1, start-up: process start → the first page of jobs painted, and `import tui.app`.

Each contender runs in a fresh process and prints the wall-clock time at which it is done; the
parent subtracts the time it started the process. Contenders run interleaved (drift hits every
one alike), each warmed once, and the figure is the median of N.

* First rows: sora-tui started as ``sora-tui --base-url URL`` starts it (flags → Settings, the
  config file looked up, ``tui.cli.start_dashboard``), headless, until its table has painted rows. The yardstick is a bare
  Textual app doing the same one GET of the first page and painting a ``DataTable`` of it
  (bench/bare_table.py). Target: ≤ 1.15× the yardstick. A raw ``httpx.get``, the official SDK's
  ``videos.list`` and a bare Textual app painting one ``Static`` are informative.
* Import: ``python -c "import tui.app"`` against ``python -c "import textual.app, httpx"``.
  Target: ≤ 1.3×.

The children see what a user sees: bytecode compiled once and cached (a temporary
``PYTHONPYCACHEPREFIX``, written by the warm-up runs even where the machine sets
``PYTHONDONTWRITEBYTECODE``), and no config file of the machine's user (``SORA_TUI_CONFIG`` names
a file that does not exist).
"""

from __future__ import annotations

import json
import sys
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the children import only what they time (see _app)
    from textual.app import App

    from bench.common import Figure
    from tui.settings import Settings

START_TARGET = 1.15
IMPORT_TARGET = 1.3
_GET = (
    "import httpx, json, sys, time; "
    "r = httpx.get(sys.argv[1] + '/videos?limit=' + sys.argv[3], "
    "headers={'Authorization': 'Bearer ' + sys.argv[2]}); "
    "assert r.json()['data']; print(json.dumps({'done': time.time()}))"
)
_SDK = (
    "import json, sys, time, openai; "
    "page = openai.OpenAI(base_url=sys.argv[1], api_key=sys.argv[2])"
    ".videos.list(limit=int(sys.argv[3])); "
    "assert page.data; print(json.dumps({'done': time.time()}))"
)
_DONE = "import json, time; print(json.dumps({'done': time.time()}))"
_IMPORT_APP = "import tui.app; " + _DONE
_IMPORT_YARDSTICK = "import textual.app, httpx; " + _DONE


def _app(base_url: str) -> None:
    """sora-tui as the command line starts it, headless: exit once the table has painted rows."""
    from tui.cli import build_parser, settings_from, start_dashboard

    settings = settings_from(build_parser().parse_args(["--base-url", base_url]))
    start_dashboard(settings, _first_rows_app, headless=True, size=(140, 40))


def _first_rows_app(settings: Settings) -> App[None]:
    from tui.app import SoraApp
    from tui.messages import FeedChanged

    class FirstRows(SoraApp):
        def on_feed_changed(self, message: FeedChanged) -> None:
            if self.table.row_count:
                self.call_after_refresh(self.painted)

        def painted(self) -> None:
            print(json.dumps({"done": time.time()}), flush=True)
            self.exit()

    return FirstRows(settings)


def _bare() -> None:
    """A bare Textual app: one Static, exit once painted."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("hello")

        def on_mount(self) -> None:
            self.call_after_refresh(self.painted)

        def painted(self) -> None:
            print(json.dumps({"done": time.time()}), flush=True)
            self.exit()

    Bare().run(headless=True, size=(140, 40))


def _env(cache: str) -> dict[str, str]:
    from bench.common import API_KEY, child_env

    env = child_env()
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # the warm-up run writes the cache
    env["PYTHONPYCACHEPREFIX"] = cache
    env["SORA_TUI_CONFIG"] = f"{cache}/no-config.toml"
    env["OPENAI_API_KEY"] = API_KEY
    return env


def _time(args: list[str], env: dict[str, str]) -> float:
    import subprocess

    from bench.common import PYTHON, ROOT

    start = time.time()
    done = subprocess.run(
        [PYTHON, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"{args} failed:\n{done.stderr[-2000:]}")
    return float(json.loads(lines[-1])["done"]) - start


def _medians(contenders: dict[str, list[str]], runs: int, env: dict[str, str]) -> dict[str, float]:
    from bench.common import median

    for args in contenders.values():
        _time(args, env)  # warm the page cache and the bytecode cache once
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(runs):  # interleaved, so drift hits every contender alike
        for name, args in contenders.items():
            times[name].append(_time(args, env))
    return {name: median(values) for name, values in times.items()}


def run(quick: bool) -> list[Figure]:
    import tempfile

    from bench.common import API_KEY, Figure, emulator, ms
    from tui.settings import Settings

    runs = 3 if quick else 7
    limit = str(Settings().page_size)  # the first request sora-tui makes: the head, one page
    with emulator(1000) as base_url, tempfile.TemporaryDirectory() as cache:
        env = _env(cache)
        got = _medians(
            {
                "sora-tui": ["-m", "bench.first_rows", "app", base_url],
                "bare table": ["-m", "bench.bare_table", base_url, API_KEY, limit],
                "raw GET": ["-c", _GET, base_url, API_KEY, limit],
                "SDK list": ["-c", _SDK, base_url, API_KEY, limit],
                "bare Textual": ["-m", "bench.first_rows", "bare"],
                "import tui.app": ["-c", _IMPORT_APP],
                "import textual": ["-c", _IMPORT_YARDSTICK],
            },
            runs,
            env,
        )
    start, bare_table = got["sora-tui"], got["bare table"]
    imported, yardstick = got["import tui.app"], got["import textual"]
    return [
        Figure(
            "1 first rows",
            f"start → rows painted (median of {runs})",
            ms(start),
            f"bare Textual + GET + DataTable {ms(bare_table)}",
            f"≤ {START_TARGET}× ({start / bare_table:.2f}×)",
            start <= START_TARGET * bare_table,
        ),
        Figure(
            "1 first rows",
            "vs raw GET, SDK list, bare Textual",
            ms(start),
            f"GET {ms(got['raw GET'])} · SDK {ms(got['SDK list'])} · "
            f"Static {ms(got['bare Textual'])}",
            "(informative)",
            None,
        ),
        Figure(
            "1 first rows",
            f"import tui.app (median of {runs})",
            ms(imported),
            f"import textual.app, httpx {ms(yardstick)}",
            f"≤ {IMPORT_TARGET}× ({imported / yardstick:.2f}×)",
            imported <= IMPORT_TARGET * yardstick,
        ),
    ]


if __name__ == "__main__":
    if sys.argv[1] == "app":
        _app(sys.argv[2])
    else:
        _bare()
