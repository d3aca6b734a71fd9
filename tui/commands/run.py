"""`sora-tui list` and `sora-tui show`: arguments, the request, the output, the exit code.

Exit codes: 0 done, 1 the server or the network failed (one line on stderr), or could not give
everything asked for (what it gave is printed), or knows no job by that id; 2 nothing to talk to
or a bad argument (an id that names several jobs). Never a traceback, never the key.

Every job read is recorded in the history (``recording``). A job the server answers 404 for but
the history knows is printed from the history, marked gone, with exit code 0 and a line on
stderr saying so.

A fleet of several servers goes to ``fleet_list`` and ``fleet_show``; one server (one
``--profile``, or none) is printed here, exactly as before fleets.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from collections.abc import Awaitable, Callable

from tui.api.client import VideosClient
from tui.api.errors import ApiError
from tui.commands.fetch import fetch_videos
from tui.commands.output import (
    csv_text,
    iso_time,
    json_one,
    json_text,
    show_text,
    table_text,
    terminal_width,
)
from tui.commands.printing import Outcome, deliver, fail, warn
from tui.commands.recording import Recorder
from tui.commands.resolve import Resolution, resolve
from tui.commands.server import NoServer, open_client
from tui.commands.server_prefix import split_server
from tui.fleet import Fleet
from tui.settings import Settings
from tui.text import one_line

SHOWN_MATCHES = 20  # an ambiguous id lists at most this many jobs


def list_command(args: argparse.Namespace, fleet: Fleet) -> int:
    if args.history:
        if fleet.many:
            from tui.commands.fleet_history import list_fleet_history

            return list_fleet_history(args, fleet)
        from tui.commands.history_commands import list_history

        return list_history(args, fleet.default)
    if fleet.many:
        from tui.commands.fleet_list import list_fleet

        return list_fleet(args, fleet)

    async def work(client: VideosClient, recorder: Recorder) -> Outcome:
        started = time.time()
        fetched = await fetch_videos(
            client, every_page=args.all, limit=args.limit, order=args.order, statuses=args.status
        )
        await recorder.record(fetched.seen)
        if args.all and fetched.stopped is None:  # every job listed: the rest are gone
            await recorder.mark_unlisted(fetched.seen, walk_started=started)
        videos = fetched.videos
        if args.json:
            text = json_text(videos)
        elif args.csv:
            text = csv_text(videos)
        else:
            text = table_text(videos, width=terminal_width())
        if fetched.stopped is None:
            return Outcome(text)
        what = "filtered" if args.status else "showing"
        return Outcome(text, f"{fetched.stopped}: {what} the first {fetched.fetched} jobs", 1)

    return _run(fleet.default, work)


def show_command(args: argparse.Namespace, fleet: Fleet) -> int:
    try:
        server, argument = split_server(args.id, fleet)
    except ValueError as problem:
        return fail(str(problem), 2)
    if fleet.many:
        if not argument.strip():  # said once, not once a server
            return fail("an empty id names no job", 2)
        from tui.commands.fleet_show import show_fleet

        return show_fleet(args, fleet.only(server) if server else fleet, argument)

    async def work(client: VideosClient, recorder: Recorder) -> Outcome:
        resolution = await resolve(client, argument)
        await recorder.record(resolution.seen)
        video = resolution.found
        if video is not None:
            return Outcome(json_one(video) if args.json else show_text(video))
        remembered = await recorder.gone_entry(resolution.wanted) if resolution.not_found else None
        if remembered is None:
            return _unresolved(resolution)
        from tui.commands.history_output import entry_json_text, gone_text

        video, note = remembered
        text = entry_json_text(video, note) if args.json else gone_text(video, note)
        wanted = one_line(resolution.wanted, limit=200)
        return Outcome(text, f"{wanted} is gone from the server (404): shown from the history", 0)

    return _run(fleet.default, work)


def not_found_reason(resolution: Resolution) -> str:
    """Why no job matched: what the server said of the id, and how much of the list was read."""
    searched = f"none of the {resolution.searched} jobs listed has such an id"
    if resolution.retrieved:
        searched = f"the server knows no such id (404), and {searched}"
    if resolution.stopped:
        searched += f" ({resolution.stopped}, so only those could be searched)"
    return searched


def match_line(video_id: str, status: str | None, created_at: int | None) -> str:
    """One line of an ambiguous id's list: the id (or ``server:id``), status, creation."""
    return f"  {one_line(video_id)}  {one_line(status) or '-'}  {iso_time(created_at) or '-'}"


def _unresolved(resolution: Resolution) -> Outcome:
    wanted = one_line(resolution.wanted, limit=200)
    if not resolution.matches:
        return Outcome("", f"no job matches {wanted!r}: {not_found_reason(resolution)}", 1)
    matches = resolution.matches
    lines = [f"{wanted!r} matches {len(matches)} jobs; give more of the id:"]
    lines += [
        match_line(video.id, video.status, video.created_at) for video in matches[:SHOWN_MATCHES]
    ]
    if len(matches) > SHOWN_MATCHES:
        lines.append(f"  … and {len(matches) - SHOWN_MATCHES} more")
    return Outcome("", "\n".join(lines), 2)


def _run(settings: Settings, work: Callable[[VideosClient, Recorder], Awaitable[Outcome]]) -> int:
    async def session() -> Outcome:
        # The client first: a command with nothing to talk to leaves no history behind.
        async with open_client(settings) as client, Recorder(settings, warn) as recorder:
            return await work(client, recorder)

    try:
        outcome = asyncio.run(session())
    except NoServer as problem:
        return fail(str(problem), 2)
    except ApiError as problem:
        return fail(str(problem), 1)
    except ValueError as problem:  # an id that cannot be a URL path segment ("", ".", "..")
        return fail(str(problem), 2)
    except KeyboardInterrupt:
        return 130
    return deliver(outcome)
