"""Progress as text: a block bar, an ETA estimate, and short durations (shared by the widgets)."""

from __future__ import annotations

from typing import Final

_FULL: Final = "█"
_EMPTY: Final = "░"
_EIGHTHS: Final = " ▏▎▍▌▋▊▉"
ESTIMATING: Final = "estimating…"


def progress_bar(progress: int, width: int = 20) -> str:
    """A bar of ``width`` cells for 0–100, with eighth-cell resolution so small steps show."""
    width = max(1, width)
    clamped = max(0, min(100, progress))
    eighths = round(clamped * width * 8 / 100)
    full, part = divmod(eighths, 8)
    bar = _FULL * full
    if full < width:
        bar += (_EIGHTHS[part] if part else _EMPTY) + _EMPTY * (width - full - 1)
    return bar


def eta_seconds(created_at: float, progress: int, now: float) -> float | None:
    """Time left, assuming the rate so far holds: elapsed × (100 − p) / p; None when p is 0 or unknown."""
    if progress <= 0 or created_at <= 0:
        return None
    if progress >= 100:
        return 0.0
    elapsed = max(0.0, now - created_at)
    return elapsed * (100 - progress) / progress


def short_duration(seconds: float) -> str:
    """Compact duration for lines that tick every second: 8s, 4m 05s, 2h 03m, 3d 4h."""
    total = max(0, round(seconds))
    if total < 60:
        return f"{total}s"
    minutes, secs = divmod(total, 60)
    if minutes < 60:
        return f"{minutes}m {secs:02d}s"
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"{hours}h {minutes:02d}m"
    days, hours = divmod(hours, 24)
    return f"{days}d {hours}h"


def eta_text(created_at: float, progress: int, now: float) -> str:
    """Time left as 'about 4m 05s left', or 'estimating…' while there is nothing to go on."""
    left = eta_seconds(created_at, progress, now)
    if left is None:
        return ESTIMATING
    return f"about {short_duration(left)} left"
