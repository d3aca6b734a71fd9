"""Downloads remembered; spend and failures per day and model, priced by `tui.cost`."""

from __future__ import annotations

from tests.history.helpers import job
from tui.history import DaySummary, Download, History

DAY1 = 1_760_000_000 - 1_760_000_000 % 86_400  # 2025-10-09 00:00 UTC
DAY2 = DAY1 + 86_400


def test_downloads_are_read_back_newest_first(history: History) -> None:
    first = Download("video_1", "video", "/data/video_1.mp4", 1_234_567, 100.0)
    second = Download("video_1", "thumbnail", "/data/video_1.webp", 2_048, 200.0)
    other = Download("video_2", "spritesheet", "/data/video_2.jpg", 10, 150.0)
    for download in (first, second, other):
        history.record_download(download)
    assert history.flush()
    assert history.downloads("video_1") == [second, first]
    assert history.downloads("video_2") == [other]
    assert history.downloads("video_3") == []


def test_summary_per_day_and_model_with_failures_and_cost(history: History) -> None:
    history.record(
        [
            # day 1, sora-2 720p at $0.10/s: 8 s + 4 s billed, one failed 12 s not billed
            job("video_a", DAY1 + 10, model="sora-2", seconds="8"),
            job("video_b", DAY1 + 20, model="sora-2", seconds="4", size="720x1280"),
            job("video_c", DAY1 + 30, model="sora-2", seconds="12", status="failed"),
            # day 1, a dated sora-2-pro snapshot: its family's price ($0.30/s)
            job("video_d", DAY1 + 40, model="sora-2-pro-2025-10-06", seconds="4"),
            # day 2: a model with no price, and a size with none
            job("video_e", DAY2 + 10, model="my-local-model", seconds="8"),
            job("video_f", DAY2 + 20, model="sora-2", size="1920x1080", status="failed"),
            job("video_g", DAY2 + 30, model="sora-2", seconds="8"),
        ]
    )
    assert history.flush()
    assert history.summary() == [
        DaySummary("2025-10-10", "my-local-model", jobs=1, failed=0, cost=None),
        DaySummary("2025-10-10", "sora-2", jobs=2, failed=1, cost=0.80),
        DaySummary("2025-10-09", "sora-2", jobs=3, failed=1, cost=1.20),
        DaySummary("2025-10-09", "sora-2-pro-2025-10-06", jobs=1, failed=0, cost=1.20),
    ]


def test_summary_counts_gone_jobs_too(history: History) -> None:
    history.record([job("video_a", DAY1), job("video_b", DAY1 + 1)])
    history.mark_gone(["video_a"], reason="deleted here")
    assert history.flush()
    assert history.summary() == [DaySummary("2025-10-09", "sora-2", 2, 0, 1.60)]


def test_several_histories_add_up_day_by_day_and_model_by_model() -> None:
    from tui.history.summary import added_up

    alpha = [
        DaySummary("2025-10-10", "sora-2", 3, 1, 1.5),
        DaySummary("2025-10-09", "sora-2", 2, 0, None),
    ]
    beta = [
        DaySummary("2025-10-10", "sora-2", 4, 2, 2.0),
        DaySummary("2025-10-10", "mystery", 1, 0, None),
        DaySummary("2025-10-09", "sora-2", 1, 1, 0.5),
    ]
    assert added_up([alpha, beta]) == [
        DaySummary("2025-10-10", "mystery", 1, 0, None),
        DaySummary("2025-10-10", "sora-2", 7, 3, 3.5),
        DaySummary("2025-10-09", "sora-2", 3, 1, 0.5),  # a known price beats none
    ]
    assert added_up([alpha]) == alpha
