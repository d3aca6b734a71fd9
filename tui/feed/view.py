"""What the table shows on top of the status bucket: a text search, a sort order, a watching view.

Pure functions over ids and a lookup of Videos (the store); no widgets, no I/O.

* **Search**: the query is split on whitespace; a job matches when every word occurs,
  case-insensitively, in its id, prompt, model, or error code/message. Each job's lowercase
  "haystack" is built lazily and cached by the identity of its Video object (a new Video from
  the server is a new object, so a stale haystack is never used). When the query only narrows
  the previous one (every old word is part of a new word) over the same rows, only the previous
  matches are searched again.
* **Sort**: by created, status, progress, model or seconds. ``created`` starts newest first,
  every other column ascending; ``reverse`` flips it. Sorting is stable over the store's order,
  so ties are always broken by created (newest first), then id — the same rows sort the same
  way on every refresh.
* **Watching**: jobs in flight (queued, in progress) plus jobs seen finishing less than
  ``linger`` seconds ago, so a job that completes or fails stays in sight long enough to be seen.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Final, Protocol

from tui.api.models import Video
from tui.feed.filters import BUCKETS, OTHER, bucket_of
from tui.job_keys import SEPARATOR


class VideoLookup(Protocol):
    """What the view needs of the store: a Mapping[str, Video] or the VideoStore itself."""

    def get(self, video_id: str, /) -> Video | None: ...


# --- search ---------------------------------------------------------------------------------


def parse_query(text: str) -> tuple[str, ...]:
    """The words of a query, case-folded, without repeats (empty: no search)."""
    return tuple(dict.fromkeys(text.casefold().split()))


def haystack(video: Video) -> str:
    """The text a search looks in. Fields are joined by newlines, which no query word contains,
    so a word never matches across two fields."""
    error = video.error
    parts = (
        video.id,
        video.prompt or "",
        video.model,
        (error.code or "") if error else "",
        error.message if error else "",
    )
    return "\n".join(parts).casefold()


def narrows(old: Sequence[str], new: Sequence[str]) -> bool:
    """Every job matching ``new`` also matches ``old`` (each old word lies inside a new word)."""
    return all(any(word in longer for longer in new) for word in old)


class _Haystacks(dict[str, str]):
    """id → haystack, built on first use from the lookup (``dict.__missing__``: a hit costs
    one C-level lookup, which is what keeps a keystroke fast at 100k jobs)."""

    def __init__(self) -> None:
        super().__init__()
        self.videos: VideoLookup = {}

    def __missing__(self, video_id: str) -> str:
        video = self.videos.get(video_id)
        if video is None:
            return ""  # not cached: the job may arrive later
        text = haystack(video)
        server, separator, _ = video_id.partition(SEPARATOR)
        if separator:  # a fleet's key: the server's name matches too
            text = f"{server.casefold()}\n{text}"
        self[video_id] = text
        return text


class SearchIndex:
    """Matches ids against a query, reusing cached haystacks and the previous result.

    The owner reports every store change with `forget` (changed or removed ids): their
    haystacks are rebuilt on next use and the next search starts from all the rows.
    """

    def __init__(self) -> None:
        self._hay = _Haystacks()
        self._base: list[str] | None = None  # the ids searched last time
        self._terms: tuple[str, ...] = ()
        self._result: list[str] = []

    def forget(self, video_ids: Iterable[str] = ()) -> None:
        """These jobs changed or left: drop their haystacks; the next search is a full one."""
        hay = self._hay
        for video_id in video_ids:
            hay.pop(video_id, None)
        self._base = None

    def matching(self, ids: Sequence[str], videos: VideoLookup, terms: Sequence[str]) -> list[str]:
        """The ids (in their given order) whose job contains every term."""
        terms = tuple(terms)
        if not terms:
            return list(ids)
        base = list(ids)
        hay = self._hay
        if hay.videos is not videos:  # another store: nothing cached is valid
            hay.clear()
            hay.videos = videos
            self._base = None
        candidates: Sequence[str] = base
        if self._base is not None and narrows(self._terms, terms) and self._base == base:
            candidates = self._result
        result = list(candidates)
        for term in sorted(terms, key=len, reverse=True):  # longest first: it rules out most
            result = [video_id for video_id in result if term in hay[video_id]]
        self._base, self._terms, self._result = base, terms, result
        return list(result)


# --- sort -----------------------------------------------------------------------------------

CREATED: Final = "created"
SORT_COLUMNS: Final = (CREATED, "status", "progress", "model", "seconds")
_STATUS_RANK: Final = {bucket: rank for rank, bucket in enumerate(BUCKETS)}

_STATUS_KEY: Final = {bucket: f"{rank}" for rank, bucket in enumerate(BUCKETS)}


def _status_key(video: Video) -> str:
    bucket = bucket_of(video.status)
    # Known statuses in filter-bar order; other statuses after them, by their text.
    return _STATUS_KEY[bucket] + (video.status if bucket == OTHER else "")


def _progress_key(video: Video) -> int:
    return video.progress


def _model_key(video: Video) -> str:
    return video.model.casefold()


def _seconds_key(video: Video) -> float:
    try:
        return float(video.seconds)
    except ValueError:
        return math.inf  # not a number: after every number


_KEYS: Final[dict[str, Callable[[Video], Any]]] = {
    "status": _status_key,
    "progress": _progress_key,
    "model": _model_key,
    "seconds": _seconds_key,
}


@dataclass(frozen=True)
class SortOrder:
    """A column and a direction. ``reverse`` False is the column's natural direction: newest
    first for ``created``, ascending (status in filter-bar order) for the others."""

    column: str = CREATED
    reverse: bool = False

    def __post_init__(self) -> None:
        if self.column not in SORT_COLUMNS:
            raise ValueError(f"unknown sort column {self.column!r}; expected one of {SORT_COLUMNS}")

    @property
    def is_default(self) -> bool:
        return self == SortOrder()

    @property
    def descending(self) -> bool:
        return (self.column == CREATED) != self.reverse

    def next_column(self) -> SortOrder:
        """The next column, in its natural direction."""
        index = SORT_COLUMNS.index(self.column)
        return SortOrder(SORT_COLUMNS[(index + 1) % len(SORT_COLUMNS)])

    def reversed(self) -> SortOrder:
        return replace(self, reverse=not self.reverse)

    @property
    def label(self) -> str:
        """E.g. ``progress ↑`` (ascending) or ``created ↓`` (newest first)."""
        return f"{self.column} {'↓' if self.descending else '↑'}"


def sort_ids(ids: Sequence[str], videos: VideoLookup, order: SortOrder) -> Sequence[str]:
    """``ids`` (given newest first, as the store orders them) in ``order``; stable, so equal
    keys keep created-desc-then-id order. Ids missing from ``videos`` go last. Newest first is
    ``ids`` themselves, not a copy."""
    if order.column == CREATED:
        return ids[::-1] if order.reverse else ids
    key_of = _KEYS[order.column]
    found = list(map(videos.get, ids))
    present = [video for video in found if video is not None]
    missing: list[str] = []
    if len(present) != len(found):  # not in the store (never for the store's own ids): last
        missing = [video_id for video_id, video in zip(ids, found) if video is None]
        ids = [video_id for video_id, video in zip(ids, found) if video is not None]
    keys = list(map(key_of, present))
    # Python's sort is stable in both directions (reverse=True keeps equal items in order).
    ranked = sorted(range(len(keys)), key=keys.__getitem__, reverse=order.reverse)
    return [ids[index] for index in ranked] + missing


# --- watching -------------------------------------------------------------------------------

WATCH_LINGER_SECONDS: Final = 60.0


def watching_ids(
    ids: Sequence[str],
    in_flight: Collection[str],
    finished_at: Mapping[str, float],
    *,
    now: float,
    linger: float = WATCH_LINGER_SECONDS,
) -> list[str]:
    """The ``ids`` (in their given order) that are in flight or were seen finishing less than
    ``linger`` seconds before ``now`` (``finished_at``: when the app saw each leave flight)."""
    since = now - linger
    watched = set(in_flight)
    watched.update(video_id for video_id, at in finished_at.items() if at > since)
    if not watched:
        return []
    return [video_id for video_id in ids if video_id in watched]
