"""``sora-tui list`` across a fleet: every server asked at once, one list newest first.

Each server is asked exactly as ``list`` asks one (``--limit N`` jobs a request, every page with
``--all``) and records what it saw in its own history; the jobs merge by ``(created_at, id)``
and, without ``--all``, the newest N of them all are kept: the N jobs the fleet's one page
would hold. ``--status`` filters after that, as it filters one server's page. A server that
fails loses only its own jobs: the others' are printed, a line on stderr names it, and the exit
code says something is missing.
"""

from __future__ import annotations

import argparse
import time

from tui.api.client import VideosClient
from tui.commands.fetch import Fetched, fetch_videos
from tui.commands.fleet_output import fleet_csv_text, fleet_json_text, fleet_table_text
from tui.commands.fleet_run import Answer, ask_each, failures, job_key, merged, worst
from tui.commands.output import terminal_width
from tui.commands.printing import Outcome, deliver
from tui.commands.recording import Recorder
from tui.fleet import Fleet


def list_fleet(args: argparse.Namespace, fleet: Fleet) -> int:
    async def work(client: VideosClient, recorder: Recorder) -> Fetched:
        started = time.time()
        fetched = await fetch_videos(
            client, every_page=args.all, limit=args.limit, order=args.order
        )
        await recorder.record(fetched.seen)
        if args.all and fetched.stopped is None:  # every job listed: the rest are gone
            await recorder.mark_unlisted(fetched.seen, walk_started=started)
        return fetched

    try:
        answers = ask_each(fleet, work)
    except KeyboardInterrupt:
        return 130
    return deliver(_outcome(args, answers))


def _outcome(args: argparse.Namespace, answers: list[Answer[Fetched]]) -> Outcome:
    listed = [(answer.server, answer.value) for answer in answers if answer.value is not None]
    jobs = list(
        merged([(name, got.seen) for name, got in listed], job_key, ascending=args.order == "asc")
    )
    if not args.all:
        jobs = jobs[: args.limit]
    wanted = set(args.status)
    jobs = [(server, video) for server, video in jobs if not wanted or video.status in wanted]
    if args.json:
        text = fleet_json_text(jobs)
    elif args.csv:
        text = fleet_csv_text(jobs)
    else:
        text = fleet_table_text(jobs, width=terminal_width())
    what = "filtered" if args.status else "showing"
    short = [
        f"{name}: {got.stopped}: {what} its first {got.fetched} jobs"
        for name, got in listed
        if got.stopped is not None
    ]
    codes = [answer.code for answer in answers] + [1] * len(short)
    return Outcome(text, code=worst(codes), notes=[*failures(answers), *short])
