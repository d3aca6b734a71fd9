"""What the history says beside a job: why it is gone, its downloads, a day's summary."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

GONE_DELETED_HERE: Final = "deleted here"  # the user deleted it from sora-tui
GONE_NOT_LISTED: Final = "no longer on the server"  # the server's list or a 404 proved it gone
GONE_EXPIRED: Final = "expired"  # not listed, and its expires_at had passed


@dataclass(frozen=True)
class GoneNote:
    """A job the server no longer has: when it was last seen there, when and why it went."""

    last_seen: float  # wall-clock seconds (time.time())
    gone_at: float
    reason: str


@dataclass(frozen=True)
class Download:
    """One file written from a job's content."""

    job_id: str
    variant: str  # "video", "thumbnail", "spritesheet"
    path: str  # absolute path written
    size: int  # bytes
    at: float  # wall-clock seconds


@dataclass(frozen=True)
class DaySummary:
    """The jobs of one model created on one UTC day."""

    day: str  # "YYYY-MM-DD", the UTC day of created_at
    model: str
    jobs: int
    failed: int
    cost: float | None  # USD of the billed jobs whose price is known; None when no price is known
