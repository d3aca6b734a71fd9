"""The wall clock the widgets read, in one place so tests and screenshots can hold time still."""

from __future__ import annotations

import time
from collections.abc import Callable

_source: Callable[[], float] = time.time


def now() -> float:
    """Seconds since the epoch, as the dashboard sees them."""
    return _source()


def to_next_second() -> float:
    """Seconds until the monotonic clock's next whole second. Once-a-second timers started then
    tick together, so the status line's countdown and the detail pane's times share one frame."""
    return 1.0 - time.monotonic() % 1.0


def freeze(at: float | None) -> None:
    """Hold the dashboard's clock at ``at`` (None lets it run again). For tests and screenshots."""
    global _source
    _source = time.time if at is None else (lambda: at)
