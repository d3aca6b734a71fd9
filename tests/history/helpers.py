"""Jobs and histories for the history tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tui.api.models import Video
from tui.history import History, open_history

BASE_URL = "https://api.example.test/v1"


def job(job_id: str, created_at: int = 1_760_000_000, **fields: Any) -> Video:
    """A job with every field of API.md §2 set; ``fields`` override any of them."""
    values: dict[str, Any] = {
        "id": job_id,
        "object": "video",
        "model": "sora-2",
        "status": "completed",
        "progress": 100,
        "created_at": created_at,
        "completed_at": created_at + 90,
        "expires_at": created_at + 86_400,
        "prompt": f"a lighthouse at dusk ({job_id})",
        "size": "1280x720",
        "seconds": "8",
        "remixed_from_video_id": None,
        "error": None,
    }
    values.update(fields)
    return Video.model_validate(values)


def jobs(count: int, start: int = 1_760_000_000, prefix: str = "video_") -> list[Video]:
    """``count`` jobs a minute apart, oldest first."""
    return [job(f"{prefix}{n:05d}", start + 60 * n) for n in range(count)]


class Clock:
    """A wall clock the test moves."""

    def __init__(self, now: float = 1_760_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def open_here(path: Path, clock: Clock | None = None) -> History:
    if clock is None:
        return open_history(path, base_url=BASE_URL, profile="default")
    return open_history(path, base_url=BASE_URL, profile="default", clock=clock)


@contextmanager
def opened(path: Path, clock: Clock | None = None) -> Iterator[History]:
    history = open_here(path, clock)
    try:
        yield history
    finally:
        history.close()
