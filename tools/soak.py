"""Soak run: the real Poller against the emulator with churn and random faults, then the figure.

    .venv/bin/python tools/soak.py [--minutes 3] [--fault-rate 0.1] [--seed 1]

Loopback only. The world changes at random (jobs created, failed, deleted, time advanced) while
the emulator answers a fraction of requests with faults (5xx, 429, resets, truncated and HTML
bodies, slow answers) and a simulated user pages down. At the end, faults and churn stop, every
job is let finish, the poller pages to the end and ticks until it agrees (or a minute passes),
and the dashboard's job set is compared with the emulator's. Exit status 1 on any mismatch.

Memory: the process's RSS is printed when the first page is in (``--steady``: when every job is
loaded) and when the soak window ends, with the jobs loaded at both moments. Churn grows the
world, so for the "flat over an hour of ticks" question use ``--steady --minutes 60``: no faults,
a world of ``--jobs`` jobs that keeps its size (every second a job is created and the oldest
deleted; new jobs run and finish), loaded to the end first, then only ticks. The emulator shares
the process: its request log is folded into counts as it goes, so that it does not grow.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tui.api.client import VideosClient
from tui.emulator import EmulatorConfig, EmulatorServer
from tui.emulator.churn import Churn
from tui.feed.poller import FeedReport, Poller, PollPolicy
from tui.feed.store import StoreChange, VideoStore

SETTLE_SECONDS = 60.0


def rss_mb() -> float:
    """This process's resident set size in MB (VmRSS)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def fold_requests(server: EmulatorServer, into: Counter[int]) -> None:
    """The emulator's request log into counts by status, and the log emptied."""
    log = server.requests
    count = len(log)  # the server thread only appends: what is counted is what is dropped
    into.update(record.status for record in log[:count])
    del log[:count]


def figure(store: VideoStore, server: EmulatorServer) -> tuple[bool, list[str]]:
    """Dashboard vs emulator: counts, missing, extra, duplicates, stale statuses."""
    truth = [server.flavour.video(job, server.base_url) for job in server.world.snapshot()]
    truth_ids = [job["id"] for job in truth]
    ids = list(store.ordered_ids())
    duplicates = sorted(i for i, n in Counter(ids).items() if n > 1)
    missing = sorted(set(truth_ids) - set(ids))
    extra = sorted(set(ids) - set(truth_ids))
    stale = []
    for job in truth:
        video = store.get(job["id"])
        if video is not None and (video.status, video.progress) != (job["status"], job["progress"]):
            stale.append(
                f"{job['id']} {video.status}/{video.progress} vs {job['status']}/{job['progress']}"
            )
    order_ok = ids == truth_ids
    ok = not (duplicates or missing or extra or stale) and order_ok
    lines = [
        f"dashboard jobs: {len(ids)}   emulator jobs: {len(truth_ids)}",
        (
            f"missing: {len(missing)}   extra: {len(extra)}   duplicates: {len(duplicates)}   "
            f"stale statuses: {len(stale)}   same order: {order_ok}"
        ),
        *(f"  missing {i}" for i in missing[:10]),
        *(f"  extra {i}" for i in extra[:10]),
        *(f"  duplicate {i}" for i in duplicates[:10]),
        *(f"  stale {s}" for s in stale[:10]),
    ]
    return ok, lines


def replace_oldest(server: EmulatorServer, made: int) -> None:
    """One job created and the oldest deleted: the world changes and keeps its size."""
    world = server.world
    oldest = world.page(after=None, limit=1, order="asc")[0]
    world.create(f"steady clip {made}")
    if oldest:
        world.delete(oldest[0]["id"])


async def soak(minutes: float, fault_rate: float, seed: int, *, steady: bool, jobs: int) -> int:
    rate = 0.0 if steady else fault_rate
    config = EmulatorConfig(jobs=jobs, seed=seed, speed=30.0, fault_rate=rate)
    server = EmulatorServer(config)
    server.start()
    churn = Churn(server.world, seed=seed, interval=0.05)
    store = VideoStore()
    statuses: list[FeedReport] = []
    changes = Counter[str]()
    states = Counter[str]()
    requests = Counter[int]()
    memory: list[tuple[float, int]] = []

    def on_change(change: StoreChange) -> None:
        changes["added"] += len(change.added)
        changes["changed"] += len(change.changed)
        changes["removed"] += len(change.removed)

    def on_report(status: FeedReport) -> None:
        statuses.append(status)
        states[status.state] += 1
        del statuses[:-5]

    rng = random.Random(f"{seed}:user")
    try:
        async with VideosClient(base_url=server.base_url, timeout=2.0) as client:
            policy = PollPolicy(
                page_size=20,
                fast_interval=0.1,
                slow_interval=0.3,
                backoff_base=0.2,
                backoff_cap=1.0,
                reconcile_every=2.0,
                reconcile_pages=3,
            )
            poller = Poller(client, store, policy, on_change=on_change, on_report=on_report)
            task = asyncio.create_task(poller.run())
            if not steady:
                churn.start()
            started = time.monotonic()
            deadline = started + minutes * 60
            while not (poller.report.end_reached if steady else len(store)):
                if steady and len(store):
                    poller.load_all()
                await asyncio.sleep(0.05)
            memory = [(rss_mb(), len(store))]
            ticks = 0
            while time.monotonic() < deadline:
                fold_requests(server, requests)
                ticks += 1
                if steady:
                    if ticks % 10 == 0:
                        replace_oldest(server, ticks)
                else:
                    if rng.random() < 0.3:  # the user scrolls to the end of the table
                        poller.want_more()
                    if rng.random() < 0.05:
                        poller.refresh_now()
                await asyncio.sleep(0.1)
            memory.append((rss_mb(), len(store)))
            churn.stop()
            server.faults.rate = 0.0
            server.faults.clear()
            server.world.advance(100_000)  # every job finishes; nothing changes any more
            settle_deadline = time.monotonic() + SETTLE_SECONDS
            ok, lines = figure(store, server)
            while time.monotonic() < settle_deadline and not (ok and poller.report.end_reached):
                poller.want_more()
                poller.refresh_now()
                await asyncio.sleep(0.2)
                ok, lines = figure(store, server)
            settled = time.monotonic() - deadline
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
    finally:
        churn.stop()
        server.stop()
    fold_requests(server, requests)
    faulted = sum(n for status, n in requests.items() if status == 0 or status >= 400)
    mode = "steady world" if steady else "churn"
    print(f"soak: {minutes:g} min, {mode}, {jobs} jobs at start, fault rate {rate:g}, seed {seed}")
    print(f"churn: {dict(churn.done)}")
    print(
        f"requests: {requests.total()} ({faulted} faulted or errors); by status {dict(sorted(requests.items()))}"
    )
    (rss_start, jobs_start), (rss_end, jobs_end) = memory
    print(
        f"RSS: {rss_start:.1f} MB {'all loaded' if steady else 'at the first page'} ({jobs_start} jobs), "
        f"{rss_end:.1f} MB at the end of the soak ({jobs_end} jobs): {rss_end - rss_start:+.1f} MB"
    )
    print(f"store changes: {dict(changes)}; feed states seen: {dict(states)}")
    print(
        f"settled in {settled:.1f}s; end reached: {poller.report.end_reached}; last note: {poller.report.end_note}"
    )
    for line in lines:
        print(line)
    print("RESULT:", "MATCH" if ok else "MISMATCH")
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=3.0, help="how long to soak (default 3)")
    parser.add_argument(
        "--fault-rate", type=float, default=0.1, help="fraction of requests faulted"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--steady", action="store_true", help="no faults or churn: a world that keeps its size"
    )
    parser.add_argument("--jobs", type=int, default=400, help="jobs in the world at the start")
    args = parser.parse_args(argv)
    return asyncio.run(
        soak(args.minutes, args.fault_rate, args.seed, steady=args.steady, jobs=args.jobs)
    )


if __name__ == "__main__":
    raise SystemExit(main())
