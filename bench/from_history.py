"""Benchmark 6, the local history: first rows painted from it at 1k and 100k jobs, and the End
key to the end of 100k.

* **First rows from history**: a history of the emulator's 1,000 jobs is prepared once per run
  (every page fetched, recorded through `tui.history`), then sora-tui starts exactly as benchmark
  1 starts it (bench/first_rows.py: ``sora-tui --base-url URL``, headless, until its table has
  painted rows), each run with a fresh copy of that file as its history, against an emulator
  whose every answer takes 5 s (its ``slow`` fault): the rows painted can only be the history's,
  and the child checks they were (rows unconfirmed, no answer yet). Yardsticks, interleaved in
  the same run: benchmark 1's bare Textual app (one GET of the first page from an emulator that
  answers at once, a ``DataTable`` of it: bench/bare_table.py) and a bare Textual app painting
  one ``Static``. Target (issue 13): ≤ 1.0× the bare table's start; the ratio to the bare
  ``Static`` (no network at all) is printed beside it.
* **Open a 100k-job history**: the same start over a history of 100,000 synthetic jobs (built
  once per run through the history's writer, outside every timing), next to the 1k figure: a
  ratio near 1 says the start reads the newest rows, not the file. Also the child's peak RSS at
  first rows, and a floor: a fresh ``python`` that opens the same file with ``sqlite3`` and reads
  the newest 200 rows the way the history does (nothing can paint them sooner).
* **End to the end of a 100k history**: the real app in App.run_test over the 100k file, the
  server unreachable (the history is all there is): End held down (pressed 30 times a second,
  a terminal's key repeat; each press near the end asks the history for its next 200 rows)
  until all 100,000 rows are on screen and the cursor is on the oldest; the longest event-loop
  stall meanwhile (a 1 ms ticker, bench/common.py's LoopLag). Target: ≤ 33 ms (two frames), as
  benchmark 3's.
"""

from __future__ import annotations

import asyncio
import json
import socket
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from bench.common import (
    API_KEY,
    Figure,
    LoopLag,
    emulator,
    history_dir,
    median,
    ms,
    rss_mb,
    run_child,
    scratch,
    spread,
)
from bench.first_rows import Seed, samples, seconds_of, start_env

if TYPE_CHECKING:
    from tui.api.models import Video
    from tui.widgets.video_table import VideoTable

SLOW = 5.0  # seconds every answer of the "slow" emulator takes: far beyond any start
BIG = 100_000
STALL = 0.033  # two frames at 60 fps, as benchmark 3
START_RATIO = 1.0  # first rows from the history ≤ 1.0× the bare table's start
SIZE = (140, 40)
KEY_REPEAT = 1 / 30  # End held down: a terminal's key repeat
_FLOOR = (
    "import json, sqlite3, sys, time\n"
    "connection = sqlite3.connect(f'file:{sys.argv[1]}?mode=ro', uri=True)\n"
    "rows = connection.execute('SELECT video, last_seen, gone_at, gone_reason FROM jobs WHERE '\n"
    "    'gone_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 200').fetchall()\n"
    "assert len(rows) == 200\n"
    "print(json.dumps({'done': time.time()}))\n"
)


# --- the history files -------------------------------------------------------------------


def _record(path: Path, base_url: str, videos: Sequence[Video]) -> None:
    """``videos`` written to a new history file at ``path`` through the history's own writer."""
    from tui.history import open_history

    history = open_history(path, base_url=base_url, profile="")
    try:
        for start in range(0, len(videos), 1000):
            history.record(videos[start : start + 1000])
    finally:
        history.close()  # flushed and checkpointed: the file alone holds every job


def _served_history(base_url: str, folder: Path) -> Path:
    """A history of every job the emulator at ``base_url`` has, as the dashboard records them."""
    from tui.api.models import Video

    videos: list[Video] = []
    headers = {"Authorization": f"Bearer {API_KEY}"}
    with httpx.Client(base_url=base_url, headers=headers, timeout=30) as client:
        after: str | None = None
        while True:
            params: dict[str, str | int] = {"limit": 100}
            if after is not None:
                params["after"] = after
            body = client.get("/videos", params=params).json()
            videos += [Video.model_validate(item) for item in body["data"]]
            if not body.get("has_more"):
                break
            after = body["last_id"]
    path = folder / "history-served.sqlite3"
    _record(path, base_url, videos)
    return path


def big_history() -> Path:
    """A history of `BIG` synthetic jobs, built once per bench run (cached in its scratch)."""
    from bench.table_scale import make_data
    from tui.api.models import Video

    path = scratch() / f"history-{BIG // 1000}k.sqlite3"
    if not path.exists():
        building = path.with_suffix(".building")
        videos = [Video.model_validate(d) for d in make_data(BIG)]
        _record(building, "http://127.0.0.1:9/v1", videos)
        building.rename(path)
    return path


def history_name(base_url: str) -> str:
    """The file name the dashboard gives the history of ``base_url`` (no profile)."""
    from tui.history import history_file
    from tui.settings import Settings

    return history_file(Settings.model_validate({"base_url": base_url}).base_url, "").name


def _unreachable() -> str:
    """A loopback URL nothing listens on (a port just bound, then closed)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


def _slow_down(base_url: str) -> None:
    root = base_url.rsplit("/v1", 1)[0]
    fault = {"kind": "slow", "delay": SLOW, "count": -1}
    httpx.post(f"{root}/_emulator/faults", json=fault, timeout=10).raise_for_status()


# --- the End key, in a child -------------------------------------------------------------


async def _to_the_end(base_url: str, total: int) -> dict[str, float]:
    """End until the whole history is loaded (the server unreachable): time and worst stall."""
    from pydantic import SecretStr

    from tui.app import SoraApp
    from tui.app.history_link import RECALL_ROWS
    from tui.settings import Settings

    settings = Settings(base_url=base_url, api_key=SecretStr(API_KEY))
    app = SoraApp(settings)
    lag = LoopLag()
    async with app.run_test(size=SIZE) as pilot:
        await _until(lambda: len(app.store) >= RECALL_ROWS, 30)
        await pilot.pause()
        lag.start()
        await asyncio.sleep(0.05)
        lag.reset()
        presses = 0
        table = app.table
        start = time.perf_counter()
        deadline = start + 300
        while table.row_count < total:  # the rows on screen, not only those in the store
            table.action_cursor_bottom()  # what the End key runs
            presses += 1
            await asyncio.sleep(KEY_REPEAT)
            if time.perf_counter() > deadline:
                raise RuntimeError(f"End held for 300 s: {table.row_count} rows of {total}")
        table.action_cursor_bottom()  # and onto the oldest row
        await _until(partial(_landed, table), 10)
        elapsed = time.perf_counter() - start
        worst = lag.worst
        lag.stop()
        if table.cursor_id != app.store.ordered_ids()[-1]:
            raise RuntimeError("End did not land on the oldest job of the history")
        # The presses' EndRequested messages are handled before the app ends: one handled
        # after its screens are gone raises ScreenStackError (tui/app/paging.py reads the table).
        await pilot.pause()
        return {
            "jobs": table.row_count,
            "seconds": elapsed,
            "presses": presses,
            "stall": worst,
            "rss": rss_mb(),
        }


def _landed(table: VideoTable) -> bool:
    return table.cursor_id is not None and table.cursor_id == table.ids[-1]


async def _until(condition: Callable[[], bool], timeout: float) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise RuntimeError("the history did not bring its rows in time")
        await asyncio.sleep(0.002)


# --- the benchmark -----------------------------------------------------------------------


def _check_cached(runs: list[dict[str, float]], what: str) -> None:
    for run in runs:
        if run["answered"] or not run["cached"] or run["cached"] != run["rows"]:
            raise RuntimeError(f"{what}: the first rows were not the history's alone ({run})")


def _first_rows(runs: int) -> list[Figure]:
    from tui.settings import Settings

    limit = str(Settings().page_size)
    big = big_history()
    with (
        emulator(1000) as fast_url,
        emulator(1000) as slow_url,
        tempfile.TemporaryDirectory() as cache,
    ):
        served = _served_history(slow_url, scratch())  # what an earlier run of it saw
        _slow_down(slow_url)
        name = history_name(slow_url)
        seeds: dict[str, Seed] = {"history 1k": (served, name), "history 100k": (big, name)}
        app = ["-m", "bench.first_rows", "app", slow_url]
        got = samples(
            {
                "history 1k": app,
                "history 100k": app,
                "bare table": ["-m", "bench.bare_table", fast_url, API_KEY, limit],
                "bare Textual": ["-m", "bench.first_rows", "bare"],
                "sqlite3 floor": ["-c", _FLOOR, str(big)],
            },
            runs,
            start_env(cache),
            seeds,
        )
    _check_cached(got["history 1k"], "1k history")
    _check_cached(got["history 100k"], "100k history")
    times = seconds_of(got)
    m = {name: median(values) for name, values in times.items()}
    small, large, table, static = (
        m["history 1k"], m["history 100k"], m["bare table"], m["bare Textual"],
    )  # fmt: skip
    peak = {
        name: median([run["rss_peak"] for run in got[name]])
        for name in ("history 1k", "history 100k", "bare table")
    }

    def start_figure(label: str, key: str, ours: float, peer: str) -> Figure:
        ratios = f"{ours / table:.2f}× table, {ours / static:.2f}× Static"
        return Figure(
            label,
            f"start → rows painted from history (median of {runs}, {spread(times[key])})",
            ms(ours),
            peer,
            f"≤ {START_RATIO:.1f}× bare table ({ratios})",
            ours <= START_RATIO * table,
        )

    return [
        start_figure(
            "6 history 1k", "history 1k", small,
            f"bare Textual + GET + DataTable {ms(table)} ({spread(times['bare table'])}) · "
            f"bare Static {ms(static)} ({spread(times['bare Textual'])})",
        ),
        start_figure(
            "6 history 100k", "history 100k", large,
            f"1k history {ms(small)} ({large / small:.2f}×) · "
            f"sqlite3 floor {ms(m['sqlite3 floor'])} ({spread(times['sqlite3 floor'])})",
        ),
        Figure(
            "6 history 100k",
            "  peak RSS at first rows (median)",
            f"{peak['history 100k']:.0f} MB",
            f"1k history {peak['history 1k']:.0f} MB · bare table {peak['bare table']:.0f} MB",
            "(informative)",
            None,
        ),
    ]  # fmt: skip


def _end_of_history(runs: int) -> list[Figure]:
    big = big_history()
    url = _unreachable()
    got = []
    for _ in range(runs):
        with history_dir(big, history_name(url)) as folder:
            got.append(
                run_child(["-m", "bench.from_history", "end", url, str(BIG)], history=folder)
            )
    for result in got:
        if result["jobs"] != BIG:
            raise RuntimeError(f"End loaded {result['jobs']} jobs of the history, not {BIG}")
    seconds = [r["seconds"] for r in got]
    worst = max(r["stall"] for r in got)
    presses = median([r["presses"] for r in got])
    return [
        Figure(
            "6 history 100k",
            f"End held to the end, offline ({presses:.0f} presses; median of {runs}, "
            f"{min(seconds):.1f}–{max(seconds):.1f} s)",
            f"{median(seconds):.1f} s, {BIG / median(seconds):,.0f} rows/s",
            f"RSS after {median([r['rss'] for r in got]):.0f} MB",
            "(informative)",
            None,
        ),
        Figure(
            "6 history 100k",
            f"  longest stall meanwhile (worst of {runs})",
            ms(worst),
            "",
            f"≤ {ms(STALL)}",
            worst <= STALL,
        ),
    ]


def run(quick: bool) -> list[Figure]:
    return _first_rows(3 if quick else 7) + _end_of_history(1 if quick else 3)


if __name__ == "__main__":
    if sys.argv[1] == "end":
        result = asyncio.run(_to_the_end(sys.argv[2], int(sys.argv[3])))
        print(json.dumps(result), flush=True)
