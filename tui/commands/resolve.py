"""`sora-tui show ID`: find the job a person means from a full id, a prefix or a short id.

The dashboard's ID column shows the part of an id that differs (a LiteLLM id's upstream id, or
what follows the prefix every loaded id shares), so a person copies that. An id that the server
does not know is looked for in the list, page by page: an exact id first, then a prefix of the
id, of the id without ``video_`` or of the upstream id inside a LiteLLM id, then any part of one.
"""

from __future__ import annotations

from contextlib import aclosing
from dataclasses import dataclass, field

from tui.api.client import VideosClient
from tui.api.errors import BadRequestError, NotFoundError
from tui.api.ids import ID_PREFIX, canonical_id, upstream_id
from tui.api.models import Video
from tui.commands.fetch import Pager
from tui.contract import PAGE_LIMIT_MAX

PAGE = PAGE_LIMIT_MAX  # the most a list call may ask for: fewest round trips
EXACT, PREFIX, PART = 3, 2, 1


@dataclass
class Resolution:
    wanted: str
    found: Video | None = None
    matches: list[Video] = field(default_factory=list)  # several: the argument is ambiguous
    searched: int = 0  # jobs looked through in the list
    stopped: str | None = None  # the list walk stopped short (a server that ignores paging)
    retrieved: bool = False  # the server was asked for the id itself first (and refused it)
    not_found: bool = False  # ... and said 404: the server has no such job (any more)
    seen: list[Video] = field(default_factory=list)  # every job read on the way


def looks_like_full_id(text: str) -> bool:
    return text.startswith(ID_PREFIX) and len(text) > len(ID_PREFIX)


def id_forms(video_id: str) -> tuple[str, ...]:
    """The spellings a person may use for one id: as is, without ``video_``, and for a LiteLLM
    id the upstream id inside it, with and without its own ``video_``."""
    forms = [video_id, video_id.removeprefix(ID_PREFIX)]
    upstream = upstream_id(video_id)
    if upstream is not None:
        forms += [upstream, upstream.removeprefix(ID_PREFIX)]
    return tuple(form for form in forms if form)


def rank(wanted: str, video_id: str) -> int:
    """How well ``wanted`` names ``video_id``: EXACT, PREFIX, PART, or 0 for not at all."""
    if wanted == video_id:
        return EXACT
    forms = id_forms(video_id)
    if any(form.startswith(wanted) for form in forms):
        return PREFIX
    if any(wanted in form for form in forms):
        return PART
    return 0


async def resolve(client: VideosClient, argument: str) -> Resolution:
    """Retrieve the job ``argument`` names, or find it in the list (see the module doc)."""
    wanted = canonical_id(argument.strip())  # requests always use the full canonical id
    if not wanted:
        raise ValueError("an empty id names no job")
    resolution = Resolution(wanted)
    if looks_like_full_id(wanted):
        try:
            resolution.found = await client.retrieve(wanted)
            resolution.seen = [resolution.found]
            return resolution
        except (NotFoundError, BadRequestError) as error:  # some refuse an id they do not know
            resolution.retrieved = True  # maybe a prefix of an id: look in the list
            resolution.not_found = isinstance(error, NotFoundError)
    tiers: dict[int, list[Video]] = {EXACT: [], PREFIX: [], PART: []}
    pager = Pager(client, limit=PAGE, order=None)
    async with aclosing(pager.pages()) as pages:
        async for page in pages:
            for video in page:
                if score := rank(wanted, video.id):
                    tiers[score].append(video)
            if tiers[EXACT]:
                break  # ids are unique: nothing can beat it
    resolution.searched = len(pager.videos)
    resolution.seen = list(pager.videos.values())
    resolution.stopped = pager.stopped
    best = next((tiers[score] for score in (EXACT, PREFIX, PART) if tiers[score]), [])
    if len(best) == 1:
        resolution.found = best[0]
    else:
        resolution.matches = best
    return resolution
