"""Figures over loaded jobs: status counts, failure rate, time to complete, per day and cost."""

from __future__ import annotations

from typing import Any

from tui.api.models import Video
from tui.cost import total
from tui.stats import day_window, summarize

NOW = 1_795_000_000.0


def video(number: int, **fields: Any) -> Video:
    base: dict[str, Any] = {
        "id": f"video_stats{number:024d}",
        "model": "sora-2",
        "status": "completed",
        "created_at": int(NOW) - 300,  # the same local day as NOW in every time zone
        "completed_at": int(NOW) - 90,
        "size": "1280x720",
        "seconds": "8",
    }
    return Video.model_validate(base | fields)


def test_a_summary_counts_rates_and_prices_what_is_loaded() -> None:
    jobs = [
        video(1),
        video(2, completed_at=int(NOW) - 60),
        video(3, status="failed", completed_at=None),
        video(4, status="in_progress", completed_at=None, model="my-model"),
        video(5, status="succeeded", completed_at=None, created_at=int(NOW) - 2 * 86_400),
    ]
    summary = summarize(jobs, NOW)
    assert summary.loaded == 5
    assert summary.counts == {
        "queued": 0,
        "in_progress": 1,
        "completed": 2,
        "failed": 1,
        "succeeded": 1,
    }
    assert summary.failure_rate == 1 / 3
    assert (summary.median_complete_seconds, summary.completed_timed) == (225, 2)
    assert summary.days == day_window(NOW) and summary.per_day[-1] == 4
    assert summary.per_day[-3] == 1 and sum(summary.per_day) == 5
    assert summary.cost == total(jobs)
    assert summary.cost.line() == (
        "$2.40 over 5 jobs (1 without a price; $0.80 failed, likely not billed)"
    )


def test_nothing_loaded_has_no_rate_and_no_median() -> None:
    summary = summarize([], NOW)
    assert (summary.loaded, summary.failure_rate, summary.median_complete_seconds) == (
        0,
        None,
        None,
    )
