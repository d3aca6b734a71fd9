"""A job as a row: the columns of ``jobs`` from a `Video`, and back; the gone note."""

from __future__ import annotations

import json
from typing import Any

from tui.api.models import Video
from tui.history.notes import GoneNote

# The columns `record` writes, in the order of `columns`.
JOB_COLUMNS = (
    "id",
    "created_at",
    "status",
    "model",
    "prompt",
    "size",
    "seconds",
    "video",
    "search_text",
)


def _searched(fields: dict[str, Any]) -> str:
    """What search looks in, one field a line, lower case: id, prompt, model, status, size,
    error code and message (a line never holds a search word from another field)."""
    error = fields.get("error")
    code, message = (
        (error.get("code"), error.get("message")) if isinstance(error, dict) else (None, None)
    )
    parts = (
        fields.get("id"),
        fields.get("prompt"),
        fields.get("model"),
        fields.get("status"),
        fields.get("size"),
        code,
        message,
    )
    return "\n".join("" if part is None else str(part) for part in parts).lower()


def search_text_of(video_json: str) -> str:
    """`_searched` of a stored row (the migration to version 2 fills the column with it)."""
    try:
        fields = json.loads(video_json)
    except ValueError:
        return ""
    return _searched(fields) if isinstance(fields, dict) else ""


def columns(video: Video) -> tuple[object, ...]:
    """The values of `JOB_COLUMNS` for ``video`` (the JSON is every field, extras included)."""
    fields = video.model_dump()
    encoded = json.dumps(fields, ensure_ascii=False, separators=(",", ":"), default=str)
    return (
        video.id,
        video.created_at,
        video.status,
        video.model,
        video.prompt,
        video.size,
        video.seconds,
        encoded,
        _searched(fields),
    )


def video_of(encoded: str) -> Video:
    return Video.model_validate(json.loads(encoded))


def gone_note(last_seen: float, gone_at: float | None, reason: str | None) -> GoneNote | None:
    if gone_at is None:
        return None
    return GoneNote(last_seen=last_seen, gone_at=gone_at, reason=reason or "")
