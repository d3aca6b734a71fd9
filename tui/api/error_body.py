"""The error payload of a failed request, from any shape the compatible servers send."""

from __future__ import annotations

from typing import Any, NamedTuple

from tui.api.wire_values import text_or_none


class ErrorBody(NamedTuple):
    """The error payload, from ``{"error": {...}}`` or FastAPI's ``{"detail": ...}``."""

    message: str = ""
    type: str | None = None
    param: str | None = None
    code: str | None = None

    @classmethod
    def from_body(cls, body: Any) -> ErrorBody | None:
        """Read any known error shape; None when the body is not an error we recognise."""
        if not isinstance(body, dict):
            return None
        inner = body.get("error")
        if isinstance(inner, dict):
            return cls(
                _message(inner.get("message")),
                text_or_none(inner.get("type")),
                text_or_none(inner.get("param")),
                text_or_none(inner.get("code")),
            )
        if isinstance(inner, str):
            return cls(message=inner)
        if "detail" in body:
            return cls(message=_message(body["detail"]))
        if "message" in body:
            return cls(message=_message(body["message"]), code=text_or_none(body.get("code")))
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
