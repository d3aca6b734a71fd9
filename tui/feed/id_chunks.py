"""The store's ids in display order, kept in chunks so that a snapshot shares what did not change.

`IdChunks` is the mutable order: lists of at most ``2 × CHUNK`` ids, each with the tuple made
of it the last time a snapshot was asked for. `IdChunks.snapshot` gives an `IdSnapshot`: an
immutable ``Sequence[str]`` over those tuples. After a change only the chunks it touched are
copied again, so a snapshot after a page of 200 jobs costs one or two tuples of ~1000 ids,
not one of every id.

Why: a snapshot is taken on every change the table shows (each page ``G`` or End brings).
One flat tuple of 100k ids was cheap to make, but the cyclic collector's next young
collection walks all of it before it learns that a tuple of strings holds no cycle: ~3–6 ms
inside a frame, once per page (gc callbacks in the End-held benchmark's child).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from itertools import chain, islice
from typing import Final, overload

CHUNK: Final = 1024  # ids a chunk holds after a split (a chunk holds at most twice this)


class IdSnapshot(Sequence[str]):
    """Ids in order, read-only: a tuple of chunk tuples (shared between snapshots)."""

    __slots__ = ("_chunks", "_length", "_starts")

    def __init__(self, chunks: tuple[tuple[str, ...], ...] = ()) -> None:
        starts: list[int] = []
        length = 0
        for chunk in chunks:
            starts.append(length)
            length += len(chunk)
        self._chunks = chunks
        self._starts = starts
        self._length = length

    @property
    def chunks(self) -> tuple[tuple[str, ...], ...]:
        """What the snapshot is made of: its ids, a chunk at a time."""
        return self._chunks

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[str, ...]: ...

    def __getitem__(self, index: int | slice) -> str | tuple[str, ...]:
        if isinstance(index, slice):
            return self._slice(index)
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError("IdSnapshot index out of range")
        at = bisect_right(self._starts, index) - 1
        return self._chunks[at][index - self._starts[at]]

    def _slice(self, index: slice) -> tuple[str, ...]:
        start, stop, step = index.indices(self._length)
        if step != 1:
            return tuple(self)[index]
        if start >= stop:
            return ()
        at = bisect_right(self._starts, start) - 1
        ids = chain.from_iterable(self._chunks[at:])
        return tuple(islice(ids, start - self._starts[at], stop - self._starts[at]))

    def __iter__(self) -> Iterator[str]:
        return chain.from_iterable(self._chunks)

    def __reversed__(self) -> Iterator[str]:
        return chain.from_iterable(reversed(chunk) for chunk in reversed(self._chunks))

    def __contains__(self, value: object) -> bool:
        return any(value in chunk for chunk in self._chunks)

    def index(self, value: object, start: int = 0, stop: int | None = None) -> int:
        """The first position of ``value`` (from ``start``, before ``stop``); ValueError if none."""
        length = self._length
        start = max(0, start + length if start < 0 else start)
        stop = length if stop is None else min(length, stop + length if stop < 0 else stop)
        for chunk, first in zip(self._chunks, self._starts, strict=True):
            if first >= stop:
                break
            if first + len(chunk) <= start:
                continue
            try:
                return first + chunk.index(value, max(0, start - first), stop - first)
            except ValueError:
                continue
        raise ValueError(f"{value!r} is not in the snapshot")

    def __repr__(self) -> str:
        return f"IdSnapshot({len(self)} ids in {len(self._chunks)} chunks)"


class IdChunks:
    """The order itself: ids inserted in runs and deleted one at a time, by position."""

    def __init__(self) -> None:
        self._lists: list[list[str]] = []
        self._tuples: list[tuple[str, ...] | None] = []  # None: changed since the last snapshot
        self._starts: list[int] = []  # the position of each chunk's first id
        self._length = 0
        self._snapshot: IdSnapshot | None = IdSnapshot()

    def __len__(self) -> int:
        return self._length

    def first(self) -> str | None:
        return self._lists[0][0] if self._lists else None

    def last(self) -> str | None:
        return self._lists[-1][-1] if self._lists else None

    def insert(self, at: int, ids: list[str]) -> None:
        """Put ``ids`` (in order) before position ``at`` (``len``: at the end)."""
        if not ids:
            return
        if not self._lists:
            self._lists.append([])
            self._tuples.append(None)
            self._starts.append(0)
        chunk = self._chunk_of(min(at, self._length - 1)) if self._length else 0
        target = self._lists[chunk]
        offset = at - self._starts[chunk]
        target[offset:offset] = ids
        self._length += len(ids)
        if len(target) > 2 * CHUNK:
            pieces = [target[i : i + CHUNK] for i in range(0, len(target), CHUNK)]
            self._lists[chunk : chunk + 1] = pieces
            self._tuples[chunk : chunk + 1] = [None] * len(pieces)
            self._starts[chunk : chunk + 1] = [0] * len(pieces)
        self._changed(chunk)

    def delete(self, at: int) -> None:
        """Remove the id at position ``at``."""
        chunk = self._chunk_of(at)
        target = self._lists[chunk]
        del target[at - self._starts[chunk]]
        self._length -= 1
        if len(target) < CHUNK // 4:  # small: join a neighbour, so chunks stay few
            other = chunk - 1 if chunk > 0 else chunk + 1
            if other < len(self._lists) and len(self._lists[other]) + len(target) <= 2 * CHUNK:
                low = min(chunk, other)
                self._lists[low : low + 2] = [self._lists[low] + self._lists[low + 1]]
                del self._tuples[low + 1], self._starts[low + 1]
                chunk = low
            elif not target:
                del self._lists[chunk], self._tuples[chunk], self._starts[chunk]
                chunk = min(chunk, len(self._lists) - 1)
        if self._lists:
            self._changed(chunk)
        else:
            self._snapshot = IdSnapshot()

    def snapshot(self) -> IdSnapshot:
        """Every id in order, immutable; unchanged chunks are the last snapshot's tuples."""
        if self._snapshot is None:
            tuples = self._tuples
            for index, frozen in enumerate(tuples):
                if frozen is None:
                    tuples[index] = tuple(self._lists[index])
            self._snapshot = IdSnapshot(tuple(t for t in tuples if t is not None))
        return self._snapshot

    def _chunk_of(self, position: int) -> int:
        return bisect_right(self._starts, position) - 1

    def _changed(self, chunk: int) -> None:
        """Chunk ``chunk`` changed (or was split): its tuple is stale, the starts after it moved."""
        self._tuples[chunk] = None
        starts, lists = self._starts, self._lists
        for index in range(max(chunk, 1), len(lists)):
            starts[index] = starts[index - 1] + len(lists[index - 1])
        if chunk == 0 and starts:
            starts[0] = 0
        self._snapshot = None
