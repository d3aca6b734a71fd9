"""One emulated job: fixed facts plus a schedule, so its state is a pure function of the clock."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tui.contract import VIDEO_FIELDS

from .catalog import EXPIRY_SECONDS, MODERATION_MESSAGE

_LIFECYCLE = ("status", "progress", "completed_at", "expires_at", "error")
_FACTS = ("model", "prompt", "size", "seconds", "created_at", "remixed_from_video_id")


@dataclass
class Job:
    id: str
    model: str
    size: str
    seconds: str
    prompt: str | None
    created_at: int
    queue_s: float  # time in "queued" (already divided by speed)
    render_s: float  # time a full render takes in "in_progress" (already divided by speed)
    failure: tuple[str, str, float] | None = None  # (code, message, fraction of the render)
    remixed_from_video_id: str | None = None
    pinned: dict[str, Any] = field(default_factory=dict)  # lifecycle fields frozen by World.force

    @property
    def key(self) -> tuple[int, str]:
        return (self.created_at, self.id)

    def ends_at(self) -> float:
        share = self.failure[2] if self.failure else 1.0
        return self.created_at + self.queue_s + self.render_s * share

    def lifecycle(self, now: float) -> dict[str, Any]:
        """status/progress/completed_at/expires_at/error at time `now` (before any pinning)."""
        started = self.created_at + self.queue_s
        if now < started:
            return {
                "status": "queued",
                "progress": 0,
                "completed_at": None,
                "expires_at": None,
                "error": None,
            }
        end = self.ends_at()
        if now < end:
            done = _progress((now - started) / self.render_s)
            return {
                "status": "in_progress",
                "progress": min(done, 99),
                "completed_at": None,
                "expires_at": None,
                "error": None,
            }
        finished = int(end)
        if self.failure:
            code, message, share = self.failure
            return {
                "status": "failed",
                "progress": min(_progress(share), 99),
                "completed_at": finished,
                "expires_at": None,
                "error": {"code": code, "message": message},
            }
        return {
            "status": "completed",
            "progress": 100,
            "completed_at": finished,
            "expires_at": finished + EXPIRY_SECONDS,
            "error": None,
        }

    def to_dict(self, now: float) -> dict[str, Any]:
        state = self.lifecycle(now)
        state.update(self.pinned)
        facts = {name: getattr(self, name) for name in _FACTS}
        known = {"id": self.id, "object": "video", **facts, **state}
        video = {name: known[name] for name in VIDEO_FIELDS}  # every key, in the contract's order
        if video["error"] is not None:
            video["error"] = dict(video["error"])
        return video

    def force(self, now: float, fields: dict[str, Any]) -> None:
        """Set fields by hand. Lifecycle fields freeze the job's lifecycle at the forced values."""
        unknown = set(fields) - set(_LIFECYCLE) - set(_FACTS)
        if unknown:
            raise ValueError(f"cannot force {', '.join(sorted(unknown))}")
        for name in _FACTS:
            if name in fields:
                setattr(self, name, fields[name])
        lifecycle = {k: v for k, v in fields.items() if k in _LIFECYCLE}
        if not lifecycle:
            return
        pinned = self.pinned or self.lifecycle(now)
        if "status" in lifecycle:
            pinned.update(_defaults_for(lifecycle["status"], int(now), pinned))
        pinned.update(lifecycle)
        self.pinned = pinned


def _defaults_for(status: str, now: int, current: dict[str, Any]) -> dict[str, Any]:
    """The lifecycle fields that go with a status set by hand (each may still be overridden)."""
    if status == "completed":
        done = current.get("completed_at") or now
        return {
            "progress": 100,
            "completed_at": done,
            "expires_at": done + EXPIRY_SECONDS,
            "error": None,
        }
    if status == "failed":
        error = current.get("error") or {
            "code": "moderation_blocked",
            "message": MODERATION_MESSAGE,
        }
        return {
            "completed_at": current.get("completed_at") or now,
            "expires_at": None,
            "error": error,
        }
    if status == "queued":
        return {"progress": 0, "completed_at": None, "expires_at": None, "error": None}
    progress = current.get("progress", 0) if current.get("status") == "in_progress" else 50
    return {"progress": progress, "completed_at": None, "expires_at": None, "error": None}


def _progress(fraction: float) -> int:
    """Fast at first, slower near the end, like the real progress bars; monotonic in `fraction`."""
    fraction = max(0.0, min(1.0, fraction))
    return int(100 * (1 - (1 - fraction) ** 1.5))
