"""The table's view on top of the bucket: search matching, sort orders and stability, watching."""

from __future__ import annotations

import random
from typing import Any

import pytest

from tui.api.models import Video
from tui.feed.store import VideoStore
from tui.feed.view import (
    SORT_COLUMNS,
    SearchIndex,
    SortOrder,
    narrows,
    parse_query,
    sort_ids,
    watching_ids,
)


def video(video_id: str, created_at: int, **fields: Any) -> Video:
    fields.setdefault("status", "completed")
    fields.setdefault("model", "sora-2")
    return Video(id=video_id, created_at=created_at, **fields)


def search(store: VideoStore, query: str, index: SearchIndex | None = None) -> list[str]:
    return (index or SearchIndex()).matching(store.bucket_ids("all"), store, parse_query(query))


@pytest.fixture
def store() -> VideoStore:
    return VideoStore(
        [
            video("video_a1", 100, prompt="A Neon city at night", model="sora-2-pro", progress=100),
            video("video_b2", 200, prompt="a calm OCEAN", status="in_progress", progress=40),
            video(
                "video_c3",
                300,
                prompt="dog in the rain",
                status="failed",
                progress=12,
                error={"code": "moderation_blocked", "message": "Blocked by our safety system"},
            ),
            video("video_d4", 400, prompt=None, status="queued", seconds="12"),
        ]
    )


def test_search_matches_id_prompt_model_and_error_code_and_message(store: VideoStore) -> None:
    assert search(store, "neon") == ["video_a1"]  # prompt, case-insensitive
    assert search(store, "ocean") == ["video_b2"]
    assert search(store, "VIDEO_D4") == ["video_d4"]  # the id
    assert search(store, "sora-2-pro") == ["video_a1"]  # the model
    assert search(store, "moderation") == ["video_c3"]  # error code
    assert search(store, "safety") == ["video_c3"]  # error message
    assert search(store, "") == ["video_d4", "video_c3", "video_b2", "video_a1"]  # newest first
    assert search(store, "giraffe") == []


def test_every_word_must_match_and_never_across_fields(store: VideoStore) -> None:
    assert search(store, "city neon") == ["video_a1"]  # any order
    assert search(store, "neon ocean") == []  # words in two different jobs
    assert search(store, "rain moderation") == ["video_c3"]  # prompt word + error word
    assert search(store, "night sora") == ["video_a1"]  # words in prompt and model
    assert search(store, "nightsora") == []
    assert search(store, "night\nsora-2-pro") == ["video_a1"]  # newlines split words


def test_parse_query_and_narrowing_rule() -> None:
    assert parse_query("  Neon  CITY neon ") == ("neon", "city")
    assert narrows(("neo",), ("neon",))
    assert narrows(("neon",), ("neon", "city"))
    assert narrows((), ("x",))
    assert not narrows(("neon",), ("neo",))
    assert not narrows(("neon", "city"), ("neon",))


def test_narrowed_search_equals_a_fresh_search() -> None:
    rng = random.Random(3)
    words = ["neon", "city", "rain", "dog", "ocean", "night", "robot", "slow"]
    jobs = [
        video(f"video_{n:04d}", n, prompt=" ".join(rng.choice(words) for _ in range(4)))
        for n in range(400)
    ]
    store = VideoStore(jobs)
    index = SearchIndex()
    typed = ""
    for char in "ne ci rain":  # each keystroke extends the query; narrowing kicks in
        typed += char
        assert search(store, typed, index) == search(store, typed), typed
    for _ in range(len(typed)):  # backspacing widens: a full search each time
        typed = typed[:-1]
        assert search(store, typed, index) == search(store, typed), typed


def test_forget_lets_changed_text_and_new_rows_match(store: VideoStore) -> None:
    index = SearchIndex()
    assert search(store, "timeout", index) == []
    change = store.upsert(
        video("video_b2", 200, prompt="a calm OCEAN", status="failed", error="render timeout")
    )
    index.forget(change.changed)
    assert search(store, "timeout", index) == ["video_b2"]
    assert search(store, "timeout ocean", index) == ["video_b2"]


def test_new_rows_are_searched_without_forget(store: VideoStore) -> None:
    index = SearchIndex()
    assert search(store, "giraffe", index) == []
    store.upsert(video("video_e5", 500, prompt="a giraffe"))
    assert search(store, "giraffe", index) == ["video_e5"]  # new base rows: not narrowed


def order_of(store: VideoStore, column: str, reverse: bool = False) -> list[str]:
    return list(sort_ids(store.bucket_ids("all"), store, SortOrder(column, reverse)))


def test_sort_orders_by_each_column(store: VideoStore) -> None:
    assert order_of(store, "created") == ["video_d4", "video_c3", "video_b2", "video_a1"]
    assert order_of(store, "created", True) == ["video_a1", "video_b2", "video_c3", "video_d4"]
    # status in filter-bar order: queued, in progress, completed, failed
    assert order_of(store, "status") == ["video_d4", "video_b2", "video_a1", "video_c3"]
    assert order_of(store, "progress") == ["video_d4", "video_c3", "video_b2", "video_a1"]
    assert order_of(store, "progress", True) == ["video_a1", "video_b2", "video_c3", "video_d4"]
    assert order_of(store, "model")[-1] == "video_a1"  # sora-2-pro after sora-2
    assert order_of(store, "seconds")[0] == "video_d4"  # 12 s before the empty ones


def test_sort_ties_keep_created_desc_then_id_in_both_directions() -> None:
    jobs = [
        video("video_x", 10, progress=50, status="in_progress"),
        video("video_y", 10, progress=50, status="in_progress"),
        video("video_z", 30, progress=50, status="in_progress"),
        video("video_w", 20, progress=10, status="in_progress"),
    ]
    store = VideoStore(jobs)
    assert order_of(store, "progress") == ["video_w", "video_z", "video_y", "video_x"]
    assert order_of(store, "progress", True) == ["video_z", "video_y", "video_x", "video_w"]


def test_sort_is_the_same_whatever_order_the_store_learnt_the_jobs() -> None:
    rng = random.Random(5)
    jobs = [
        video(
            f"video_{n:03d}",
            rng.randint(0, 20),
            progress=rng.choice([0, 50, 100]),
            model=rng.choice(["sora-2", "Sora-2", "sora-2-pro"]),
            seconds=rng.choice(["4", "8", "x"]),
            status=rng.choice(["queued", "in_progress", "completed", "failed", "processing"]),
        )
        for n in range(200)
    ]
    shuffled = jobs[:]
    rng.shuffle(shuffled)
    one, other = VideoStore(jobs), VideoStore(shuffled)
    for column in SORT_COLUMNS:
        for reverse in (False, True):
            first = order_of(one, column, reverse)
            assert first == order_of(other, column, reverse)
            assert sorted(first) == sorted(one.bucket_ids("all"))


def test_unknown_statuses_sort_after_known_ones_and_non_numbers_after_numbers() -> None:
    store = VideoStore(
        [
            video("video_1", 1, status="processing", seconds="abc"),
            video("video_2", 2, status="failed", seconds="8"),
            video("video_3", 3, status="queued", seconds="12"),
        ]
    )
    assert order_of(store, "status") == ["video_3", "video_2", "video_1"]
    assert order_of(store, "seconds") == ["video_2", "video_3", "video_1"]


def test_sort_order_cycles_columns_and_labels_direction() -> None:
    order = SortOrder()
    assert order.is_default and order.label == "created ↓"
    seen = [order.column]
    for _ in range(len(SORT_COLUMNS) - 1):
        order = order.next_column()
        seen.append(order.column)
    assert seen == list(SORT_COLUMNS)
    assert order.next_column() == SortOrder()
    assert SortOrder("progress").label == "progress ↑"
    assert SortOrder("progress").reversed().label == "progress ↓"
    assert SortOrder("created").reversed().label == "created ↑"
    with pytest.raises(ValueError, match="unknown sort column"):
        SortOrder("colour")


def test_watching_keeps_in_flight_and_recently_finished(store: VideoStore) -> None:
    ids = store.bucket_ids("all")
    in_flight = store.in_flight_ids()
    assert watching_ids(ids, in_flight, {}, now=1000.0) == ["video_d4", "video_b2"]
    finished = {"video_c3": 990.0, "video_a1": 900.0}  # 10 s and 100 s ago
    assert watching_ids(ids, in_flight, finished, now=1000.0, linger=60) == [
        "video_d4",
        "video_c3",
        "video_b2",
    ]
    assert watching_ids(ids, in_flight, finished, now=1051.0, linger=60) == ["video_d4", "video_b2"]
    assert watching_ids(["video_c3"], in_flight, finished, now=1000.0) == ["video_c3"]  # bucket


def test_ids_missing_from_the_store_sort_last_in_given_order(store: VideoStore) -> None:
    ids = ["video_gone2", *store.bucket_ids("all"), "video_gone1"]
    for reverse in (False, True):
        ordered = sort_ids(ids, store, SortOrder("progress", reverse))
        assert ordered[-2:] == ["video_gone2", "video_gone1"]
        assert ordered[:-2] == order_of(store, "progress", reverse)
