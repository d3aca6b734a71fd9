"""VideoStore and StoreChange: order, real-change reporting, removal, counts, scale."""

from __future__ import annotations

import random
from collections import Counter

from tui.api.models import Video
from tui.feed.filters import ALL, BUCKETS, bucket_of, view_ids
from tui.feed.store import StoreChange, VideoStore

STATUSES = ("queued", "in_progress", "completed", "failed", "succeeded", "")


def video(video_id: str, created_at: int, status: str = "completed", **fields: object) -> Video:
    return Video.model_validate(
        {"id": video_id, "created_at": created_at, "status": status, **fields}
    )


def expected_order(store: VideoStore) -> list[str]:
    videos = [store.get(i) for i in store.ordered_ids()]
    ranked = sorted((v for v in videos if v), key=lambda v: (v.created_at, v.id), reverse=True)
    return [v.id for v in ranked]


def recount(store: VideoStore) -> Counter[str]:
    result: Counter[str] = Counter({b: 0 for b in BUCKETS})
    for v in store:
        result[bucket_of(v.status)] += 1
    result["all"] = len(store)
    return result


def test_newest_first_with_id_desc_tiebreak() -> None:
    store = VideoStore()
    store.merge(
        [video("video_a", 10), video("video_c", 30), video("video_b", 30), video("video_d", 5)]
    )
    assert list(store.ordered_ids()) == ["video_c", "video_b", "video_a", "video_d"]
    assert [v.id for v in store] == ["video_c", "video_b", "video_a", "video_d"]
    assert len(store) == 4 and "video_a" in store and "video_x" not in store


def test_merge_reports_only_real_changes() -> None:
    store = VideoStore()
    first = store.merge([video("v1", 1, "queued"), video("v2", 2, "queued")])
    assert first.added == {"v1", "v2"} and not first.changed and not first.removed
    assert store.merge([video("v1", 1, "queued"), video("v2", 2, "queued")]).empty
    change = store.merge([video("v1", 1, "in_progress", progress=40), video("v2", 2, "queued")])
    assert change == StoreChange(changed=frozenset({"v1"}))
    got = store.get("v1")
    assert got is not None and got.status == "in_progress" and got.progress == 40
    # an extra (unknown) field is part of the data too
    assert store.upsert(video("v2", 2, "queued", quality="hd")).changed == {"v2"}


def test_added_then_changed_in_one_merge_is_reported_as_added() -> None:
    store = VideoStore()
    change = store.merge([video("v1", 1, "queued"), video("v1", 1, "completed")])
    assert change.added == {"v1"} and not change.changed
    assert list(store.ordered_ids()) == ["v1"]
    assert store.counts()["completed"] == 1 and store.counts()["queued"] == 0


def test_created_at_change_moves_the_job() -> None:
    store = VideoStore([video("a", 1), video("b", 2), video("c", 3)])
    assert store.upsert(video("a", 9)).changed == {"a"}
    assert list(store.ordered_ids()) == ["a", "c", "b"]


def test_remove() -> None:
    store = VideoStore([video("a", 1, "queued"), video("b", 2)])
    assert store.remove("a") == StoreChange(removed=frozenset({"a"}))
    assert store.remove("a").empty
    assert list(store.ordered_ids()) == ["b"] and store.get("a") is None
    assert store.counts()["queued"] == 0 and store.counts()["all"] == 1
    assert store.remove_many(["b", "zzz"]).removed == {"b"}
    assert len(store) == 0 and list(store.ordered_ids()) == []


def test_ordered_ids_is_a_snapshot() -> None:
    store = VideoStore([video("a", 1)])
    before = store.ordered_ids()
    store.upsert(video("b", 2))
    assert list(before) == ["a"]
    assert list(store.ordered_ids()) == ["b", "a"]


def test_the_all_bucket_is_the_snapshot_itself_until_a_change() -> None:
    store = VideoStore([video("a", 1), video("b", 2)])
    snapshot = store.bucket_ids(ALL)
    assert snapshot is store.ordered_ids() and list(snapshot) == ["b", "a"]
    store.upsert(video("b", 2))  # the same data: no change, the same snapshot
    assert store.bucket_ids(ALL) is snapshot
    store.upsert(video("c", 3))
    assert store.bucket_ids(ALL) is not snapshot and list(snapshot) == ["b", "a"]


def test_counts_and_order_stay_right_under_random_operations() -> None:
    rng = random.Random(3)
    store = VideoStore()
    for _ in range(3000):
        op = rng.random()
        video_id = f"video_{rng.randrange(400):04d}"
        if op < 0.15:
            store.remove(video_id)
            continue
        known = store.get(video_id)
        created = known.created_at if known and op < 0.9 else rng.randrange(50)
        page = [video(video_id, created, rng.choice(STATUSES), progress=rng.randrange(101))]
        if op > 0.95:
            page.append(page[0])  # the same job twice in one page
        store.merge(page)
        assert store.counts() == recount(store)
    ids = list(store.ordered_ids())
    assert ids == expected_order(store)
    assert len(ids) == len(set(ids)) == len(store)
    for bucket in BUCKETS:
        in_bucket = [v.id for v in store if bucket == "all" or bucket_of(v.status) == bucket]
        assert list(view_ids(store, bucket)) == in_bucket
    assert store.in_flight_ids() == [v.id for v in store if v.status in ("queued", "in_progress")]


def test_ids_created_between_is_strict() -> None:
    store = VideoStore([video(f"v{t}", t) for t in range(10)])
    assert store.ids_created_between(3, 6) == ["v5", "v4"]
    assert store.ids_created_between(None, 2) == ["v1", "v0"]
    assert store.ids_created_between(7, None) == ["v9", "v8"]
    assert store.ids_created_between(None, None) == list(store.ordered_ids())


def test_bucket_of_is_literal() -> None:
    assert [bucket_of(s) for s in ("queued", "in_progress", "completed", "failed")] == [
        "queued",
        "in_progress",
        "completed",
        "failed",
    ]
    assert {bucket_of(s) for s in ("succeeded", "processing", "deleted", "", "all")} == {"other"}
    assert view_ids(VideoStore([video("a", 1)]), "no-such-bucket") == []


def test_store_change_composition() -> None:
    a = StoreChange(added=frozenset({"x"}), changed=frozenset({"y"}), removed=frozenset({"z"}))
    b = StoreChange(changed=frozenset({"x"}), removed=frozenset({"y"}), added=frozenset({"z"}))
    net = a | b
    assert net.added == {"x"} and net.removed == {"y"} and net.changed == {"z"}
    assert (StoreChange(added=frozenset({"q"})) | StoreChange(removed=frozenset({"q"}))).empty
    assert StoreChange().empty and not a.empty


def test_merge_a_page_into_100k_jobs() -> None:
    store = VideoStore(video(f"video_{i:06d}", i // 3, STATUSES[i % 4]) for i in range(100_000))
    assert len(store) == 100_000
    page = [video(f"video_{i:06d}", i // 3, "failed") for i in range(50_000, 50_050)]
    page += [video(f"video_new_{i}", 100_000 + i, "queued") for i in range(50)]
    change = store.merge(page)
    assert len(change.added) == 50 and len(change.changed) == 50 - sum(
        1 for i in range(50_000, 50_050) if STATUSES[i % 4] == "failed"
    )
    assert len(store) == 100_050
    ids = store.ordered_ids()
    assert ids[0] == "video_new_49" and ids[-1] == "video_000000"
    assert len(set(ids)) == 100_050
    assert store.counts() == recount(store)
    queued_turned_failed = sum(1 for i in range(50_000, 50_050) if i % 4 == 0)
    assert store.counts()["queued"] == 25_000 - queued_turned_failed + 50
    assert store.counts()["failed"] == 25_000 + 50 - (50 - len(change.changed))


def test_bulk_merge_reports_like_small_merges() -> None:
    base = [video(f"video_{i:05d}", i % 700, STATUSES[i % 6]) for i in range(1000)]
    update = [
        video(f"video_{i:05d}", i % 700, STATUSES[(i + (i % 3 == 0)) % 6]) for i in range(500, 1500)
    ]
    bulk, small = VideoStore(base), VideoStore()
    for start in range(0, 1000, 50):
        small.merge(base[start : start + 50])
    bulk_change = bulk.merge(update)  # large against the store: the one-sort path
    small_change = StoreChange()
    for start in range(0, 1000, 50):
        small_change = small_change | small.merge(update[start : start + 50])
    assert bulk_change == small_change
    assert len(bulk_change.added) == 500 and bulk_change.changed
    assert list(bulk.ordered_ids()) == list(small.ordered_ids()) == expected_order(bulk)
    assert bulk.counts() == small.counts() == recount(bulk)


def test_a_reply_without_a_prompt_keeps_the_prompt_already_known() -> None:
    listed = Video.model_validate(
        {
            "id": "video_a",
            "object": "video",
            "model": "sora-2",
            "status": "in_progress",
            "progress": 10,
            "created_at": 100,
            "prompt": "a fox",
            "size": "720x1280",
            "seconds": "4",
        }
    )
    store = VideoStore([listed])
    retrieved = listed.model_copy(update={"prompt": None, "progress": 50})
    change = store.upsert(retrieved)
    kept = store.get("video_a")
    assert change.changed == {"video_a"}
    assert kept is not None and kept.progress == 50 and kept.prompt == "a fox"


def test_pages_that_fall_into_many_gaps_keep_every_order() -> None:
    rng = random.Random(5)
    store = VideoStore()
    for _ in range(60):
        page = [
            video(f"video_{rng.randrange(2000):04d}", rng.randrange(300), rng.choice(STATUSES))
            for _ in range(rng.randrange(1, 60))
        ]
        store.merge(page)
        store.remove_many(rng.sample(list(store.ordered_ids()), min(len(store), 3)))
    ids = list(store.ordered_ids())
    assert ids == expected_order(store) and len(ids) == len(store)
    for bucket in BUCKETS:
        in_bucket = [v.id for v in store if bucket == "all" or bucket_of(v.status) == bucket]
        assert list(view_ids(store, bucket)) == in_bucket
    assert store.counts() == recount(store)


def test_ids_within_bounds_by_the_whole_sort_key() -> None:
    store = VideoStore([video(f"v{t}{s}", t) for t in range(5) for s in "ab"])
    assert store.ids_within((1, "v1b"), (3, "v3a"), inclusive=False) == ["v2b", "v2a", "v1b"]
    assert store.ids_within((1, "v1b"), (3, "v3a"), inclusive=True)[0] == "v3a"
    assert store.ids_within(None, (0, "v0b"), inclusive=False) == ["v0a"]
    assert store.ids_within((4, "v4b"), None, inclusive=False) == ["v4b"]


# --- jobs recalled from the history ----------------------------------------------------------


def test_recalled_jobs_are_placed_and_counted_but_unconfirmed() -> None:
    store = VideoStore([video("a", 10)])
    change = store.recall([video("b", 20, status="failed"), video("a", 10, status="failed")])
    assert change.added == {"b"}  # a job already loaded is left as it is
    assert store.get("a") == video("a", 10) and list(store.ordered_ids()) == ["b", "a"]
    assert store.counts()["failed"] == 1
    assert set(store.unconfirmed) == {"b"} and not store.is_confirmed("b")


def test_a_server_answer_confirms_a_recalled_job_without_calling_it_changed() -> None:
    store = VideoStore()
    store.recall([video("a", 10), video("b", 20)])
    change = store.merge([video("a", 10), video("b", 20, status="failed")])
    assert change.confirmed == {"a"} and change.changed == {"b"} and not change.added
    assert not store.unconfirmed
    assert store.merge([video("a", 10)]).empty  # confirmed once: the same data is no news


def test_a_recalled_job_proven_gone_leaves_unconfirmed_too() -> None:
    store = VideoStore()
    store.recall([video("a", 10)])
    assert store.remove("a").removed == {"a"}
    assert not store.unconfirmed and "a" not in store


def test_confirmed_joins_the_net_change_and_yields_to_stronger_news() -> None:
    confirmed = StoreChange(confirmed=frozenset({"a", "b"}))
    later = StoreChange(changed=frozenset({"a"}), removed=frozenset({"b"}))
    net = confirmed | later
    assert net.confirmed == set() and net.changed == {"a"} and net.removed == {"b"}
    assert not StoreChange(confirmed=frozenset({"c"})).empty
