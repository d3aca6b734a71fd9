"""What a command prints: its text on stdout, its problems on stderr, and its exit code."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass

PROG = "sora-tui"


@dataclass(frozen=True)
class Outcome:
    """``text`` on stdout; then ``notes`` (a line each) and ``problem`` (lines) on stderr."""

    text: str
    problem: str | None = None
    code: int = 0
    notes: Sequence[str] = ()


def deliver(outcome: Outcome) -> int:
    """Print ``outcome``; its exit code (1 when stdout went away before everything was read)."""
    printed = print_text(outcome.text)
    for note in outcome.notes:
        warn(note)
    if outcome.problem is None:
        return outcome.code or printed
    return fail(outcome.problem, outcome.code) or printed


def warn(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr)


def fail(message: str, code: int) -> int:
    """``message`` on stderr, its first line after the program's name; returns ``code``."""
    first, *rest = message.split("\n")
    print(f"{PROG}: {first}", file=sys.stderr)
    for line in rest:
        print(line, file=sys.stderr)
    return code


def print_text(text: str) -> int:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
        return 1
    return 0


def silence_stdout() -> None:
    """The reader went away (`| head`): stop quietly, as Python's docs advise."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
