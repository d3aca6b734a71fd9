"""``sora-tui list --history`` and ``sora-tui history path | prune | export``: the local history,
read without the server (offline too).

Exit codes: 0 done; 1 the history cannot be read, or the export file cannot be written; 2 the
history is turned off (--no-history, or [history] enabled = false), or no age to prune by.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

from tui.commands.history_file import history_file_for, history_profile, why_off
from tui.commands.history_output import Entry, history_table, write_csv, write_json
from tui.commands.output import terminal_width
from tui.commands.recording import DAY
from tui.fleet import Fleet
from tui.history import History, HistoryUnavailable, open_history
from tui.settings import Settings

PROG = "sora-tui"


class Refused(Exception):
    """The command cannot run; ``code`` is its exit code, ``str()`` the line for stderr."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def list_history(args: argparse.Namespace, settings: Settings) -> int:
    def work(history: History | None, path: Path) -> int:
        entries = list(_entries(history))
        wanted = set(args.status)
        entries = [entry for entry in entries if not wanted or entry[0].status in wanted]
        if args.order == "asc":
            entries.reverse()
        gone = sum(note is not None for _, note in entries)
        _note(f"from history {path} ({counted(len(entries), 'job')}, {gone} gone)")
        if args.json:
            write_json(entries, sys.stdout)
        elif args.csv:
            write_csv(entries, sys.stdout)
        else:
            sys.stdout.write(history_table(entries, width=terminal_width()))
        return 0

    return _with_history(settings, work)


def history_command(args: argparse.Namespace, fleet: Fleet) -> int:
    """``path`` and ``prune`` for each server of ``fleet`` in turn (a line each); ``export``
    writes one server's history, so a fleet of several is refused."""
    if args.history_command == "export" and fleet.many:
        return _fail(
            f"history export: one server at a time; give one --profile ({', '.join(fleet.names)})",
            2,
        )
    codes = []
    for settings in fleet.members:
        if args.history_command == "path":
            codes.append(_path(settings))
        elif args.history_command == "prune":
            codes.append(_prune(args, settings))
        else:
            codes.append(_export(args, settings))
    return max(codes)


def _path(settings: Settings) -> int:
    path = history_file_for(settings)
    if path is None:
        return _fail(f"the history is off ({why_off(settings)})", 2)
    sys.stdout.write(f"{path}\n")
    return 0


def _prune(args: argparse.Namespace, settings: Settings) -> int:
    age: float | None = args.older_than
    if age is None and settings.history_keep_days is not None:
        age = settings.history_keep_days * DAY
    if age is None:
        return _fail(
            "history prune: give --older-than AGE (12h, 90d, 8w), or [history] keep_days", 2
        )

    def work(history: History | None, path: Path) -> int:
        pruned = history.prune(age) if history is not None else 0
        sys.stdout.write(f"pruned {counted(pruned, 'job')} not seen for {_age(age)} from {path}\n")
        return 0

    return _with_history(settings, work)


def _export(args: argparse.Namespace, settings: Settings) -> int:
    write = write_csv if args.csv else write_json

    def work(history: History | None, path: Path) -> int:
        if args.output is None:
            count = write(_entries(history), sys.stdout)
        else:
            count = _write_file(
                Path(args.output).expanduser(), lambda out: write(_entries(history), out)
            )
        where = f" to {args.output}" if args.output else ""
        _note(f"exported {counted(count, 'job')} from history {path}{where}")
        return 0

    return _with_history(settings, work)


def _with_history(settings: Settings, work: Callable[[History | None, Path], int]) -> int:
    """``work`` on the history, opened and closed here; None when there is no file yet (never
    created by a read)."""
    path = history_file_for(settings)
    if path is None:
        return _fail(f"the history is off ({why_off(settings)})", 2)
    if not path.exists():
        _note(f"no history yet at {path}")
        return _guard(lambda: work(None, path))
    try:
        history = open_history(path, base_url=settings.base_url, profile=history_profile(settings))
    except HistoryUnavailable as error:
        return _fail(str(error), 1)
    try:
        return _guard(lambda: work(history, path))
    finally:
        history.close()


def _guard(run: Callable[[], int]) -> int:
    try:
        return run()
    except HistoryUnavailable as error:
        return _fail(str(error), 1)
    except Refused as refused:
        return _fail(str(refused), refused.code)
    except BrokenPipeError:  # `| head`: stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


def _entries(history: History | None) -> Iterator[Entry]:
    if history is not None:
        yield from history.all_jobs()


def _write_file(target: Path, write: Callable[[TextIO], int]) -> int:
    """``write`` into ``target`` whole or not at all (a temporary file, then a rename)."""
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    except OSError as error:
        raise Refused(f"cannot write {target}: {error.strerror or error}", 1) from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            count = write(out)
        os.replace(temporary, target)
    except OSError as error:
        raise Refused(f"cannot write {target}: {error.strerror or error}", 1) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
    return count


def _age(seconds: float) -> str:
    """``90 days``, ``36 hours``: what ``--older-than`` said, in days when it is whole days."""
    if seconds % DAY == 0:
        return counted(int(seconds // DAY), "day")
    return counted(int(seconds // 3600), "hour")


def counted(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _note(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr)


def _fail(message: str, code: int) -> int:
    _note(message)
    return code
