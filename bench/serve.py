"""The emulator for benchmarks, in its own process: `python -m bench.serve --jobs N --in-flight K`.

Prints its base URL on the first line, then serves until terminated. ``--in-flight K`` pins
exactly K jobs in flight for the whole run (new jobs, forced to in_progress) and pins the seeded
world's own in-flight jobs as completed, so "0 in flight" really is idle.
"""

from __future__ import annotations

import argparse

from bench.common import API_KEY
from tui.emulator import EmulatorConfig, EmulatorServer


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=1000)
    parser.add_argument("--in-flight", type=int, default=0)
    parser.add_argument("--speed", type=float, default=1.0)
    args = parser.parse_args()
    server = EmulatorServer(
        EmulatorConfig(jobs=args.jobs, seed=11, speed=args.speed, api_key=API_KEY)
    )
    world = server.world
    for video in world.snapshot():
        if video["status"] in ("queued", "in_progress"):
            world.force(video["id"], status="completed")
    for n in range(args.in_flight):
        video = world.create(prompt=f"bench job {n}: a lighthouse in a storm")
        world.force(video["id"], status="in_progress", progress=n % 100)
    server.bind()
    print(server.base_url, flush=True)
    server.serve()


if __name__ == "__main__":
    main()
