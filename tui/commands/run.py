"""`sora-tui list` and `sora-tui show`: arguments, the request, the output, the exit code.

Exit codes: 0 done, 1 the server or the network failed (one line on stderr), 2 nothing to talk
to or a bad argument. Never a traceback, never the key.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import sys
from collections.abc import Awaitable, Callable

from tui.api.client import VideosClient
from tui.api.errors import ApiError
from tui.api.models import KNOWN_STATUSES
from tui.commands.fetch import PagingLoop, fetch_videos
from tui.commands.output import csv_text, json_one, json_text, show_text, table_text
from tui.commands.server import NoServer, open_client
from tui.settings import Settings

PROG = "sora-tui"


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
        help="jobs per request, 1..100 (default 20): the whole answer without --all",
    )
    parser.add_argument(
        "--order", choices=("asc", "desc"), help="by creation time (the server's default: desc)"
    )


def add_show_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", metavar="ID", help="the job's id (video_...)")
    parser.add_argument("--json", action="store_true", help="the full job object as JSON")


def _limit(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if not 1 <= number <= 100:
        raise argparse.ArgumentTypeError("must be between 1 and 100")
    return number


def list_command(args: argparse.Namespace, settings: Settings) -> int:
    async def work(client: VideosClient) -> str:
        videos = await fetch_videos(
            client, every_page=args.all, limit=args.limit, order=args.order, statuses=args.status
        )
        if args.json:
            return json_text(videos)
        if args.csv:
            return csv_text(videos)
        return table_text(videos, width=_terminal_width())

    return _run(settings, work)


def show_command(args: argparse.Namespace, settings: Settings) -> int:
    async def work(client: VideosClient) -> str:
        video = await client.retrieve(args.id)
        return json_one(video) if args.json else show_text(video)

    return _run(settings, work)


def _run(settings: Settings, work: Callable[[VideosClient], Awaitable[str]]) -> int:
    async def session() -> str:
        async with open_client(settings) as client:
            return await work(client)

    try:
        text = asyncio.run(session())
    except NoServer as problem:
        return _fail(str(problem), 2)
    except (ApiError, PagingLoop) as problem:
        return _fail(str(problem), 1)
    except ValueError as problem:  # an id that cannot be a URL path segment ("", ".", "..")
        return _fail(str(problem), 2)
    except KeyboardInterrupt:
        return 130
    return _print(text)


def _fail(message: str, code: int) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return code


def _print(text: str) -> int:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, as Python's docs advise.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    return 0


def _terminal_width() -> int | None:
    """A terminal's width cuts long prompts; a pipe gets whole lines."""
    if not sys.stdout.isatty():
        return None
    return shutil.get_terminal_size().columns
