"""The one truth about jobs: keyed by id, ordered newest first, and what changed on each merge.

Order is ``created_at`` desc, then ``id`` desc. The store keeps an ascending list of sort keys
``(created_at, id)`` (for ``bisect``), the same ids in display order, and one ascending key list
per status bucket (holding the same key tuples: one per job). A merge of a page costs
O(page·log n) comparisons at most plus a list memmove per run of adjacent inserts, never a
re-sort. Bucket counts are the bucket lists' lengths. (A fleet keys jobs by server and id.)

Jobs recalled from the local history (``recall``) are *unconfirmed* until a server page or
retrieve brings them (``merge``): they are placed, counted and proven gone exactly like loaded
ones, so the poller's range proofs reconcile the history as they reconcile pages.

Loaded jobs live long and hold no cycles: the dashboard keeps them out of the cyclic
collector's sight once they are painted (tui/app/interpreter.py ``JobsFreeze``).
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from tui.api.models import IN_PROGRESS, QUEUED, Video
from tui.feed.filters import ALL, BUCKETS, bucket_of
from tui.feed.id_chunks import IdChunks

# A job's place in the order: (created_at, id), compared as a tuple (newest = largest).
SortKey = tuple[int, str]
_NOTHING: frozenset[str] = frozenset()


@dataclass(frozen=True)
class StoreChange:
    """Ids added, changed (data really differs) and removed by one store operation, and the
    recalled jobs a server answer confirmed as they were (``confirmed``: no data changed)."""

    added: frozenset[str] = _NOTHING
    changed: frozenset[str] = _NOTHING
    removed: frozenset[str] = _NOTHING
    confirmed: frozenset[str] = _NOTHING

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.removed or self.confirmed)

    def __or__(self, later: StoreChange) -> StoreChange:
        """This change followed by ``later``, as one net change."""
        added = (self.added - later.removed) | (later.added - self.removed)
        removed = (self.removed - later.added) | (later.removed - self.added)
        back = self.removed & later.added  # removed, then seen again: it exists before and after
        changed = ((self.changed | later.changed | back) - added) - removed
        confirmed = (self.confirmed | later.confirmed) - added - removed - changed
        return StoreChange(
            frozenset(added), frozenset(changed), frozenset(removed), frozenset(confirmed)
        )


NO_CHANGE = StoreChange()


def sort_key(video: Video) -> SortKey:
    return (video.created_at, video.id)


class VideoStore:
    """Loaded jobs, newest first. Not thread-safe: use it from the event loop only."""

    def __init__(self, videos: Iterable[Video] = ()) -> None:
        self._videos: dict[str, Video] = {}
        self._keys: list[SortKey] = []  # ascending
        self._desc = IdChunks()  # ids newest first (mirror of _keys)
        self._buckets: dict[str, list[SortKey]] = {b: [] for b in BUCKETS if b != ALL}
        self._unconfirmed: set[str] = set()  # recalled from history, not yet seen on the server
        self.merge(videos)

    # --- reading -----------------------------------------------------------------------

    def get(self, video_id: str) -> Video | None:
        return self._videos.get(video_id)

    def __len__(self) -> int:
        return len(self._videos)

    def __contains__(self, video_id: object) -> bool:
        return video_id in self._videos

    def __iter__(self) -> Iterator[Video]:
        videos = self._videos
        return (videos[i] for i in self.ordered_ids())

    def ordered_ids(self) -> Sequence[str]:
        """Every id, newest first: an immutable snapshot, the same object until a change (which
        copies only the chunks it touched: tui/feed/id_chunks.py)."""
        return self._desc.snapshot()

    def newest_id(self) -> str | None:
        return self._desc.first()

    def oldest_id(self) -> str | None:
        return self._desc.last()

    @property
    def unconfirmed(self) -> AbstractSet[str]:
        """Jobs recalled from the history that no answer of the server has brought yet (the
        store's own set, kept up to date: read it, do not change it)."""
        return self._unconfirmed

    def is_confirmed(self, video_id: str) -> bool:
        return video_id not in self._unconfirmed

    def bucket_ids(self, bucket: str) -> Sequence[str]:
        """Ids in ``bucket`` (filters.BUCKETS), newest first (all: `ordered_ids`, not a copy)."""
        if bucket == ALL:
            return self.ordered_ids()
        keys = self._buckets.get(bucket, [])
        return [video_id for _, video_id in reversed(keys)]

    def counts(self) -> Counter[str]:
        """Jobs per bucket, ``all`` included. O(number of buckets)."""
        result: Counter[str] = Counter({b: len(keys) for b, keys in self._buckets.items()})
        result[ALL] = len(self._videos)
        return result

    def in_flight_ids(self) -> list[str]:
        """Queued and in-progress jobs, newest first."""
        merged = heapq.merge(
            reversed(self._buckets[QUEUED]), reversed(self._buckets[IN_PROGRESS]), reverse=True
        )
        return [video_id for _, video_id in merged]

    def ids_created_between(self, after: int | None, before: int | None) -> list[str]:
        """Ids with ``after < created_at < before`` (None: unbounded), newest first."""
        low = 0 if after is None else bisect_left(self._keys, (after + 1, ""))
        high = len(self._keys) if before is None else bisect_left(self._keys, (before, ""))
        return [video_id for _, video_id in reversed(self._keys[low:high])]

    def ids_within(
        self, lower: SortKey | None, upper: SortKey | None, *, inclusive: bool
    ) -> list[str]:
        """Ids with ``lower <= sort key < upper`` (``<= upper`` when inclusive; None: open),
        newest first."""
        keys = self._keys
        low = 0 if lower is None else bisect_left(keys, lower)
        if upper is None:
            high = len(keys)
        else:
            high = (bisect_right if inclusive else bisect_left)(keys, upper, low)
        return [video_id for _, video_id in reversed(keys[low:high])]

    # --- writing -----------------------------------------------------------------------

    def recall(self, videos: Iterable[Video]) -> StoreChange:
        """Add jobs known from the history, unconfirmed; a job already here is left as it is."""
        return self.recall_keyed((video.id, video) for video in videos)

    def recall_keyed(self, pairs: Iterable[tuple[str, Video]]) -> StoreChange:
        """`recall`, each job under the key given with it (see `merge_keyed`)."""
        known = self._videos
        change = self.merge_keyed((key, video) for key, video in pairs if key not in known)
        self._unconfirmed.update(change.added)
        return change

    def merge(self, videos: Iterable[Video]) -> StoreChange:
        """Upsert jobs; one whose data is identical is reported only if it was unconfirmed."""
        return self.merge_keyed((video.id, video) for video in videos)

    def merge_keyed(self, pairs: Iterable[tuple[str, Video]]) -> StoreChange:
        """`merge`, each job under its key (a fleet's: tui/feed/fleet_view.py), not its id."""
        added: set[str] = set()
        changed: set[str] = set()
        confirmed: set[str] = set()
        # keys whose sort keys go in at the end, in one batch: everywhere / in a bucket only
        pending: set[str] = set()
        rebucket: set[str] = set()
        latest = dict(pairs)  # a job twice in one page: the last wins
        for key, video in latest.items():
            old = self._videos.get(key)
            if old is not None and video.prompt is None and old.prompt is not None:
                # LiteLLM's retrieve drops the prompt that its list sends: a job's prompt
                # never changes, so a reply without one keeps the one already known.
                video = video.model_copy(update={"prompt": old.prompt})
            if old is not None and old == video:
                if key in self._unconfirmed:
                    self._unconfirmed.discard(key)
                    confirmed.add(key)
                continue
            self._unconfirmed.discard(key)
            self._videos[key] = video
            if old is None:
                added.add(key)
                pending.add(key)
                continue
            changed.add(key)
            if old.created_at != video.created_at:
                self._unplace(key, old)
                pending.add(key)
            elif bucket_of(old.status) != bucket_of(video.status):
                self._unbucket(key, old)
                rebucket.add(key)
        loaded = self._videos
        keys = sorted([(loaded[i].created_at, i) for i in pending])
        if keys:
            self._place_order(keys)
        if rebucket:  # the key already in the order, so that the bucket shares it
            keys = sorted(keys + [self._placed_key(i, loaded[i]) for i in rebucket])
        if keys:
            self._place_buckets(keys)
        if not (added or changed or confirmed):
            return NO_CHANGE
        return StoreChange(frozenset(added), frozenset(changed), _NOTHING, frozenset(confirmed))

    def upsert(self, video: Video) -> StoreChange:
        return self.merge((video,))

    def remove(self, video_id: str) -> StoreChange:
        video = self._videos.pop(video_id, None)
        if video is None:
            return NO_CHANGE
        self._unconfirmed.discard(video_id)
        self._unplace(video_id, video)
        return StoreChange(removed=frozenset((video_id,)))

    def remove_many(self, video_ids: Iterable[str]) -> StoreChange:  # the ids that were here
        removed = frozenset(i for i in video_ids if not self.remove(i).empty)
        return StoreChange(removed=removed) if removed else NO_CHANGE

    # --- the sorted lists --------------------------------------------------------------

    def _place_order(self, keys: list[SortKey]) -> None:
        """Insert sorted ``keys`` into the order; a run of adjacent keys costs one memmove."""
        size = len(self._keys)
        runs = _runs(self._keys, keys)
        for index, run in reversed(runs):  # back to front: earlier indexes stay valid
            self._keys[index:index] = run
        for index, run in runs:  # the mirror, front to back in display order
            self._desc.insert(size - index, [video_id for _, video_id in reversed(run)])

    def _place_buckets(self, keys: list[SortKey]) -> None:
        videos = self._videos
        by_bucket: dict[str, list[SortKey]] = {}
        for key in keys:
            by_bucket.setdefault(bucket_of(videos[key[1]].status), []).append(key)
        for bucket, bucket_keys in by_bucket.items():
            target = self._buckets[bucket]
            for index, run in reversed(_runs(target, bucket_keys)):
                target[index:index] = run

    def _placed_key(self, key: str, video: Video) -> SortKey:
        return self._keys[bisect_left(self._keys, (video.created_at, key))]

    def _unplace(self, key: str, video: Video) -> None:
        size = len(self._keys)
        index = bisect_left(self._keys, (video.created_at, key))
        del self._keys[index]
        self._desc.delete(size - 1 - index)
        self._unbucket(key, video)

    def _unbucket(self, key: str, video: Video) -> None:
        bucket = self._buckets[bucket_of(video.status)]
        del bucket[bisect_left(bucket, (video.created_at, key))]


def _runs(target: list[SortKey], keys: list[SortKey]) -> list[tuple[int, list[SortKey]]]:
    """Sorted ``keys`` (none of them in ``target``) grouped by their insertion index in sorted
    ``target``. A key below the element the last run stops at joins that run without a search:
    a page of jobs that all fall in one gap costs one bisect, not one each."""
    runs: list[tuple[int, list[SortKey]]] = []
    size = len(target)
    index = 0
    for key in keys:
        if runs and (index == size or key < target[index]):
            runs[-1][1].append(key)
            continue
        index = bisect_left(target, key, index)
        runs.append((index, [key]))
    return runs
