"""The emulated project: every job, on one clock, behind one lock.

The state is a pure function of (seed, speed, epoch, time) plus the mutations made through
this API (create, delete, force), so two worlds with the same inputs answer the same.
"""

from __future__ import annotations

import bisect
import random
import threading
from collections import Counter
from typing import Any

from .clock import Clock
from .generate import IdMaker, initial_jobs, new_job, openai_id
from .jobs import Job


class UnknownCursor(LookupError):
    """`after` names no current job."""


class World:
    def __init__(
        self,
        *,
        jobs: int = 300,
        seed: int = 1,
        speed: float = 1.0,
        manual_clock: bool = False,
        epoch: float | None = None,
        make_id: IdMaker = openai_id,
    ) -> None:
        self._lock = threading.RLock()
        self._clock = Clock(epoch, manual=manual_clock)
        self._seed = seed
        self._speed = speed
        self._make_id = make_id
        self._created = 0
        seeded = initial_jobs(
            seed=seed, count=jobs, epoch=self._clock.epoch, speed=speed, make_id=make_id
        )
        self._jobs: dict[str, Job] = {job.id: job for job in seeded}
        self._keys: list[tuple[int, str]] = sorted(job.key for job in seeded)  # oldest first

    # --- clock -------------------------------------------------------------------------------

    @property
    def now(self) -> float:
        return self._clock.now()

    @property
    def manual_clock(self) -> bool:
        return self._clock.manual

    def advance(self, seconds: float) -> None:
        """Move the clock forward (in either clock mode); jobs progress, complete or fail."""
        with self._lock:
            self._clock.advance(seconds)

    # --- reads -------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._jobs)

    def snapshot(self) -> list[dict[str, Any]]:
        """Every job as a 13-key Video dict, newest first (created_at desc, then id desc)."""
        with self._lock:
            now = self.now
            return [self._jobs[key[1]].to_dict(now) for key in reversed(self._keys)]

    def get(self, video_id: str) -> dict[str, Any] | None:
        with self._lock:
            job = self._jobs.get(video_id)
            return job.to_dict(self.now) if job else None

    def counts(self) -> Counter[str]:
        with self._lock:
            now = self.now
            return Counter(job.to_dict(now)["status"] for job in self._jobs.values())

    def page(
        self,
        *,
        after: str | None,
        limit: int | None,
        order: str = "desc",
    ) -> tuple[list[dict[str, Any]], bool]:
        """One page of the list (after is exclusive; limit None = everything). Returns (videos, has_more)."""
        with self._lock:
            if after is not None and after not in self._jobs:
                raise UnknownCursor(after)
            keys = self._keys
            if order == "asc":
                start = bisect.bisect_right(keys, self._jobs[after].key) if after else 0
                stop = len(keys) if limit is None else min(len(keys), start + limit)
                chosen, has_more = keys[start:stop], stop < len(keys)
            else:
                stop = bisect.bisect_left(keys, self._jobs[after].key) if after else len(keys)
                start = 0 if limit is None else max(0, stop - limit)
                chosen, has_more = keys[start:stop][::-1], start > 0
            now = self.now
            return [self._jobs[key[1]].to_dict(now) for key in chosen], has_more

    # --- writes ------------------------------------------------------------------------------

    def create(
        self,
        prompt: str,
        model: str = "sora-2",
        size: str = "720x1280",
        seconds: str = "4",
        remixed_from: str | None = None,
    ) -> dict[str, Any]:
        """A new job, queued now; its schedule is drawn from the seed and the creation count."""
        with self._lock:
            rng = random.Random(f"{self._seed}:created:{self._created}")
            self._created += 1
            now = self.now
            job = new_job(
                rng,
                self._make_id,
                created_at=int(now),
                speed=self._speed,
                prompt=prompt,
                model=model,
                size=size,
                seconds=seconds,
                remixed_from=remixed_from,
            )
            self._insert(job)
            return job.to_dict(now)

    def delete(self, video_id: str) -> bool:
        with self._lock:
            job = self._jobs.pop(video_id, None)
            if job is None:
                return False
            self._keys.pop(bisect.bisect_left(self._keys, job.key))
            return True

    def force(self, video_id: str, **fields: Any) -> dict[str, Any]:
        """Set fields of a job by hand (tests, demos). Setting status/progress/error/completed_at/
        expires_at freezes the job's lifecycle at those values; other fields keep it running."""
        with self._lock:
            job = self._jobs.get(video_id)
            if job is None:
                raise KeyError(video_id)
            self._keys.pop(bisect.bisect_left(self._keys, job.key))
            try:
                job.force(self.now, fields)
            finally:
                bisect.insort(self._keys, job.key)
            return job.to_dict(self.now)

    def _insert(self, job: Job) -> None:
        while job.id in self._jobs:  # astronomically unlikely, but ids must stay unique
            job.id = self._make_id(random.Random(job.id), job.created_at)
        self._jobs[job.id] = job
        bisect.insort(self._keys, job.key)


__all__ = ["UnknownCursor", "World"]
