"""Pydantic models that mirror the Videos API wire format (API.md §2, §6, §8).

Enumerated fields (status, model, size, seconds) are *open*: the known values are
constants below, and any other string a server sends is kept verbatim. The models
tolerate the compatible servers' shapes: missing paging keys, ``{"detail": ...}``
errors, integer error codes, ``size`` null or ``""``, and extra fields.
"""

from __future__ import annotations

from typing import Any, Final

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from tui import contract
from tui.api.ids import canonical_id

# --- open enumerations: known values, never a closed set -----------------------------

# The statuses are the contract's; the names are kept here for the layers that read the models.
QUEUED: Final = contract.QUEUED
IN_PROGRESS: Final = contract.IN_PROGRESS
COMPLETED: Final = contract.COMPLETED
FAILED: Final = contract.FAILED
KNOWN_STATUSES: Final = contract.KNOWN_STATUSES
IN_FLIGHT_STATUSES: Final = contract.IN_FLIGHT_STATUSES

KNOWN_MODELS: Final = (
    "sora-2",
    "sora-2-pro",
    "sora-2-2025-10-06",
    "sora-2-pro-2025-10-06",
    "sora-2-2025-12-08",
)
KNOWN_SIZES: Final = ("720x1280", "1280x720", "1024x1792", "1792x1024", "1920x1080", "1080x1920")
KNOWN_SECONDS: Final = ("4", "8", "12", "16", "20")
CONTENT_VARIANTS: Final = ("video", "thumbnail", "spritesheet")


def _one_id(value: Any) -> Any:
    # LiteLLM names one video two ways (API.md §8); the store must only ever see one of them.
    return canonical_id(value) if isinstance(value, str) else value


def _text_or_none(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


class _Wire(BaseModel):
    """Base for wire objects: extra keys are kept, never rejected."""

    model_config = ConfigDict(extra="allow", frozen=True)


class VideoError(_Wire):
    """``video.error`` on a failed job. Some servers send an int code or no code at all."""

    code: str | None = None
    message: str = ""

    @field_validator("code", mode="before")
    @classmethod
    def _code_as_text(cls, value: Any) -> str | None:
        return _text_or_none(value)

    @field_validator("message", mode="before")
    @classmethod
    def _message_as_text(cls, value: Any) -> str:
        return "" if value is None else (value if isinstance(value, str) else str(value))


def _without_empty_extras(value: Any, fields: Any) -> Any:
    """Keys no field names, sent as null (LiteLLM's ``usage: null``), say nothing: dropped, so
    the same job from a list and from a retrieve compares equal."""
    if isinstance(value, dict) and any(v is None and k not in fields for k, v in value.items()):
        return {k: v for k, v in value.items() if v is not None or k in fields}
    return value


class Video(_Wire):
    """One video-generation job: the 13 fields of API.md §2, declared in the order of
    ``tui.contract.VIDEO_FIELDS`` (a test holds them equal). ``id`` is canonical
    (``tui.api.ids.canonical_id``): LiteLLM's longer retrieve/create id becomes its list id."""

    id: str
    object: str = "video"
    model: str = ""
    status: str = ""
    progress: int = 0
    created_at: int = 0
    completed_at: int | None = None
    expires_at: int | None = None
    prompt: str | None = None
    size: str = ""
    seconds: str = ""
    remixed_from_video_id: str | None = None
    error: VideoError | None = None

    @model_validator(mode="before")
    @classmethod
    def _drop_empty_extras(cls, value: Any) -> Any:
        return _without_empty_extras(value, cls.model_fields)

    @field_validator("id", mode="before")
    @classmethod
    def _canonical(cls, value: Any) -> Any:
        return _one_id(value)

    @field_validator("model", "status", "size", "seconds", mode="before")
    @classmethod
    def _open_string(cls, value: Any) -> str:
        # null / "" / numbers from lenient servers become text; unknown strings stay as they are.
        return "" if value is None else (value if isinstance(value, str) else str(value))

    @field_validator("progress", mode="before")
    @classmethod
    def _progress(cls, value: Any) -> int:
        try:
            number = int(float(value))
        except (TypeError, ValueError):
            return 0
        return max(0, min(100, number))

    @field_validator("created_at", mode="before")
    @classmethod
    def _created(cls, value: Any) -> int:
        try:
            return int(float(value))
        except (TypeError, ValueError):
            return 0

    @field_validator("completed_at", "expires_at", mode="before")
    @classmethod
    def _optional_time(cls, value: Any) -> int | None:
        if value is None or value == "":
            return None
        try:
            return int(float(value))
        except (TypeError, ValueError):
            return None

    @field_validator("prompt", "remixed_from_video_id", mode="before")
    @classmethod
    def _optional_text(cls, value: Any) -> str | None:
        return _text_or_none(value)

    @field_validator("error", mode="before")
    @classmethod
    def _error(cls, value: Any) -> Any:
        if value is None or value == "" or value == {}:
            return None
        if isinstance(value, str):
            return {"message": value}
        return value

    @property
    def in_flight(self) -> bool:
        return self.status in IN_FLIGHT_STATUSES


class VideoList(_Wire):
    """``GET /videos`` envelope. SGLang omits the paging keys; they default to 'unknown'."""

    object: str = "list"
    data: list[Video] = []
    first_id: str | None = None
    last_id: str | None = None
    has_more: bool | None = None

    @field_validator("data", mode="before")
    @classmethod
    def _data(cls, value: Any) -> Any:
        return [] if value is None else value

    @property
    def next_cursor(self) -> str | None:
        """The ``after`` for the next page, by the SDK's rule (API.md §3), or None at the end."""
        if not self.data or self.has_more is False:
            return None
        return self.last_id or None


class DeletedVideo(_Wire):
    """``DELETE /videos/{id}``. SGLang answers with a Video whose status is ``deleted``."""

    id: str
    object: str = "video.deleted"
    deleted: bool = True

    @field_validator("id", mode="before")
    @classmethod
    def _canonical(cls, value: Any) -> Any:
        return _one_id(value)

    @model_validator(mode="before")
    @classmethod
    def _from_video(cls, value: Any) -> Any:
        if isinstance(value, dict) and "deleted" not in value and value.get("status") == "deleted":
            return {**value, "deleted": True}
        return value


class ErrorBody(_Wire):
    """The error payload, from ``{"error": {...}}`` or FastAPI's ``{"detail": ...}``."""

    message: str = ""
    type: str | None = None
    param: str | None = None
    code: str | None = None

    @field_validator("code", "type", "param", mode="before")
    @classmethod
    def _as_text(cls, value: Any) -> str | None:
        return _text_or_none(value)

    @classmethod
    def from_body(cls, body: Any) -> ErrorBody | None:
        """Read any known error shape; None when the body is not an error we recognise."""
        if not isinstance(body, dict):
            return None
        inner = body.get("error")
        if isinstance(inner, dict):
            return cls.model_validate({**inner, "message": _message(inner.get("message"))})
        if isinstance(inner, str):
            return cls(message=inner)
        if "detail" in body:
            return cls(message=_message(body["detail"]))
        if "message" in body:
            return cls(message=_message(body["message"]), code=_text_or_none(body.get("code")))
        return None


def _message(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list):  # FastAPI validation errors: [{"loc":..., "msg":...}, ...]
        parts = [
            item.get("msg", str(item)) if isinstance(item, dict) else str(item) for item in value
        ]
        return "; ".join(str(part) for part in parts)
    return str(value)
