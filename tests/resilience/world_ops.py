"""Random operations on an emulator world, for property tests and the soak run."""

from __future__ import annotations

from dataclasses import dataclass

from tui.emulator import EmulatorServer


@dataclass(frozen=True)
class Op:
    """One change to the world or one thing the user does. ``n`` picks a job or a count."""

    kind: str  # create | advance | fail | delete | delete_cursor | page | tick
    n: int = 0


WORLD_KINDS = ("create", "advance", "fail", "delete", "delete_cursor")


def apply_to_world(server: EmulatorServer, op: Op, cursor: str | None) -> None:
    """Change the world as ``op`` says (user ops are the caller's business)."""
    world = server.world
    jobs = world.snapshot()
    if op.kind == "create":
        for number in range(1 + op.n % 8):
            world.create(f"new clip {number}")
    elif op.kind == "advance":
        world.advance(1 + op.n % 120)
    elif op.kind == "fail" and jobs:
        world.force(
            jobs[op.n % len(jobs)]["id"],
            status="failed",
            error={"code": "internal_error", "message": "forced"},
        )
    elif op.kind == "delete" and jobs:
        world.delete(jobs[op.n % len(jobs)]["id"])
    elif op.kind == "delete_cursor" and cursor is not None:
        world.delete(cursor)


def mismatch(store_ids: list[str], store_get: object, server: EmulatorServer) -> list[str]:
    """What differs between the dashboard's jobs and the server's (empty when they agree)."""
    from tui.feed.store import VideoStore

    assert isinstance(store_get, VideoStore)
    # What the server says, in its flavour's words (vLLM reports no progress until done, a relay
    # says "succeeded"): the dashboard must show what it got.
    truth = [server.flavour.video(job, server.base_url) for job in server.world.snapshot()]
    problems: list[str] = []
    truth_ids = [job["id"] for job in truth]
    if len(store_ids) != len(set(store_ids)):
        problems.append(f"duplicates: {sorted({i for i in store_ids if store_ids.count(i) > 1})}")
    missing = set(truth_ids) - set(store_ids)
    extra = set(store_ids) - set(truth_ids)
    if missing:
        problems.append(f"missing: {sorted(missing)}")
    if extra:
        problems.append(f"extra: {sorted(extra)}")
    if not missing and not extra and store_ids != truth_ids:
        problems.append("order differs")
    for job in truth:
        video = store_get.get(job["id"])
        if video is not None and (video.status, video.progress) != (job["status"], job["progress"]):
            problems.append(
                f"stale {job['id']}: {video.status}/{video.progress} vs "
                f"{job['status']}/{job['progress']}"
            )
    return problems
