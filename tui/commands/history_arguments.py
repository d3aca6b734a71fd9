"""What ``sora-tui history`` takes: ``path``, ``prune --older-than``, ``export``.

Light like ``arguments``: every start builds the parser, and none should load the history.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable

SECONDS = {"h": 3600, "d": 86_400, "w": 7 * 86_400}
_DURATION = re.compile(r"([1-9][0-9]*)([hdw])")


def duration(text: str) -> float:
    """``90d`` → seconds: a whole number of hours (``h``), days (``d``) or weeks (``w``)."""
    match = _DURATION.fullmatch(text.strip().lower())
    if match is None:
        raise argparse.ArgumentTypeError(
            f"not a duration: {text!r} (a whole number and h, d or w: 12h, 90d, 8w)"
        )
    return float(int(match.group(1)) * SECONDS[match.group(2)])


def add_history_arguments(
    parser: argparse.ArgumentParser, add_global_flags: Callable[[argparse.ArgumentParser], None]
) -> None:
    """The sub-commands of ``history``; each takes the global flags too (``add_global_flags``)."""
    actions = parser.add_subparsers(dest="history_command", metavar="ACTION", required=True)
    path = actions.add_parser(
        "path",
        help="print the history file of this server and profile (or the demo's)",
        description="Print the history file of this server and profile (or the demo's).",
    )
    prune = actions.add_parser(
        "prune",
        help="delete the jobs not seen on the server for a while",
        description="Delete the jobs (and their downloads) not seen on the server for a while.",
    )
    prune.add_argument(
        "--older-than",
        type=duration,
        metavar="AGE",
        help="not seen for this long: 12h, 90d, 8w (default: the config's [history] keep_days)",
    )
    export = actions.add_parser(
        "export",
        help="print every job of the history, gone ones included (JSON or CSV)",
        description="Print every job of the history, newest first, gone ones included: one "
        "JSON array (the default) or CSV, each job with gone, gone_reason and last_seen.",
    )
    output = export.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="one JSON array (the default)")
    output.add_argument("--csv", action="store_true", help="CSV with a header row")
    export.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE (whole, or not at all) not stdout"
    )
    for command in (path, prune, export):
        add_global_flags(command)
