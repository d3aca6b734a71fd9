"""Run every benchmark and print each figure next to its peer and the target.

.venv/bin/python -m bench            # full run (several minutes)
.venv/bin/python -m bench --quick    # fewer repeats, 10 s CPU windows
.venv/bin/python -m bench --only 1,3 # some benchmarks only
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from bench import (
    fetch_all,
    first_rows,
    fleet_scale,
    from_history,
    table_scale,
    to_the_end,
    watching,
)
from bench.common import Figure, machine, print_table

BENCHMARKS: dict[str, tuple[str, Callable[[bool], list[Figure]]]] = {
    "1": ("time to first rows", first_rows.run),
    "2": ("fetch everything", fetch_all.run),
    "3": ("scale of the table", table_scale.run),
    "4": ("cost of watching", watching.run),
    "5": ("G to the end", to_the_end.run),
    "6": ("first rows from history, a 100k-job history", from_history.run),
    "7": ("a fleet of 5 servers × 20k jobs", fleet_scale.run),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, short CPU windows")
    parser.add_argument(
        "--only", default=",".join(BENCHMARKS), help="comma-separated benchmark numbers"
    )
    args = parser.parse_args(argv)
    print(f"machine: {machine()}", flush=True)
    figures: list[Figure] = []
    for number in args.only.split(","):
        name, run = BENCHMARKS[number.strip()]
        start = time.monotonic()
        print(f"running {number}: {name}…", flush=True)
        figures += run(args.quick)
        print(f"  done in {time.monotonic() - start:.0f} s", flush=True)
    print()
    print_table(figures)
    missed = [f for f in figures if f.ok is False]
    print(f"\n{len(missed)} target(s) missed" if missed else "\nevery target met")
    return 1 if missed else 0
