"""The store's chunked order against a plain list: the same ids in the same places after any
mix of inserts and deletes, snapshots that never change, and unchanged chunks shared."""

from __future__ import annotations

import random

import pytest

from tui.api.models import Video
from tui.feed.id_chunks import CHUNK, IdChunks, IdSnapshot
from tui.feed.store import VideoStore


def _ids(start: int, count: int) -> list[str]:
    return [f"video_{n:07d}" for n in range(start, start + count)]


def test_random_inserts_and_deletes_keep_the_same_order_as_a_list() -> None:
    rng = random.Random(7)
    chunks, mirror = IdChunks(), list[str]()
    taken = 0
    for step in range(3000):
        if mirror and rng.random() < 0.45:
            at = rng.randrange(len(mirror))
            chunks.delete(at)
            del mirror[at]
        else:
            count = rng.choice((1, 3, 200, 2 * CHUNK + 5)) if step % 50 else 5000
            ids = _ids(taken, count)
            taken += count
            at = rng.randrange(len(mirror) + 1)
            chunks.insert(at, ids)
            mirror[at:at] = ids
        if step % 97 == 0:
            snapshot = chunks.snapshot()
            assert list(snapshot) == mirror
            assert len(snapshot) == len(chunks) == len(mirror)
            assert all(len(chunk) <= 2 * CHUNK for chunk in snapshot.chunks)
    assert list(chunks.snapshot()) == mirror
    assert chunks.first() == mirror[0] and chunks.last() == mirror[-1]


def test_deleting_everything_leaves_an_empty_order() -> None:
    chunks = IdChunks()
    chunks.insert(0, _ids(0, 3 * CHUNK))
    for _ in range(3 * CHUNK):
        chunks.delete(0)
    assert len(chunks) == 0 and list(chunks.snapshot()) == []
    assert chunks.first() is None and chunks.last() is None
    chunks.insert(0, ["video_a"])
    assert list(chunks.snapshot()) == ["video_a"]


def test_a_snapshot_is_a_read_only_sequence_like_a_tuple() -> None:
    chunks = IdChunks()
    ids = _ids(0, 5 * CHUNK + 17)
    chunks.insert(0, ids)
    snapshot = chunks.snapshot()
    plain = tuple(ids)
    for index in (0, 1, CHUNK - 1, CHUNK, 2 * CHUNK + 3, len(ids) - 1, -1, -CHUNK - 2):
        assert snapshot[index] == plain[index]
    for cut in (slice(0, 5), slice(CHUNK - 2, 3 * CHUNK + 4), slice(-3, None), slice(None, None, -1),
                slice(10, 2), slice(5, 900, 7)):  # fmt: skip
        assert snapshot[cut] == plain[cut]
    assert list(reversed(snapshot)) == list(reversed(plain))
    assert ids[3 * CHUNK + 1] in snapshot and "video_none" not in snapshot
    assert snapshot.index(ids[4 * CHUNK + 9]) == 4 * CHUNK + 9
    assert snapshot.index(ids[10], 5, 11) == 10
    with pytest.raises(ValueError):
        snapshot.index(ids[10], 11)
    with pytest.raises(ValueError):
        snapshot.index("video_none")
    with pytest.raises(IndexError):
        snapshot[len(ids)]
    assert list(IdSnapshot()) == [] and len(IdSnapshot()) == 0


def test_a_snapshot_does_not_change_when_the_order_does() -> None:
    chunks = IdChunks()
    chunks.insert(0, _ids(0, 3000))
    before = chunks.snapshot()
    kept = list(before)
    chunks.insert(1500, _ids(10_000, 10))
    chunks.delete(0)
    assert list(before) == kept
    assert chunks.snapshot() is not before
    assert chunks.snapshot() is chunks.snapshot()  # the same object until the next change


def test_a_change_copies_only_the_chunks_it_touched() -> None:
    """End at 100k: a page of older jobs at the end reuses every chunk but the last ones."""
    chunks = IdChunks()
    for start in range(0, 100_000, 200):
        chunks.insert(len(chunks), _ids(start, 200))
    before = chunks.snapshot()
    chunks.insert(len(chunks), _ids(100_000, 200))
    after = chunks.snapshot()
    shared = {id(chunk) for chunk in before.chunks} & {id(chunk) for chunk in after.chunks}
    assert len(after.chunks) - len(shared) <= 2
    assert len(shared) >= len(before.chunks) - 1
    chunks.insert(0, ["video_newest"])  # a new job at the head: the first chunk only
    head = chunks.snapshot()
    assert head.chunks[1:] == after.chunks[1:]
    assert all(a is b for a, b in zip(head.chunks[1:], after.chunks[1:], strict=True))


def test_the_store_reads_its_order_through_the_chunks() -> None:
    videos = [
        Video.model_validate({"id": f"video_{n:05d}", "created_at": 1_700_000_000 + n})
        for n in range(5000)
    ]
    store = VideoStore(videos)
    newest_first = [v.id for v in sorted(videos, key=lambda v: v.created_at, reverse=True)]
    assert list(store.ordered_ids()) == newest_first
    store.remove(newest_first[2500])
    assert list(store.ordered_ids()) == newest_first[:2500] + newest_first[2501:]
    assert store.newest_id() == newest_first[0] and store.oldest_id() == newest_first[-1]
