"""A fleet's merged store, and which servers to page next."""

from __future__ import annotations

from tests.feed.feed_helpers import video
from tui.feed.fleet_view import FleetView, servers_to_page
from tui.feed.store import VideoStore
from tui.job_keys import job_key, split_key


def test_the_same_id_on_two_servers_is_two_jobs_in_one_order() -> None:
    a, b = VideoStore(), VideoStore()
    fleet = FleetView({"a": a, "b": b})
    fleet.apply("a", a.merge([video("v1", 100), video("v2", 300)]))
    change = fleet.apply("b", b.merge([video("v1", 200)]))
    assert change.added == {job_key("b", "v1")}
    assert list(fleet.merged.ordered_ids()) == [
        job_key("a", "v2"),
        job_key("b", "v1"),
        job_key("a", "v1"),
    ]
    assert fleet.jobs_per_server() == {"a": 2, "b": 1}


def test_changes_and_removals_reach_only_their_servers_job() -> None:
    a, b = VideoStore(), VideoStore()
    fleet = FleetView({"a": a, "b": b})
    fleet.apply("a", a.merge([video("v1", 100, "in_progress")]))
    fleet.apply("b", b.merge([video("v1", 100, "in_progress")]))
    change = fleet.apply("a", a.merge([video("v1", 100, "failed")]))
    assert change.changed == {job_key("a", "v1")}
    assert fleet.merged.counts()["failed"] == 1 and fleet.merged.counts()["in_progress"] == 1
    change = fleet.apply("b", b.remove("v1"))
    assert change.removed == {job_key("b", "v1")}
    assert [split_key(k) for k in fleet.merged.ordered_ids()] == [("a", "v1")]


def test_jobs_from_the_history_stay_unconfirmed_until_their_server_brings_them() -> None:
    a = VideoStore()
    fleet = FleetView({"a": a})
    fleet.apply("a", a.recall([video("v1", 100)]))
    assert set(fleet.merged.unconfirmed) == {job_key("a", "v1")}
    change = fleet.apply("a", a.merge([video("v1", 100)]))
    assert change.confirmed == {job_key("a", "v1")}
    assert not fleet.merged.unconfirmed


def test_the_servers_that_hold_the_horizon_up_are_paged_first() -> None:
    oldest = {"a": (100, "a\x1fx"), "b": (500, "b\x1fy"), "c": (300, "c\x1fz")}
    assert servers_to_page(oldest, ["a", "b", "c"]) == ["b"]  # b's next page sorts highest
    assert servers_to_page(oldest, ["a", "c"]) == ["c"]  # b has no more to give
    assert servers_to_page({**oldest, "d": None}, ["a", "b", "d"]) == ["d"]  # nothing loaded
    assert servers_to_page(oldest, []) == []
