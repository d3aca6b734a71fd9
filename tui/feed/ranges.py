"""What a list page proves about the loaded jobs: the deletion-by-range rule.

A list page is a contiguous slice of the newest-first order, so a loaded job whose sort key
``(created_at, id)`` lies inside a page's range but is not on the page was deleted. A page asked
after a cursor covers the keys from its oldest job up to the cursor job (exclusive); the head
page's range is open upwards; the last page of the list is open downwards. Comparing the full
sort key keeps jobs created in the same second exact.
"""

from __future__ import annotations

from tui.api.models import Video, VideoList
from tui.feed.store import NO_CHANGE, SortKey, StoreChange, VideoStore, sort_key


def reaches(page: VideoList, second: int) -> bool:
    """True when ``page`` holds a job older than ``second`` (so all of that second is above)."""
    return any(video.created_at < second for video in page.data)


def is_last_page(page: VideoList, limit: int) -> bool:
    """True when this page (asked with ``limit``) is the last of the list: nothing older exists."""
    if not page.data:
        return True
    if page.has_more is False:
        return True
    return page.next_cursor is None and len(page.data) < limit


def key_of(store: VideoStore, video_id: str | None) -> SortKey | None:
    """The sort key of a loaded job, or None (no id, or not loaded)."""
    video = store.get(video_id) if video_id is not None else None
    return sort_key(video) if video is not None else None


def ids_within(
    store: VideoStore, lower: SortKey | None, upper: SortKey | None, *, inclusive: bool
) -> list[str]:
    """Loaded ids with ``lower <= key < upper`` (``<= upper`` when inclusive; None: open),
    newest first."""
    return store.ids_within(lower, upper, inclusive=inclusive)


def merge_range(
    store: VideoStore,
    videos: list[Video],
    lower: SortKey | None,
    upper: SortKey | None,
    *,
    inclusive: bool,
) -> StoreChange:
    """Merge ``videos``, the server's whole truth between ``lower`` and ``upper`` (as in
    `ids_within`): a loaded job in that range and not among them is removed."""
    change = store.merge(videos)
    on_page = {video.id for video in videos}
    within = ids_within(store, lower, upper, inclusive=inclusive)
    return change | store.remove_many(i for i in within if i not in on_page)


def merge_page(
    store: VideoStore, page: VideoList, *, limit: int, cursor_key: SortKey | None, top: bool
) -> StoreChange:
    """Merge a page asked after the job with ``cursor_key`` (``top``: the head; None and not
    top: the cursor job is unknown, so the range stops at the page's newest job) and drop the
    loaded jobs its range proves deleted."""
    last = is_last_page(page, limit)
    if not page.data:
        # An empty head at the end: the list is empty. Any other empty page proves nothing.
        everything = top and last
        return merge_range(store, [], None, None, inclusive=True) if everything else NO_CHANGE
    keys = [sort_key(video) for video in page.data]
    lower = None if last else min(keys)
    if top:
        return merge_range(store, page.data, lower, None, inclusive=False)
    if cursor_key is not None:
        return merge_range(store, page.data, lower, cursor_key, inclusive=False)
    return merge_range(store, page.data, lower, max(keys), inclusive=True)


def ignores_cursor(page: VideoList, cursor_id: str, cursor_key: SortKey) -> bool:
    """A page asked for after the cursor job holds that job again, or a job of a later second:
    the server ignored ``after``. Jobs of the cursor's own second may come in any order (the
    API only orders by created time), so they prove nothing."""
    return any(video.id == cursor_id or video.created_at > cursor_key[0] for video in page.data)
