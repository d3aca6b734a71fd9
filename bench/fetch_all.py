"""Benchmark 2, fetch everything: every page of 10k jobs, limit=100, over the same emulator.

sora-tui pages with its own Poller (asking for the next page as soon as one lands, as a user
holding End would) into its VideoStore; the peer is the official SDK's auto-pager
``for video in client.videos.list(limit=100)``. Each runs in a fresh process; the clock starts
after imports. Target: sora-tui's jobs/s ≥ the SDK's.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time

from bench.common import API_KEY, Figure, emulator, median, run_child

JOBS = 10_000
PAGE = 100


async def _ours(base_url: str) -> dict[str, float]:
    from tui.api.client import VideosClient
    from tui.feed.poller import FeedReport, Poller, PollPolicy
    from tui.feed.store import StoreChange, VideoStore

    store = VideoStore()
    done = asyncio.Event()
    start = time.perf_counter()
    async with VideosClient(base_url=base_url, api_key=API_KEY) as client:
        poller: Poller

        def on_report(status: FeedReport) -> None:
            if status.end_reached:
                done.set()
            elif status.state == "live":
                poller.want_more()

        def on_change(change: StoreChange) -> None:
            pass

        policy = PollPolicy(page_size=PAGE)
        poller = Poller(client, store, policy, on_change=on_change, on_report=on_report)
        task = asyncio.create_task(poller.run())
        await done.wait()
        elapsed = time.perf_counter() - start
        task.cancel()
    return {"jobs": len(store), "seconds": elapsed}


def _sdk(base_url: str) -> dict[str, float]:
    import openai

    start = time.perf_counter()
    client = openai.OpenAI(base_url=base_url, api_key=API_KEY)
    ids = {video.id for video in client.videos.list(limit=PAGE)}
    return {"jobs": len(ids), "seconds": time.perf_counter() - start}


def run(quick: bool) -> list[Figure]:
    runs = 1 if quick else 3
    with emulator(JOBS) as base_url:
        ours = [run_child(["-m", "bench.fetch_all", "ours", base_url]) for _ in range(runs)]
        sdk = [run_child(["-m", "bench.fetch_all", "sdk", base_url]) for _ in range(runs)]
    for result in ours + sdk:
        if result["jobs"] != JOBS:
            raise RuntimeError(f"fetch-all loaded {result['jobs']} jobs, not {JOBS}")
    ours_rate = JOBS / median([r["seconds"] for r in ours])
    sdk_rate = JOBS / median([r["seconds"] for r in sdk])
    return [
        Figure(
            "2 fetch all",
            f"10k jobs, limit=100 (median of {runs})",
            f"{ours_rate:,.0f} jobs/s",
            f"SDK {sdk_rate:,.0f} jobs/s",
            "≥ SDK",
            ours_rate >= sdk_rate,
        )
    ]


if __name__ == "__main__":
    which, url = sys.argv[1], sys.argv[2]
    figures = asyncio.run(_ours(url)) if which == "ours" else _sdk(url)
    print(json.dumps(figures), flush=True)
