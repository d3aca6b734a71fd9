"""Benchmark 3, scale of the table: 1k, 10k and 100k loaded jobs, headless, no network.

The store is filled with generated Video objects, then the real SoraApp is mounted with
App.run_test (its feed worker is switched off: the benchmark opens the history as the feed does,
then plays the poller's part by merging into the store, handing the change to the history and
calling ``apply_change``, exactly what the poller's callback does; the history's writer thread
encodes and commits every job meanwhile, as it does in use). The bulk write of the first load is
let finish before the next operation (its time is the informative ``history_flush``); ``ours N
--no-history`` measures the same with the history off. Each
operation is timed from its call until the screen has been refreshed; a ticker coroutine
records the longest event-loop stall meanwhile. The naive baseline is Textual's DataTable
rebuilt with ``clear()`` + ``add_rows`` on each change, as many TUIs do (at 100k it takes most
of a minute per change, so it is timed once per operation there). The poll tick's yardstick is
bench/bare_repaint.py: a bare Textual app repainting 10 lines of one widget, timed the same way.
"""

from __future__ import annotations

import asyncio
import json
import random
import sys
import time
from collections.abc import Awaitable, Callable
from typing import Any

from bench.common import Figure, LoopLag, median, ms, rss_mb, run_child

NOW = 1_760_000_000
SIZE = (140, 40)
# Poll ticks timed per figure (their median): a tick is a few ms of work, then waits for
# Textual's next frame, so single ticks scatter by most of a frame; 25 steady the median.
TICKS = 25
STATUSES = ("completed",) * 14 + ("failed",) * 2 + ("in_progress",) * 2 + ("queued", "processing")


def make_data(count: int, start: int = 0) -> list[dict[str, Any]]:
    """``count`` job dicts, newest first, created one second apart from ``NOW - start``."""
    rng = random.Random(start)
    data = []
    for n in range(start, start + count):
        status = rng.choice(STATUSES)
        data.append(
            {
                "id": f"video_{NOW - n:08x}{rng.getrandbits(96):024x}",
                "object": "video",
                "model": rng.choice(("sora-2", "sora-2-pro")),
                "status": status,
                "progress": 100 if status == "completed" else rng.randrange(100),
                "created_at": NOW - n,
                "completed_at": NOW - n + 90 if status == "completed" else None,
                "prompt": f"job {n}: a paper boat drifting down a rainy street at dusk",
                "size": "720x1280",
                "seconds": rng.choice(("4", "8", "12")),
            }
        )
    return data


class Timer:
    """Times async operations until the screen has refreshed, with the worst loop stall.

    ``settle`` is the barrier: every widget has handled what was queued (the pilot posts each
    one a callback), then the screen has refreshed. An operation is timed until it returns.
    Most take several frames (a cursor move paints the table, then the detail pane), so they
    are timed to the barrier. A poll tick is painted in one frame (checked by counting the
    compositor's refreshes when this was written), and ``one_frame`` times it to the screen's
    first refresh after the call: the barrier's own cost grows with the widgets on screen
    (~4 ms for ours, ~0.5 ms for the bare app's one) and is not the app's. The barrier still
    runs, untimed, before the next operation; the stall is watched through it.
    """

    def __init__(
        self, settle: Callable[[], Awaitable[None]], refreshed: Callable[[], Awaitable[object]]
    ) -> None:
        self.settle = settle
        self.refreshed = refreshed
        self.lag = LoopLag()

    async def measure(
        self, operation: Callable[[], object], repeat: int = 1, *, one_frame: bool = False
    ) -> tuple[float, float]:
        """(median time, worst stall) over ``repeat`` runs of ``operation``."""
        times = []
        worst = 0.0
        for _ in range(repeat):
            await self.settle()
            await asyncio.sleep(0.01)
            self.lag.reset()
            start = time.perf_counter()
            result = operation()
            if asyncio.iscoroutine(result):
                await result
            if one_frame:
                await self.refreshed()
                times.append(time.perf_counter() - start)
            await self.settle()
            if not one_frame:
                times.append(time.perf_counter() - start)
            worst = max(worst, self.lag.worst)
        return median(times), worst


async def _ours(count: int, *, history: bool = True) -> dict[str, float]:
    from tui import clock
    from tui.api.models import Video
    from tui.app import SoraApp
    from tui.app.feed_link import FeedLink
    from tui.feed.store import StoreChange
    from tui.settings import Settings

    clock.freeze(NOW)
    videos = [Video.model_validate(d) for d in make_data(count)]
    pages = [[Video.model_validate(d) for d in make_data(100, count + 100 * i)] for i in range(5)]

    class Bench(SoraApp):
        def run_feed(self) -> None:  # type: ignore[override]
            """No network: the benchmark feeds the store itself."""

    settings = Settings.model_validate(
        {"base_url": "http://127.0.0.1:9/v1", "api_key": "k", "history": history}
    )
    app = Bench(settings)
    figures: dict[str, float] = {}
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(app.link, FeedLink)  # one server
        link = app.link.history
        await link.open(settings)  # what the feed does first (an empty history: nothing shown)

        def feed(change: StoreChange) -> None:
            """What the poller's callback does with a change: the history, then the screen."""
            link.heard(change)
            app.apply_change(change)

        async def settle() -> None:
            await pilot._wait_for_screen()
            await screen.wait_for_refresh()

        timer = Timer(settle, screen.wait_for_refresh)
        timer.lag.start()
        store = app.store

        def load() -> None:
            feed(store.merge(videos))

        figures["load"], figures["load_stall"] = await timer.measure(load)
        figures["rss"] = rss_mb()
        flushing = time.perf_counter()
        if link.history is not None:
            await asyncio.to_thread(link.history.flush)
        figures["history_flush"] = time.perf_counter() - flushing
        page_iter = iter(pages)

        def append() -> None:
            feed(store.merge(next(page_iter)))

        figures["append"], figures["append_stall"] = await timer.measure(append, repeat=5)

        buckets = iter(["completed", "all"] * 3)
        figures["filter"], figures["filter_stall"] = await timer.measure(
            lambda: app.basics.show_bucket(next(buckets)), repeat=6
        )
        figures["end"], figures["end_stall"] = await timer.measure(app.table.action_cursor_bottom)
        app.table.action_cursor_top()
        figures["scroll"], figures["scroll_stall"] = await timer.measure(
            app.table.action_page_down, repeat=30
        )
        rng = random.Random(3)
        bump = iter(range(1, 1000))

        def tick() -> None:
            ids = app.table.ids  # 5 rows on screen (the cursor's job first), 5 anywhere
            top = app.table.cursor_row
            chosen = [*ids[top : top + 5], *rng.sample(ids, 5)]
            step = next(bump)
            changed = [
                v.model_copy(
                    update={"progress": (v.progress + step) % 100, "status": "in_progress"}
                )
                for v in (store.get(i) for i in chosen)
                if v is not None
            ]
            feed(store.merge(changed))

        figures["tick"], figures["tick_stall"] = await timer.measure(
            tick, repeat=TICKS, one_frame=True
        )
        figures["rss_end"] = rss_mb()
        timer.lag.stop()
    return figures


async def _naive(count: int) -> dict[str, float]:
    """Textual's DataTable, rebuilt with clear() + add_rows() on every change."""
    slow = 1 if count >= 100_000 else 2  # repeats of a rebuild: ~45 s each at 100k
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable

    columns = ("Status", "Progress", "ID", "Model", "Size", "Len", "Prompt", "Created")

    def row(d: dict[str, Any]) -> tuple[str, ...]:
        return (
            d["status"], f"{d['progress']}%", d["id"][-12:], d["model"], d["size"],
            d["seconds"], d["prompt"], f"{(NOW - d['created_at']) // 60} min ago",
        )  # fmt: skip

    data = {d["id"]: d for d in make_data(count)}
    pages = [make_data(100, count + 100 * i) for i in range(5)]

    class Naive(App[None]):
        def compose(self) -> ComposeResult:
            yield DataTable(cursor_type="row")

    app = Naive()
    figures: dict[str, float] = {}
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(DataTable)
        table.add_columns(*columns)
        screen = app.screen

        async def settle() -> None:
            await pilot._wait_for_screen()
            await screen.wait_for_refresh()

        timer = Timer(settle, screen.wait_for_refresh)
        timer.lag.start()
        bucket = ["all"]

        def rebuild() -> None:
            rows = [row(d) for d in data.values() if bucket[0] in ("all", d["status"])]
            table.clear()
            table.add_rows(rows)

        figures["load"], figures["load_stall"] = await timer.measure(rebuild)
        figures["rss"] = rss_mb()
        page_iter = iter(pages)

        def append() -> None:
            data.update((d["id"], d) for d in next(page_iter))
            rebuild()

        figures["append"], figures["append_stall"] = await timer.measure(append, repeat=slow)
        buckets = iter(["completed", "all"])

        def switch() -> None:
            bucket[0] = next(buckets)
            rebuild()

        figures["filter"], figures["filter_stall"] = await timer.measure(switch, repeat=slow)
        figures["end"], figures["end_stall"] = await timer.measure(table.action_scroll_bottom)
        table.action_scroll_top()
        figures["scroll"], figures["scroll_stall"] = await timer.measure(
            table.action_page_down, repeat=10
        )
        rng = random.Random(3)
        ids = list(data)

        def tick() -> None:
            for video_id in rng.sample(ids, 10):
                data[video_id] = {**data[video_id], "progress": rng.randrange(100)}
            rebuild()

        figures["tick"], figures["tick_stall"] = await timer.measure(tick, repeat=slow)
        figures["rss_end"] = rss_mb()
        timer.lag.stop()
    return figures


SIZES = (1_000, 10_000, 100_000)
STALL = 0.033  # two frames at 60 fps: the longest an operation may hold the event loop
TICK_RATIO = 2.0  # a 10-row tick within this many times the bare repaint
RSS_MB = 150  # at 100k loaded


def run(quick: bool) -> list[Figure]:
    ours = {n: run_child(["-m", "bench.table_scale", "ours", str(n)]) for n in SIZES}
    bare = {n: run_child(["-m", "bench.bare_repaint"]) for n in SIZES}
    naive = {n: run_child(["-m", "bench.table_scale", "naive", str(n)], timeout=900) for n in SIZES}
    figures: list[Figure] = []
    for n in SIZES:
        o, p = ours[n], naive[n]
        big = n == SIZES[-1]
        label = f"3 table {n // 1000}k"

        def fig(
            what: str,
            key: str,
            target: str = "(informative)",
            limit: float | None = None,
            o: dict[str, float] = o,
            p: dict[str, float] = p,
            label: str = label,
        ) -> Figure:
            ok = None if limit is None else o[key] <= limit
            return Figure(label, what, ms(o[key]), f"DataTable {ms(p[key])}", target, ok)

        def stall(key: str, big: bool = big) -> Figure:
            return fig("  longest stall", key, *((f"≤ {ms(STALL)}", STALL) if big else ()))

        figures.append(fig("load all rows", "load"))
        figures.append(
            Figure(label, "  then the history commits them (writer thread)", ms(o["history_flush"]),
                   "", "(informative)", None)
        )  # fmt: skip
        figures.append(fig("append a page of 100", "append"))
        figures.append(stall("append_stall"))
        figures.append(fig("switch filter", "filter", *(("< 100 ms", 0.1) if big else ())))
        figures.append(stall("filter_stall"))
        figures.append(fig("jump to end (G)", "end", *(("< 100 ms", 0.1) if big else ())))
        figures.append(stall("end_stall"))
        page = bare[n]
        figures.append(
            Figure(label, "scroll a page", ms(o["scroll"]),
                   f"bare page {ms(page['page'])} · DataTable {ms(p['scroll'])}", "(informative)", None)
        )  # fmt: skip
        figures.append(
            Figure(label, "  longest stall", ms(o["scroll_stall"]),
                   f"bare page {ms(page['page_stall'])} · DataTable {ms(p['scroll_stall'])}",
                   *((f"≤ {ms(STALL)}", o["scroll_stall"] <= STALL) if big else ("(informative)", None)))
        )  # fmt: skip
        yardstick = bare[n]["tick"]
        figures.append(
            Figure(label, "poll tick, 10 rows changed", ms(o["tick"]),
                   f"bare repaint {ms(yardstick)} · DataTable {ms(p['tick'])}",
                   f"≤ {TICK_RATIO:g}× bare ({ms(TICK_RATIO * yardstick)}): "
                   f"{o['tick'] / yardstick:.2f}×", o["tick"] <= TICK_RATIO * yardstick)
        )  # fmt: skip
        figures.append(stall("tick_stall"))
        figures.append(
            Figure(label, "RSS (whole process)", f"{o['rss_end']:.0f} MB", f"DataTable {p['rss_end']:.0f} MB",
                   f"≤ {RSS_MB} MB" if big else "(informative)", o["rss_end"] <= RSS_MB if big else None)
        )  # fmt: skip
    small_tick, big_tick = ours[SIZES[0]]["tick"], ours[SIZES[-1]]["tick"]
    figures.append(
        Figure("3 table", "10-row tick: 100k vs 1k", f"{big_tick / small_tick:.2f}×", "",
               "(informative)", None)
    )  # fmt: skip
    return figures


if __name__ == "__main__":
    which, count = sys.argv[1], int(sys.argv[2])
    history = "--no-history" not in sys.argv[3:]
    result = asyncio.run(_ours(count, history=history) if which == "ours" else _naive(count))
    print(json.dumps(result), flush=True)
