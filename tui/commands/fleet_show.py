"""``sora-tui show`` across a fleet: ``server:id`` asks that server alone; a bare id is looked
for on every server at once (``resolve``, on each).

The best match wins across servers as it does on one (an exact id beats a prefix, a prefix beats
a part of an id). Two servers that both have it make it ambiguous: the ``server:id`` forms are
listed and nothing is printed (exit 2). A server that fails is named on stderr; the job found
elsewhere is still printed, with exit code 1 (the failing server might have had it too).
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from tui.api.client import VideosClient
from tui.api.models import Video
from tui.commands.fleet_output import fleet_entry_json_text, fleet_json_one
from tui.commands.fleet_run import Answer, ask_each, failures, worst
from tui.commands.history_output import gone_text
from tui.commands.output import show_text
from tui.commands.printing import Outcome, deliver
from tui.commands.recording import Recorder
from tui.commands.resolve import EXACT, Resolution, rank, resolve
from tui.commands.run import SHOWN_MATCHES, match_line, not_found_reason
from tui.fleet import Fleet
from tui.history import GoneNote
from tui.text import one_line


@dataclass(frozen=True)
class Lookup:
    """One server's answer: how the id resolved, and its history's copy if the server said 404."""

    resolution: Resolution
    gone: tuple[Video, GoneNote] | None = None


@dataclass(frozen=True)
class Candidate:
    server: str
    video: Video
    note: GoneNote | None  # gone from the server: shown from its history
    tier: int  # how well the id names it (resolve's EXACT, PREFIX, PART)


def show_fleet(args: argparse.Namespace, fleet: Fleet, argument: str) -> int:
    async def work(client: VideosClient, recorder: Recorder) -> Lookup:
        resolution = await resolve(client, argument)
        await recorder.record(resolution.seen)
        if resolution.found is None and resolution.not_found:
            return Lookup(resolution, await recorder.gone_entry(resolution.wanted))
        return Lookup(resolution)

    try:
        answers = ask_each(fleet, work)
    except KeyboardInterrupt:
        return 130
    return deliver(_outcome(args, answers))


def candidates(answers: list[Answer[Lookup]]) -> list[Candidate]:
    """What every server found, only the best tier kept (one server's unique prefix does not
    beat another's several): a server's one job (or its history's copy), else every job its
    list had that matches."""
    found: list[Candidate] = []
    for answer in answers:
        if answer.value is None:
            continue
        resolution, gone = answer.value.resolution, answer.value.gone
        if resolution.found is not None:  # retrieved (exact), or its list's one match
            # A retrieved job is what the id names, even when the server spells its id otherwise.
            tier = rank(resolution.wanted, resolution.found.id) or EXACT
            found.append(Candidate(answer.server, resolution.found, None, tier))
        elif gone is not None:
            found.append(Candidate(answer.server, gone[0], gone[1], EXACT))
        else:
            found += [
                Candidate(answer.server, video, None, rank(resolution.wanted, video.id))
                for video in resolution.matches
            ]
    best = max((candidate.tier for candidate in found), default=0)
    return [candidate for candidate in found if candidate.tier == best]


def _outcome(args: argparse.Namespace, answers: list[Answer[Lookup]]) -> Outcome:
    failed = failures(answers)
    code = worst(answer.code for answer in answers)
    wanted = one_line(_wanted(answers), limit=200)
    found = candidates(answers)
    if len(found) == 1:
        return _shown(args, found[0], wanted, failed, code)
    if found:
        return Outcome("", _ambiguous(wanted, found), 2, notes=failed)
    answered = [answer for answer in answers if answer.value is not None]
    if not answered:
        return Outcome("", code=code, notes=failed)
    servers = ", ".join(answer.server for answer in answered)
    lines = [f"no job matches {wanted!r} on {servers}:"]
    lines += [
        f"  {answer.server}: {not_found_reason(answer.value.resolution)}"
        for answer in answered
        if answer.value is not None
    ]
    return Outcome("", "\n".join(lines), max(code, 1), notes=failed)


def _shown(
    args: argparse.Namespace, found: Candidate, wanted: str, failed: list[str], code: int
) -> Outcome:
    server, video, note = found.server, found.video, found.note
    if note is None:
        text = fleet_json_one(server, video) if args.json else show_text(video, server=server)
        return Outcome(text, code=code, notes=failed)
    text = (
        fleet_entry_json_text(server, video, note)
        if args.json
        else gone_text(video, note, server=server)
    )
    gone = f"{wanted} is gone from server {server} (404): shown from its history"
    return Outcome(text, code=code, notes=[gone, *failed])


def _ambiguous(wanted: str, found: list[Candidate]) -> str:
    servers = list(dict.fromkeys(candidate.server for candidate in found))  # fleet order
    on = f"{len(servers)} server{'s' if len(servers) > 1 else ''} ({', '.join(servers)})"
    lines = [f"{wanted!r} matches {len(found)} jobs on {on}; give SERVER:ID:"]
    lines += [
        match_line(f"{c.server}:{c.video.id}", c.video.status, c.video.created_at)
        for c in found[:SHOWN_MATCHES]
    ]
    if len(found) > SHOWN_MATCHES:
        lines.append(f"  … and {len(found) - SHOWN_MATCHES} more")
    return "\n".join(lines)


def _wanted(answers: list[Answer[Lookup]]) -> str:
    return next((a.value.resolution.wanted for a in answers if a.value is not None), "")
