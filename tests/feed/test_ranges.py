"""The deletion-by-range rule: what one list page proves about the loaded jobs."""

from __future__ import annotations

from tests.feed.feed_helpers import video
from tui.api.models import Video, VideoList
from tui.feed.ranges import ids_within, is_last_page, key_of, merge_page, reaches
from tui.feed.store import VideoStore

# v00 newest .. v09 oldest; v04 and v05 share a second (id breaks the tie: v05 sorts first)
LOADED = [video(f"v{n:02d}", 100 - n) for n in range(10) if n not in (4, 5)] + [
    video("v04", 95),
    video("v05", 95),
]


def store() -> VideoStore:
    return VideoStore(LOADED)


def listed(*ids: str, has_more: bool | None = True) -> VideoList:
    data = [v for v in VideoStore(LOADED) if v.id in ids]
    return VideoList(data=data, has_more=has_more, last_id=data[-1].id if data else None)


def test_a_page_is_the_last_on_has_more_false_an_empty_page_or_a_short_one_without_cursor() -> None:
    assert is_last_page(VideoList(data=[]), 3)
    assert is_last_page(listed("v00", has_more=False), 3)
    assert not is_last_page(listed("v00", "v01", "v02"), 3)
    short = VideoList(data=[video("a", 1)], has_more=None, last_id=None)
    assert is_last_page(short, 3)
    full = VideoList(data=[video(f"a{n}", 1) for n in range(3)], has_more=None, last_id=None)
    assert not is_last_page(full, 3)  # a full page without a cursor: more may exist


def test_reaches_means_a_job_older_than_the_second() -> None:
    assert reaches(listed("v02", "v03"), 98)
    assert not reaches(listed("v02"), 98)


def test_ids_within_compares_the_whole_sort_key() -> None:
    loaded = store()
    v05, v04 = key_of(loaded, "v05"), key_of(loaded, "v04")
    assert ids_within(loaded, v04, None, inclusive=False)[-2:] == ["v05", "v04"]
    assert ids_within(loaded, v05, None, inclusive=False)[-1] == "v05"  # v04 sorts below v05
    assert ids_within(loaded, None, v05, inclusive=False)[0] == "v04"
    assert ids_within(loaded, None, v05, inclusive=True)[:2] == ["v05", "v04"]
    assert key_of(loaded, None) is None and key_of(loaded, "nope") is None


def test_the_head_page_is_open_upwards() -> None:
    loaded = store()
    change = merge_page(loaded, listed("v01", "v02"), limit=2, cursor_key=None, top=True)
    assert change.removed == {"v00"}  # newer than the page and not on it: deleted


def test_a_page_after_a_cursor_covers_up_to_the_cursor_job() -> None:
    loaded = store()
    cursor = key_of(loaded, "v01")
    change = merge_page(loaded, listed("v03", "v05"), limit=2, cursor_key=cursor, top=False)
    assert change.removed == {"v02"}  # v01 itself (the cursor job) stays
    assert "v01" in loaded and "v04" in loaded  # below the page's oldest job: not covered


def test_the_last_page_is_open_downwards() -> None:
    loaded = store()
    cursor = key_of(loaded, "v06")
    last = listed("v08", has_more=False)
    change = merge_page(loaded, last, limit=3, cursor_key=cursor, top=False)
    assert change.removed == {"v07", "v09"}


def test_an_unknown_cursor_job_bounds_the_range_by_the_page() -> None:
    loaded = store()
    change = merge_page(loaded, listed("v02", "v06"), limit=2, cursor_key=None, top=False)
    assert change.removed == {"v03", "v05", "v04"}
    assert "v01" in loaded


def test_an_empty_head_at_the_end_empties_the_store_and_other_empty_pages_prove_nothing() -> None:
    loaded = store()
    empty = VideoList(data=[], has_more=False)
    assert merge_page(loaded, empty, limit=3, cursor_key=key_of(loaded, "v01"), top=False).empty
    assert len(loaded) == len(LOADED)
    change = merge_page(loaded, empty, limit=3, cursor_key=None, top=True)
    assert change.removed == {v.id for v in LOADED} and len(loaded) == 0


def test_a_page_adds_and_changes_as_a_merge_does() -> None:
    loaded = store()
    moved: list[Video] = [video("new", 101), video("v00", 100, status="failed")]
    page = VideoList(data=moved, has_more=True, last_id="v00")
    change = merge_page(loaded, page, limit=2, cursor_key=None, top=True)
    assert change.added == {"new"} and change.changed == {"v00"} and not change.removed
