"""``sora-tui list --history`` across a fleet: every server's own history, merged newest first
by ``(created_at, id)``, each job with its server; no request (offline servers included).

A server whose history cannot be read is named on stderr and the others are still printed
(exit 1). A server with no history yet, or none at all (a demo profile), is a note.
"""

from __future__ import annotations

import argparse
import sys

from tui.commands.fleet_output import (
    TaggedEntry,
    fleet_history_table,
    write_fleet_csv,
    write_fleet_json,
)
from tui.commands.fleet_run import merged
from tui.commands.history_commands import counted
from tui.commands.history_file import history_file_for, history_profile, why_off
from tui.commands.history_output import Entry
from tui.commands.output import terminal_width
from tui.commands.printing import fail, silence_stdout, warn
from tui.fleet import Fleet
from tui.history import HistoryUnavailable, open_history
from tui.settings import Settings


def list_fleet_history(args: argparse.Namespace, fleet: Fleet) -> int:
    if all(history_file_for(settings) is None for settings in fleet.members):
        return fail(f"the history is off ({why_off(fleet.default)})", 2)
    wanted = set(args.status)
    read: list[tuple[str, list[Entry]]] = []
    code = 0
    for name, settings in fleet.items():
        try:
            entries = [
                entry
                for entry in _entries(name, settings)
                if not wanted or entry[0].status in wanted
            ]
        except HistoryUnavailable as error:
            warn(f"server {name}: {error}")
            code = 1
            continue
        if (path := history_file_for(settings)) is not None and path.exists():
            gone = sum(note is not None for _, note in entries)
            warn(f"{name}: from history {path} ({counted(len(entries), 'job')}, {gone} gone)")
        read.append((name, entries))
    jobs: list[TaggedEntry] = [
        (server, video, note)
        for server, (video, note) in merged(read, _key, ascending=args.order == "asc")
    ]
    try:
        if args.json:
            write_fleet_json(jobs, sys.stdout)
        elif args.csv:
            write_fleet_csv(jobs, sys.stdout)
        else:
            sys.stdout.write(fleet_history_table(jobs, width=terminal_width()))
    except BrokenPipeError:  # `| head`: stop quietly
        silence_stdout()
        return 1
    return code


def _entries(name: str, settings: Settings) -> list[Entry]:
    """Every job of ``settings``' history, newest first (none, with a note, when it has none)."""
    path = history_file_for(settings)
    if path is None:
        warn(f"{name}: no history ({why_off(settings)})")
        return []
    if not path.exists():
        warn(f"{name}: no history yet at {path}")
        return []
    history = open_history(path, base_url=settings.base_url, profile=history_profile(settings))
    try:
        return list(history.all_jobs())
    finally:
        history.close()


def _key(entry: Entry) -> tuple[int, str]:
    return (entry[0].created_at, entry[0].id)
