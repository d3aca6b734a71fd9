"""Benchmark 1, start-up: process start → the first page of jobs painted, and `import tui.app`.

Each contender runs in a fresh process and prints the wall-clock time at which it is done; the
parent subtracts the time it started the process. Contenders run interleaved (drift hits every
one alike), each warmed once, and the figure is the median of N.

* First rows: sora-tui started as ``sora-tui --base-url URL`` starts it (flags → Settings, the
  config file looked up, ``tui.cli.start_dashboard``), headless, until its table has painted rows.
  Each run starts with an empty history of its own (a fresh ``SORA_TUI_HISTORY_DIR``), so the rows
  are the server's first page; the time includes opening (creating) the history before the first
  request, as every start does. The yardstick is a bare
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
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the children import only what they time (see _app)
    from textual.app import App

    from bench.common import Figure
    from tui.settings import Settings

# A history file copied into a child's fresh history directory, and the name it has there.
Seed = tuple[Path, str]

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


def _app(base_url: str, *flags: str) -> None:
    """sora-tui as the command line starts it, headless: exit once the table has painted rows.
    ``flags``: more of its command line (``--no-history``: to see what the history costs)."""
    from tui.cli import build_parser, settings_from, start_dashboard

    settings = settings_from(build_parser().parse_args(["--base-url", base_url, *flags]))
    start_dashboard(settings, _first_rows_app, headless=True, size=(140, 40))


def peak_rss_mb() -> float:
    """This process's peak resident set size so far, in MB (VmHWM; light: children call it)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _first_rows_app(settings: Settings) -> App[None]:
    from tui.app import SoraApp
    from tui.messages import FeedChanged

    class FirstRows(SoraApp):
        _painted = False

        def on_feed_changed(self, message: FeedChanged) -> None:
            if self.table.row_count:
                self.call_after_refresh(self.painted)

        def painted(self) -> None:
            if self._painted:
                return
            self._painted = True
            report = self.feed_report
            figures = {
                "done": time.time(),
                "rows": self.table.row_count,
                "cached": len(self.store.unconfirmed),  # rows from the history, not yet confirmed
                "answered": int(report is not None and report.last_success is not None),
                "rss_peak": peak_rss_mb(),
            }
            print(json.dumps(figures), flush=True)
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


def start_env(cache: str) -> dict[str, str]:
    from bench.common import API_KEY, child_env

    env = child_env()
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # the warm-up run writes the cache
    env["PYTHONPYCACHEPREFIX"] = cache
    env["SORA_TUI_CONFIG"] = f"{cache}/no-config.toml"
    env["OPENAI_API_KEY"] = API_KEY
    return env


def run_once(args: list[str], env: dict[str, str], seed: Seed | None = None) -> dict[str, float]:
    """One child, in a history directory of its own (empty, or holding a copy of ``seed``):
    what it printed last, with ``seconds`` from its start to its ``done``."""
    import subprocess

    from bench.common import PYTHON, ROOT, history_dir
    from tui.history.location import HISTORY_DIR_ENV

    seed_file, name = seed if seed is not None else (None, "")
    with history_dir(seed_file, name) as folder:
        env = {**env, HISTORY_DIR_ENV: str(folder)}
        start = time.time()
        done = subprocess.run(
            [PYTHON, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
            check=False,
        )  # fmt: skip
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"{args} failed:\n{done.stderr[-2000:]}")
    figures = dict(json.loads(lines[-1]))
    figures["seconds"] = float(figures["done"]) - start
    return figures


def samples(
    contenders: dict[str, list[str]],
    runs: int,
    env: dict[str, str],
    seeds: dict[str, Seed] | None = None,
) -> dict[str, list[dict[str, float]]]:
    """Every contender ``runs`` times, interleaved, after one warm-up run each."""
    seeds = seeds or {}
    for name, args in contenders.items():
        run_once(args, env, seeds.get(name))  # warm the page cache and the bytecode cache once
    got: dict[str, list[dict[str, float]]] = {name: [] for name in contenders}
    for _ in range(runs):  # interleaved, so drift hits every contender alike
        for name, args in contenders.items():
            got[name].append(run_once(args, env, seeds.get(name)))
    return got


def seconds_of(got: dict[str, list[dict[str, float]]]) -> dict[str, list[float]]:
    return {name: [run["seconds"] for run in runs] for name, runs in got.items()}


def run(quick: bool) -> list[Figure]:
    import tempfile

    from bench.common import API_KEY, Figure, emulator, median, ms, spread
    from tui.settings import Settings

    runs = 3 if quick else 7
    limit = str(Settings().page_size)  # the first request sora-tui makes: the head, one page
    with emulator(1000) as base_url, tempfile.TemporaryDirectory() as cache:
        env = start_env(cache)
        got = samples(
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
    if any(run["cached"] or not run["answered"] for run in got["sora-tui"]):
        raise RuntimeError("bench 1's first rows did not come from the server's first page")
    times = seconds_of(got)
    medians = {name: median(values) for name, values in times.items()}
    start, bare_table = medians["sora-tui"], medians["bare table"]
    imported, yardstick = medians["import tui.app"], medians["import textual"]
    return [
        Figure(
            "1 first rows",
            f"start → rows painted (median of {runs}, {spread(times['sora-tui'])})",
            ms(start),
            f"bare Textual + GET + DataTable {ms(bare_table)}",
            f"≤ {START_TARGET}× ({start / bare_table:.2f}×)",
            start <= START_TARGET * bare_table,
        ),
        Figure(
            "1 first rows",
            "vs raw GET, SDK list, bare Textual",
            ms(start),
            f"GET {ms(medians['raw GET'])} · SDK {ms(medians['SDK list'])} · "
            f"Static {ms(medians['bare Textual'])}",
            "(informative)",
            None,
        ),
        Figure(
            "1 first rows",
            f"import tui.app (median of {runs}, {spread(times['import tui.app'])})",
            ms(imported),
            f"import textual.app, httpx {ms(yardstick)}",
            f"≤ {IMPORT_TARGET}× ({imported / yardstick:.2f}×)",
            imported <= IMPORT_TARGET * yardstick,
        ),
    ]


if __name__ == "__main__":
    if sys.argv[1] == "app":
        _app(sys.argv[2], *sys.argv[3:])
    else:
        _bare()
