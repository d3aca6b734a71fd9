"""Reconcile on its own: gap walks below the head (bounded, resumed) and the periodic sweep."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.feed.feed_helpers import FakeClient, video
from tui.api.errors import NotFoundError
from tui.api.models import Video, VideoList
from tui.feed.fetch import Fetcher
from tui.feed.policy import PollPolicy
from tui.feed.reconcile import Reconciler
from tui.feed.store import VideoStore

PAGE = 3
# New jobs n*, then the jobs loaded before them (o*): "a" was created in o0's second and sorts
# below it by id, so only a page reaching below that second shows it.
GROWN = [
    video("n0", 602),
    video("n1", 601),
    video("n2", 600),
    video("n3", 550),
    video("n4", 540),
    video("o0", 500),
    video("a", 500),
    video("o1", 499),
    video("o2", 498),
]


def lister_over(world: list[Video], refused: str = "") -> Callable[[str | None], VideoList]:
    def lister(cursor: str | None) -> VideoList:
        if cursor == refused:
            raise NotFoundError("No video found", status=404)
        ids = [v.id for v in world]
        start = 0 if cursor is None else ids.index(cursor) + 1
        chunk = world[start : start + PAGE]
        more = start + PAGE < len(world)
        return VideoList(data=chunk, has_more=more, last_id=chunk[-1].id if chunk else None)

    return lister


class Rig:
    """A Reconciler over a FakeClient, on a manual clock (``now``)."""

    def __init__(
        self, lister: Callable[[str | None], VideoList], loaded: list[Video], **policy: Any
    ) -> None:
        self.now = 0.0
        self.client = FakeClient(lister)
        self.store = VideoStore(loaded)
        self.fetcher = Fetcher(self.client, self.store, lambda change: None, clock=self.clock)
        self.reconciler = Reconciler(
            self.fetcher, PollPolicy(page_size=PAGE, **policy), clock=self.clock
        )

    def clock(self) -> float:
        return self.now

    async def tick(self, *, paged_to_end: bool = False) -> set[str]:
        newest = self.store.get(self.store.ordered_ids()[0])
        head = await self.fetcher.head(PAGE)
        if newest is not None:
            brought = bool(self.fetcher.head_added)
            self.reconciler.note_head(head, newest.created_at, brought_new=brought)
        return await self.reconciler.after_head(head, paged_to_end=paged_to_end)


async def test_a_gap_is_walked_until_a_page_reaches_below_its_floor_second() -> None:
    rig = Rig(lister_over(GROWN), GROWN[5:6] + GROWN[7:])
    seen = await rig.tick()
    assert rig.client.lists_after() == ["n2", "o0"]
    assert list(rig.store.ordered_ids()) == [v.id for v in GROWN]  # "a" too
    assert seen == {"n3", "n4", "o0", "a", "o1", "o2"}


async def test_a_gap_walk_is_bounded_a_tick_and_resumes_at_the_next() -> None:
    rig = Rig(lister_over(GROWN), GROWN[5:6] + GROWN[7:], max_head_pages=1)
    await rig.tick()
    assert rig.client.lists_after() == ["n2"] and "a" not in rig.store
    await rig.tick()
    assert rig.client.lists_after() == ["n2", "o0"] and "a" in rig.store


async def test_a_gap_whose_cursor_job_vanished_goes_on_from_the_job_above_it() -> None:
    world = [v for v in GROWN if v.id != "n2"]
    first = lister_over(GROWN)
    later = lister_over(world, refused="n2")
    calls = [0]

    def lister(cursor: str | None) -> VideoList:
        calls[0] += 1
        return first(cursor) if calls[0] == 1 else later(cursor)  # the head still shows n2

    rig = Rig(lister, GROWN[5:6] + GROWN[7:])
    await rig.tick()
    assert rig.client.lists_after() == ["n2", "n1", "o0"]
    assert list(rig.store.ordered_ids()) == [v.id for v in world]


OLD = [video(f"v{n:02d}", 1000 - n) for n in range(9)]


async def test_the_sweep_comes_every_reconcile_period_and_drops_the_deleted() -> None:
    world = [v for v in OLD if v.id != "v04"]  # deleted on the server
    rig = Rig(lister_over(world), OLD[:6], reconcile_every=120, reconcile_pages=2)
    await rig.tick()
    assert rig.client.lists_after() == [] and "v04" in rig.store  # not due yet
    rig.now = 120.0
    seen = await rig.tick()
    assert rig.client.lists_after() == ["v02"]  # below the head, down to the oldest loaded
    assert seen == {"v03", "v05", "v06"}
    assert list(rig.store.ordered_ids()) == ["v00", "v01", "v02", "v03", "v05"]  # v06: not paged to
    await rig.tick()
    assert rig.client.lists_after() == ["v02"]  # the next sweep waits another period


async def test_a_sweep_after_paging_to_the_end_covers_everything_below() -> None:
    world = OLD[:5]  # the last four are gone
    rig = Rig(lister_over(world), OLD, reconcile_every=0)
    await rig.tick(paged_to_end=True)
    assert list(rig.store.ordered_ids()) == [v.id for v in world]


async def test_a_sweep_whose_cursor_job_vanished_starts_over() -> None:
    rig = Rig(lister_over(OLD, refused="v02"), OLD[:6], reconcile_every=0)
    await rig.tick()
    assert rig.client.lists_after() == ["v02"] and "v02" not in rig.store
    rig.client.lister = lister_over([v for v in OLD if v.id != "v02"])
    await rig.tick()
    assert rig.client.lists_after() == ["v02", "v03"]  # from the new head's last job
