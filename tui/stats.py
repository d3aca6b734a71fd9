"""Figures about the loaded jobs: per day, failure rate, time to complete, status counts, cost.

Pure functions over Video objects: no widgets, no I/O. Everything is computed from what the
dashboard has loaded, so a summary always says how many jobs it is over.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Final

from tui.api.models import COMPLETED, FAILED, KNOWN_STATUSES, Video
from tui.cost import CostTotal, total

DAYS: Final = 14


def local_day(stamp: int) -> date:
    return datetime.fromtimestamp(stamp).date()


def day_window(now: float, days: int = DAYS) -> tuple[date, ...]:
    """The last ``days`` local calendar days, oldest first, today last."""
    today = local_day(int(now))
    return tuple(today - timedelta(days=back) for back in range(days - 1, -1, -1))


def jobs_per_day(videos: Iterable[Video], window: tuple[date, ...]) -> tuple[int, ...]:
    """Jobs created on each day of ``window`` (by local date of ``created_at``)."""
    counts: Counter[date] = Counter(
        local_day(video.created_at) for video in videos if video.created_at > 0
    )
    return tuple(counts.get(day, 0) for day in window)


def time_to_complete(video: Video) -> int | None:
    """``completed_at - created_at`` in seconds for a completed job with sane stamps, else None."""
    if video.status != COMPLETED or video.completed_at is None or video.created_at <= 0:
        return None
    elapsed = video.completed_at - video.created_at
    return elapsed if elapsed >= 0 else None


def status_counts(videos: Iterable[Video]) -> dict[str, int]:
    """Jobs per status: the four known ones first (zeros included), then others by count."""
    counts = Counter(video.status for video in videos)
    known = {status: counts.pop(status, 0) for status in KNOWN_STATUSES}
    return {**known, **dict(counts.most_common())}


@dataclass(frozen=True)
class Summary:
    loaded: int
    counts: dict[str, int]
    days: tuple[date, ...]
    per_day: tuple[int, ...]
    median_complete_seconds: float | None
    completed_timed: int  # completed jobs that have both stamps (what the median is over)
    cost: CostTotal

    @property
    def finished(self) -> int:
        return self.counts.get(COMPLETED, 0) + self.counts.get(FAILED, 0)

    @property
    def failed(self) -> int:
        return self.counts.get(FAILED, 0)

    @property
    def failure_rate(self) -> float | None:
        """Failed over finished (completed + failed) jobs; None when none has finished."""
        return self.failed / self.finished if self.finished else None


def summarize(videos: Iterable[Video], now: float, days: int = DAYS) -> Summary:
    jobs = list(videos)
    window = day_window(now, days)
    durations = [d for d in (time_to_complete(video) for video in jobs) if d is not None]
    return Summary(
        loaded=len(jobs),
        counts=status_counts(jobs),
        days=window,
        per_day=jobs_per_day(jobs, window),
        median_complete_seconds=statistics.median(durations) if durations else None,
        completed_timed=len(durations),
        cost=total(jobs),
    )
