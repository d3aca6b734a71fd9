"""A 2xx body read into its record, or an ApiResponseError that says what is wrong with it."""

from __future__ import annotations

import json
from typing import TypeVar

import httpx

from tui.api.errors import ApiResponseError
from tui.api.models import DeletedVideo, Video, VideoList, WireError
from tui.api.redaction import Redactor

Model = TypeVar("Model", Video, VideoList, DeletedVideo)


def decode(response: httpx.Response, model: type[Model], redact: Redactor) -> Model:
    """``response``'s JSON body as ``model``. Called after the retry loop: a bad body is not retried."""
    try:
        body = json.loads(response.content)
    except ValueError:
        raw = response.content.lstrip()[:1]
        problem = "truncated JSON" if raw in (b"{", b"[") else "not JSON"
        raise _invalid(response, problem, redact) from None
    try:
        return model.model_validate(body)
    except WireError as exc:
        problem = f"unexpected {model.__name__}: {exc}"
        raise _invalid(response, redact.text(problem), redact) from None


def _invalid(response: httpx.Response, problem: str, redact: Redactor) -> ApiResponseError:
    return ApiResponseError(
        problem,
        status=response.status_code,
        snippet=redact.snippet(response.text),
        request_id=response.headers.get("x-request-id"),
    )
