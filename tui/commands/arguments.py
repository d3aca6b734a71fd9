"""What ``list`` and ``show`` take: their arguments, apart from the commands themselves.

Light on purpose: every start parses the command line, and the dashboard's parse should not load
the commands (their client, paging and CSV / JSON output).
"""

from __future__ import annotations

import argparse

from tui.api.models import KNOWN_STATUSES
from tui.contract import PAGE_LIMIT_MAX, PAGE_SIZE_MIN


def add_list_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--status",
        action="append",
        default=[],
        metavar="STATUS",
        help=(
            f"only jobs with this status ({', '.join(KNOWN_STATUSES)}, or any other status a "
            "server uses); repeat for several. Filtered here after fetching (the API has no "
            "status filter), so without --all it filters the one page fetched"
        ),
    )
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="a JSON array of the full job objects")
    output.add_argument("--csv", action="store_true", help="CSV with a header row")
    parser.add_argument(
        "--all",
        action="store_true",
        help="follow the cursor through every page, not just the first",
    )
    parser.add_argument(
        "--limit",
        type=_limit,
        default=20,
        metavar="N",
        help=f"jobs per request, {PAGE_SIZE_MIN}..{PAGE_LIMIT_MAX} (default 20): "
        "the whole answer without --all (with a fleet: each server is asked for N, and the "
        "newest N of them all are printed)",
    )
    parser.add_argument(
        "--order", choices=("asc", "desc"), help="by creation time (the server's default: desc)"
    )
    parser.add_argument(
        "--history",
        action="store_true",
        help="every job of the local history instead, gone ones included (no request: works "
        "offline); --status and --order apply, --all and --limit do not",
    )


def add_show_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "id",
        metavar="ID",
        help="the job's id (video_...), or any unique prefix of it, or the short id the "
        "dashboard shows (looked for in the list when the server knows no such id); "
        "SERVER:ID asks only that profile's server of a fleet, a bare ID asks every one",
    )
    parser.add_argument("--json", action="store_true", help="the full job object as JSON")


def _limit(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if not PAGE_SIZE_MIN <= number <= PAGE_LIMIT_MAX:
        raise argparse.ArgumentTypeError(f"must be between {PAGE_SIZE_MIN} and {PAGE_LIMIT_MAX}")
    return number
