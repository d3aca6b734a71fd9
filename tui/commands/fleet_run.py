"""A command across a fleet: every server at once, each with its own client and history.

A server that fails (the network, an error status, nothing to talk to) fails alone: its problem
is kept beside the others' answers, never raised over them. Jobs from several servers merge
into one order by ``(created_at, id)``; the same id on two servers is two jobs.
"""

from __future__ import annotations

import asyncio
import heapq
from collections.abc import Awaitable, Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from tui.api.client import VideosClient
from tui.api.errors import ApiError
from tui.api.models import Video
from tui.commands.printing import warn
from tui.commands.recording import Recorder
from tui.commands.server import NoServer, open_client
from tui.fleet import Fleet
from tui.settings import Settings

T = TypeVar("T")
Item = TypeVar("Item")
Work = Callable[[VideosClient, Recorder], Awaitable[T]]


@dataclass(frozen=True)
class Answer(Generic[T]):
    """What one server gave: ``value``, or ``problem`` (one line) and its exit ``code``."""

    server: str
    value: T | None = None
    problem: str | None = None
    code: int = 0


def ask_each(fleet: Fleet, work: Work[T]) -> list[Answer[T]]:
    """``work`` on every server of ``fleet`` at once, answers in fleet order.

    KeyboardInterrupt goes to the caller, as it would from one server.
    """

    async def every() -> list[Answer[T]]:
        asked = (_ask(name, settings, work) for name, settings in fleet.items())
        return list(await asyncio.gather(*asked))

    return asyncio.run(every())


async def _ask(name: str, settings: Settings, work: Work[T]) -> Answer[T]:
    def note(message: str) -> None:  # the history's warnings, with the server they are about
        warn(f"{name}: {message}")

    try:
        # The client first: a server with nothing to talk to leaves no history behind.
        async with open_client(settings) as client, Recorder(settings, note) as recorder:
            return Answer(name, await work(client, recorder))
    except NoServer as problem:
        return Answer(name, problem=str(problem), code=2)
    except ApiError as problem:
        return Answer(name, problem=str(problem), code=1)
    except ValueError as problem:  # an id that cannot be a URL path segment
        return Answer(name, problem=str(problem), code=2)


def failures(answers: Iterable[Answer[T]]) -> list[str]:
    """A line for each server that gave nothing, naming it and saying why."""
    return [
        f"server {answer.server} failed: {answer.problem}" for answer in answers if answer.problem
    ]


def worst(codes: Iterable[int]) -> int:
    return max(codes, default=0)


def job_key(video: Video) -> tuple[int, str]:
    return (video.created_at, video.id)


def merged(
    streams: Sequence[tuple[str, Iterable[Item]]],
    key: Callable[[Item], tuple[int, str]],
    *,
    ascending: bool = False,
) -> Iterator[tuple[str, Item]]:
    """Every server's items (each in its own server's order) as one stream of
    ``(server, item)`` by ``key``, newest first (``ascending``: oldest first). Items that tie
    keep the fleet's order of their servers; no item is dropped or repeated."""
    tagged = [_tag(name, items) for name, items in streams]
    return heapq.merge(*tagged, key=lambda pair: key(pair[1]), reverse=not ascending)


def _tag(name: str, items: Iterable[Item]) -> Iterator[tuple[str, Item]]:
    for item in items:
        yield name, item
