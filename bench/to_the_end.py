"""Benchmark 5, `G` to the real end: the dashboard loads every page of 10k and of 100k jobs with
one key.

The real SoraApp, headless (App.run_test), against the emulator in its own process (one per
size): after the first rows, one `G`; timed until the cursor is on the oldest job on the server.
A 1 ms ticker records the longest event-loop stall meanwhile (the app must stay responsive while
it loads). The yardstick, in the same run and over the same emulator: the official SDK's
auto-pager (`for video in client.videos.list(limit=100)`) fetching the same jobs in a fresh
process, its runs alternating with ours. The app runs as users run it, history on (each run
with an empty history of its own: the writer thread records every page it loads); ``ours URL
--no-history`` measures it with the history off. Targets: every job loaded and landed on the
oldest; at least 2× the SDK's jobs per second (the SDK waits for each page and then parses it;
the app asks for the next page before it merges and paints the one in hand); no stall over
33 ms (two frames).

Also shown, for what it says about the ceiling: the emulator's own pace, a bare httpx loop that
only asks for each page and reads its cursor (nothing can page faster than that).
"""

from __future__ import annotations

import asyncio
import json
import sys
import time

import httpx

from bench.common import API_KEY, Figure, LoopLag, emulator, median, ms, run_child

SIZES = (10_000, 100_000)
SIZE = (140, 40)
PAGE = 100
TARGET_RATIO = 2.0
STALL_LIMIT = 0.033


async def _ours(base_url: str, *, history: bool = True) -> dict[str, float]:
    from pydantic import SecretStr

    from tui.app import SoraApp
    from tui.settings import Settings

    oldest = httpx.get(  # noqa: ASYNC210 - once, before anything is timed
        f"{base_url}/videos",
        params={"order": "asc", "limit": 1},
        headers={"Authorization": f"Bearer {API_KEY}"},
    ).json()["data"][0]["id"]
    settings = Settings(
        base_url=base_url, api_key=SecretStr(API_KEY), slow_interval=60.0, history=history
    )
    app = SoraApp(settings)
    lag = LoopLag()
    async with app.run_test(size=SIZE) as pilot:
        while app.table.row_count == 0 or app.poller is None or app.poller.report.loading_page:
            await asyncio.sleep(0.01)
        await pilot.pause()
        lag.start()
        await asyncio.sleep(0.05)
        lag.reset()
        start = time.perf_counter()
        # The key goes in beside the clock: the pilot's own wait for a quiet screen is not ours.
        key = asyncio.create_task(pilot.press("G"))
        while app.table.cursor_id != oldest:
            await asyncio.sleep(0.005)
        elapsed = time.perf_counter() - start
        await key
        worst = lag.worst
        lag.stop()
        status = app.poller.report
        await pilot.pause()
        return {
            "jobs": len(app.store),
            "seconds": elapsed,
            "stall": worst,
            "pages": status.bulk_pages,
        }


async def _pace(base_url: str) -> dict[str, float]:
    """Every page, one after another, with nothing done to them but finding the next cursor."""
    headers = {"Authorization": f"Bearer {API_KEY}"}
    async with httpx.AsyncClient(base_url=base_url, headers=headers) as client:
        jobs, pages, after = 0, 0, None
        start = time.perf_counter()
        while True:
            params: dict[str, str | int] = {"limit": PAGE, "order": "desc"}
            if after is not None:
                params["after"] = after
            body = json.loads((await client.get("/videos", params=params)).content)
            jobs, pages = jobs + len(body["data"]), pages + 1
            if not body.get("has_more"):
                break
            after = body["last_id"]
        return {"jobs": jobs, "pages": pages, "seconds": time.perf_counter() - start}


def _one_size(jobs: int, runs: int, *, history: bool = True) -> list[Figure]:
    ours: list[dict[str, float]] = []
    sdk: list[dict[str, float]] = []
    mode = [] if history else ["--no-history"]
    with emulator(jobs) as base_url:
        pace = run_child(["-m", "bench.to_the_end", "pace", base_url])
        for _ in range(runs):  # alternated, so that a noisy moment hurts both
            ours.append(run_child(["-m", "bench.to_the_end", "ours", base_url, *mode]))
            sdk.append(run_child(["-m", "bench.fetch_all", "sdk", base_url]))
    for result in ours + sdk:
        if result["jobs"] != jobs:
            raise RuntimeError(f"G loaded {result['jobs']} jobs, not {jobs}")
    seconds = [r["seconds"] for r in ours]
    stalls = [r["stall"] for r in ours]
    ours_rate = jobs / median(seconds)
    sdk_rate = jobs / median([r["seconds"] for r in sdk])
    pace_rate = jobs / pace["seconds"]
    spread = f"{min(seconds):.1f}–{max(seconds):.1f} s" if runs > 1 else "1 run"
    label = f"5 G to the end {jobs // 1000}k"
    return [
        Figure(
            label,
            f"one key, to the oldest (median of {runs}, {spread})",
            f"{median(seconds):.1f} s, {ours_rate:,.0f} jobs/s ({ours_rate / sdk_rate:.1f}×)",
            f"SDK auto-pager {sdk_rate:,.0f} jobs/s",
            f"≥ {TARGET_RATIO:g}× SDK",
            ours_rate >= TARGET_RATIO * sdk_rate,
        ),
        Figure(
            label,
            f"longest stall while loading (worst of {runs})",
            ms(max(stalls)),
            "",
            f"≤ {ms(STALL_LIMIT)}",
            max(stalls) <= STALL_LIMIT,
        ),
        Figure(
            label,
            "  the emulator's pace: bare httpx loop, cursor only",
            f"{pace_rate:,.0f} jobs/s",
            f"{pace['seconds'] / pace['pages'] * 1000:.2f} ms/page",
            "(ceiling)",
            None,
        ),
    ]


def run(quick: bool) -> list[Figure]:
    runs = 1 if quick else 3
    return [figure for jobs in SIZES for figure in _one_size(jobs, runs)]


if __name__ == "__main__":
    which, url = sys.argv[1], sys.argv[2]
    history = "--no-history" not in sys.argv[3:]
    result = asyncio.run(_ours(url, history=history) if which == "ours" else _pace(url))
    print(json.dumps(result), flush=True)
