"""Benchmark 7, a fleet: 5 servers × 20k jobs in one table, headless, no network.

The real SoraApp of a five-profile fleet is mounted with App.run_test (its feed worker off, as in
bench/table_scale.py). Each member's history is opened as its feed opens it; the benchmark then
plays each member poller's part: it merges into that member's store, hands the change to the
member's history and then to the fleet (``FleetLink.member_changed``: the merged store takes it
at once, tui/feed/fleet_view.py, and the app in the same turn of the event loop, one change for
every server that changed meanwhile), exactly the path a member's poller callback takes.
100k jobs are dealt
round-robin to the five servers, so their rows interleave in the table. Once loaded, every
history's writer thread commits what it was handed before the ticks are timed (as in
bench/table_scale.py): a tick is timed against a settled history, not a backlog of 100k writes.

The poll tick changes 10 rows (5 on screen, the cursor's first, 5 anywhere), each on its own
server's store, and is timed from the first merge until the screen has refreshed. Its yardstick,
in the same run: the same tick on one server's dashboard with 20k jobs (what each member holds)
and with 100k (what the fleet holds in all).
"""

from __future__ import annotations

import asyncio
import json
import random
import sys
from typing import Any

from bench.common import Figure, ms, rss_mb, run_child
from bench.table_scale import NOW, SIZE, STALL, TICKS, Timer, make_data

SERVERS = ("gpu-a", "gpu-b", "gpu-c", "gpu-d", "azure")
PER_SERVER = 20_000
TICK_RATIO = 1.5  # the fleet's 10-row tick within this many times one server's (20k)


async def _fleet(servers: int, per_server: int) -> dict[str, float]:
    from tui import clock
    from tui.api.models import Video
    from tui.app import SoraApp
    from tui.app.fleet_link import FleetLink
    from tui.fleet import Fleet
    from tui.job_keys import split_key
    from tui.settings import Settings

    clock.freeze(NOW)
    names = SERVERS[:servers] if servers > 1 else ("one",)
    data = make_data(len(names) * per_server)
    dealt = {
        name: [Video.model_validate(d) for d in data[i :: len(names)]]
        for i, name in enumerate(names)
    }

    class Bench(SoraApp):
        def run_feed(self) -> None:  # type: ignore[override]
            """No network: the benchmark feeds the stores itself."""

    members = tuple(
        Settings.model_validate(
            {"base_url": f"http://127.0.0.{i + 1}:9/v1", "api_key": "k", "profile": name}
        )
        for i, name in enumerate(names)
    )
    fleet = Fleet(members, "--profile")
    app = Bench(fleet.default, fleet=fleet)
    figures: dict[str, float] = {}
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        link = app.link

        def feed(name: str, videos: list[Video]) -> None:
            """What a member poller's callback does: its history, the merged store, the screen."""
            if isinstance(link, FleetLink):
                member = link.members[name]
                change = member.store.merge(videos)
                member.history.heard(change)
                link.member_changed(name, change)
            else:
                change = link.store.merge(videos)
                link.history.heard(change)
                app.apply_change(change)

        if isinstance(link, FleetLink):
            for member in link.members.values():
                await member.history.open(member.settings)
        else:
            await link.history.open(link.settings)

        async def settle() -> None:
            await pilot._wait_for_screen()
            await screen.wait_for_refresh()

        timer = Timer(settle, screen.wait_for_refresh)
        timer.lag.start()

        def load() -> None:
            for name, videos in dealt.items():
                feed(name, videos)

        figures["load"], figures["load_stall"] = await timer.measure(load)
        figures["rss"] = rss_mb()
        histories = (
            [member.history for member in link.members.values()]
            if isinstance(link, FleetLink)
            else [link.history]
        )
        for history in histories:  # committed before the ticks, as in bench/table_scale.py
            if history.history is not None:
                await asyncio.to_thread(history.history.flush)
        rng = random.Random(3)
        bump = iter(range(1, 1000))
        store = app.store

        async def tick() -> None:
            keys = app.table.ids
            top = app.table.cursor_row
            chosen = [*keys[top : top + 5], *rng.sample(keys, 5)]
            step = next(bump)
            by_server: dict[str, list[Video]] = {}
            for key in chosen:
                video = store.get(key)
                if video is None:
                    continue
                server = split_key(key)[0] or names[0]
                changed = video.model_copy(
                    update={"progress": (video.progress + step) % 100, "status": "in_progress"}
                )
                by_server.setdefault(server, []).append(changed)
            for server, videos in by_server.items():  # each server's poller, one after another
                feed(server, videos)
            # A fleet hands its members' changes to the app in the next turn of the event loop
            # (FleetLink.member_changed): that turn is part of the tick, and the frame timed is
            # the one that paints it (else the screen's refresh could come before the rows).
            await asyncio.sleep(0)

        figures["tick"], figures["tick_stall"] = await timer.measure(
            tick, repeat=TICKS, one_frame=True
        )
        figures["rss_end"] = rss_mb()
        timer.lag.stop()
    return figures


def run(quick: bool) -> list[Figure]:
    fleet = run_child(["-m", "bench.fleet_scale", str(len(SERVERS)), str(PER_SERVER)])
    one = run_child(["-m", "bench.fleet_scale", "1", str(PER_SERVER)])
    whole = run_child(["-m", "bench.fleet_scale", "1", str(len(SERVERS) * PER_SERVER)])
    label = f"7 fleet {len(SERVERS)}×{PER_SERVER // 1000}k"
    ratio = fleet["tick"] / one["tick"]
    return [
        Figure(label, "load every server's jobs", ms(fleet["load"]),
               f"one server 100k {ms(whole['load'])}", "(informative)", None),
        Figure(label, "poll tick, 10 rows changed", ms(fleet["tick"]),
               f"one server 20k {ms(one['tick'])} · 100k {ms(whole['tick'])}",
               f"≤ {TICK_RATIO:g}× one server 20k: {ratio:.2f}×", ratio <= TICK_RATIO),
        Figure(label, "  longest stall", ms(fleet["tick_stall"]), f"one server 20k {ms(one['tick_stall'])}",
               f"≤ {ms(STALL)}", fleet["tick_stall"] <= STALL),
        Figure(label, "RSS (whole process)", f"{fleet['rss_end']:.0f} MB",
               f"one server 100k {whole['rss_end']:.0f} MB", "(informative)", None),
    ]  # fmt: skip


def main(argv: list[str]) -> dict[str, Any]:
    return asyncio.run(_fleet(int(argv[0]), int(argv[1])))


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1:])), flush=True)
