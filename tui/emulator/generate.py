"""The seeded starting world and the schedule of each new job."""

from __future__ import annotations

import random
from collections.abc import Callable

from . import catalog
from .jobs import Job

IdMaker = Callable[[random.Random, int], str]

_HISTORY_SECONDS = 21 * 86_400
_MIN_AGE_SECONDS = 30 * 60
_RECENT_SECONDS = 20 * 3600


def openai_id(rng: random.Random, created_at: int) -> str:
    """'video_' + 32 hex, the first 8 being the creation time, like the ids seen on the wire."""
    return f"video_{created_at & 0xFFFFFFFF:08x}{rng.getrandbits(96):024x}"


def new_job(
    rng: random.Random,
    make_id: IdMaker,
    *,
    created_at: int,
    speed: float,
    prompt: str,
    model: str,
    size: str,
    seconds: str,
    remixed_from: str | None = None,
) -> Job:
    return Job(
        id=make_id(rng, created_at),
        model=model,
        size=size,
        seconds=seconds,
        prompt=prompt,
        created_at=created_at,
        queue_s=catalog.queue_seconds(rng) / speed,
        render_s=catalog.render_seconds(rng, model, seconds) / speed,
        failure=catalog.pick_failure(rng),
        remixed_from_video_id=remixed_from,
    )


def _random_job(rng: random.Random, make_id: IdMaker, created_at: int, speed: float) -> Job:
    model = catalog.pick_model(rng)
    return new_job(
        rng,
        make_id,
        created_at=created_at,
        speed=speed,
        prompt=catalog.make_prompt(rng),
        model=model,
        size=catalog.pick_size(rng, model),
        seconds=catalog.pick_seconds(rng),
    )


def initial_jobs(
    *, seed: int, count: int, epoch: float, speed: float, make_id: IdMaker
) -> list[Job]:
    """`count` jobs over the last three weeks, oldest first: most done, 3-6 still in flight."""
    rng = random.Random(seed)
    in_flight = min(count, rng.randint(3, 6))
    ages = sorted((_age(rng) for _ in range(count - in_flight)), reverse=True)
    jobs: list[Job] = []
    for age in ages:
        job = _random_job(rng, make_id, int(epoch - age), speed)
        if rng.random() < 0.01:
            job.prompt = None  # early API responses had no prompt (API.md §2)
        _maybe_remix(rng, job, jobs)
        jobs.append(job)
    for _ in range(in_flight):
        job = _random_job(rng, make_id, 0, speed)
        # Created recently enough to still be queued or rendering at the start.
        job.created_at = int(epoch - rng.uniform(0.0, 0.85) * (job.ends_at() - job.created_at))
        job.id = make_id(rng, job.created_at)
        jobs.append(job)
    jobs.sort(key=lambda j: j.key)
    return jobs


def _age(rng: random.Random) -> float:
    """Seconds before the start; an active project has a busy last day (whose content has not expired)."""
    recent = rng.random() < 0.12
    return rng.uniform(_MIN_AGE_SECONDS, _RECENT_SECONDS if recent else _HISTORY_SECONDS)


def _maybe_remix(rng: random.Random, job: Job, older: list[Job]) -> None:
    if rng.random() >= 0.05:
        return
    sources = [j for j in older[-40:] if j.failure is None and j.ends_at() < job.created_at]
    if sources:
        source = rng.choice(sources)
        job.remixed_from_video_id = source.id
        job.prompt = catalog.make_remix_prompt(rng)
        job.model, job.size, job.seconds = source.model, source.size, source.seconds
