"""The world on a manual clock: jobs move queued → in_progress → completed/failed, deterministically."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from tui.emulator import EmulatorServer, World

EPOCH = 1_790_000_000.0


def test_new_job_lifecycle(emulator: EmulatorServer, http: httpx.Client) -> None:
    world = emulator.world
    job = world.create("A lantern floating down a river")
    assert job["status"] == "queued" and job["progress"] == 0 and job["completed_at"] is None
    seen = [job]
    for _ in range(400):  # 400 steps of 1 s cover queueing + the longest render
        world.advance(1)
        seen.append(http.get(f"videos/{job['id']}").json())
        if seen[-1]["status"] in ("completed", "failed"):
            break
    statuses = [v["status"] for v in seen]
    assert statuses[0] == "queued" and "in_progress" in statuses
    assert statuses.index("in_progress") > statuses.index("queued")
    progress = [v["progress"] for v in seen]
    assert progress == sorted(progress), "progress must never go back"
    last = seen[-1]
    assert last["status"] in ("completed", "failed")
    assert last["completed_at"] is not None and last["completed_at"] >= job["created_at"]
    if last["status"] == "completed":
        assert last["progress"] == 100 and last["expires_at"] == last["completed_at"] + 86_400
        assert last["error"] is None
    else:
        assert last["error"]["code"] and last["error"]["message"] and last["expires_at"] is None


def test_starting_world_is_realistic(make_emulator: Callable[..., EmulatorServer]) -> None:
    world = make_emulator(jobs=300, manual_clock=True).world
    videos = world.snapshot()
    counts = world.counts()
    assert len(videos) == 300
    assert 3 <= counts["queued"] + counts["in_progress"] <= 6
    assert counts["completed"] > 240 and 5 <= counts["failed"] <= 45
    assert all(len(v) == 13 for v in videos)
    assert all(v["id"].startswith("video_") and len(v["id"]) == 38 for v in videos)
    span = videos[0]["created_at"] - videos[-1]["created_at"]
    assert 14 * 86_400 < span < 22 * 86_400
    assert {v["model"] for v in videos} >= {"sora-2", "sora-2-pro"}
    assert all(v["size"] in ("720x1280", "1280x720") for v in videos if "pro" not in v["model"])
    assert {v["seconds"] for v in videos} == {"4", "8", "12"}
    assert len({v["prompt"] for v in videos}) > 250
    codes = {v["error"]["code"] for v in videos if v["status"] == "failed"}
    assert "moderation_blocked" in codes
    by_id = {v["id"]: v for v in videos}
    remixes = [v for v in videos if v["remixed_from_video_id"]]
    assert remixes and all(
        by_id[r["remixed_from_video_id"]]["created_at"] < r["created_at"] for r in remixes
    )
    assert all(by_id[r["remixed_from_video_id"]]["status"] == "completed" for r in remixes)


def test_failed_jobs_carry_an_error_and_completed_at() -> None:
    world = World(jobs=400, seed=3, manual_clock=True, epoch=EPOCH)
    failed = [v for v in world.snapshot() if v["status"] == "failed"]
    assert failed
    for video in failed:
        assert video["completed_at"] is not None and video["expires_at"] is None
        assert set(video["error"]) == {"code", "message"}
    moderation = [v for v in failed if v["error"]["code"] == "moderation_blocked"]
    assert any(
        v["error"]["message"] == "Your request was blocked by our moderation system."
        for v in moderation
    )


def test_same_seed_same_world() -> None:
    first = World(jobs=200, seed=42, manual_clock=True, epoch=EPOCH)
    second = World(jobs=200, seed=42, manual_clock=True, epoch=EPOCH)
    assert first.snapshot() == second.snapshot()
    for world in (first, second):
        world.advance(75)
        world.create("same prompt")
        world.advance(30)
    assert first.snapshot() == second.snapshot()


def test_different_seed_different_world() -> None:
    first = World(jobs=50, seed=1, manual_clock=True, epoch=EPOCH)
    second = World(jobs=50, seed=2, manual_clock=True, epoch=EPOCH)
    assert {v["id"] for v in first.snapshot()}.isdisjoint({v["id"] for v in second.snapshot()})


def test_servers_with_the_same_seed_agree(make_emulator: Callable[..., EmulatorServer]) -> None:
    one = make_emulator(jobs=60, seed=9, manual_clock=True, epoch=EPOCH)
    two = make_emulator(jobs=60, seed=9, manual_clock=True, epoch=EPOCH)
    pages = [httpx.get(s.base_url + "/videos", params={"limit": 100}).json() for s in (one, two)]
    assert pages[0] == pages[1]


def test_manual_clock_stands_still() -> None:
    world = World(jobs=20, seed=1, manual_clock=True, epoch=EPOCH)
    assert world.now == EPOCH
    before = world.snapshot()
    assert world.snapshot() == before
    world.advance(2.5)
    assert world.now == EPOCH + 2.5
    with pytest.raises(ValueError):
        world.advance(-1)


def test_speed_scales_render_time() -> None:
    slow = World(jobs=0, seed=1, manual_clock=True, epoch=EPOCH)
    fast = World(jobs=0, seed=1, manual_clock=True, epoch=EPOCH, speed=100.0)
    slow_id, fast_id = slow.create("x")["id"], fast.create("x")["id"]
    slow.advance(10)
    fast.advance(10)
    assert slow.get(slow_id)["status"] in ("queued", "in_progress")  # type: ignore[index]
    assert fast.get(fast_id)["status"] in ("completed", "failed")  # type: ignore[index]


def test_force_freezes_the_lifecycle(emulator: EmulatorServer, http: httpx.Client) -> None:
    world = emulator.world
    job = world.create("force me")
    forced = world.force(job["id"], status="in_progress", progress=42, prompt="[bold]edited[/bold]")
    assert (forced["status"], forced["progress"], forced["prompt"]) == (
        "in_progress",
        42,
        "[bold]edited[/bold]",
    )
    world.advance(10_000)
    assert http.get(f"videos/{job['id']}").json()["progress"] == 42
    done = world.force(job["id"], status="completed")
    assert done["progress"] == 100 and done["expires_at"] == done["completed_at"] + 86_400
    failed = world.force(
        job["id"], status="failed", error={"code": "internal_error", "message": "boom"}
    )
    assert (
        failed["error"] == {"code": "internal_error", "message": "boom"}
        and failed["expires_at"] is None
    )
    odd = world.force(job["id"], status="cancelled")  # open enum: any status goes on the wire
    assert http.get(f"videos/{job['id']}").json()["status"] == odd["status"] == "cancelled"
    with pytest.raises(ValueError):
        world.force(job["id"], nonsense=1)
    with pytest.raises(KeyError):
        world.force("video_missing", status="completed")


def test_force_created_at_reorders(emulator: EmulatorServer) -> None:
    world = emulator.world
    oldest = world.snapshot()[-1]
    world.force(oldest["id"], created_at=int(world.now) + 5)
    assert world.snapshot()[0]["id"] == oldest["id"]


def test_python_delete_removes_anything(emulator: EmulatorServer) -> None:
    world = emulator.world
    busy = next(
        v for v in world.snapshot() if v["status"] == "queued" or v["status"] == "in_progress"
    )
    assert world.delete(busy["id"]) is True
    assert world.get(busy["id"]) is None and world.delete(busy["id"]) is False
    assert len(world.snapshot()) == 119


def test_real_clock_moves(make_emulator: Callable[..., EmulatorServer]) -> None:
    world = make_emulator(jobs=5).world
    first = world.now
    deadline = first + 5
    while world.now == first and world.now < deadline:
        pass
    assert world.now > first
