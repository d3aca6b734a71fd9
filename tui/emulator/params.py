"""Validation of request parameters with OpenAI's messages (400 invalid_request_error)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import Request

from tui.contract import PAGE_LIMIT_MAX

from . import catalog

PROMPT_MAX = 32_000


class Invalid(Exception):
    """A parameter is wrong; routes turn this into the flavour's validation error."""

    def __init__(self, param: str | None, message: str, code: str, value: Any = None) -> None:
        super().__init__(message)
        self.param, self.message, self.code, self.value = param, message, code, value


def supported(values: Sequence[str]) -> str:
    quoted = [f"'{v}'" for v in values]
    if len(quoted) <= 2:
        return " and ".join(quoted)
    return ", ".join(quoted[:-1]) + f", and {quoted[-1]}"


def one_of(param: str, value: str, values: Sequence[str]) -> str:
    if value not in values:
        raise Invalid(
            param,
            f"Invalid value: '{value}'. Supported values are: {supported(values)}.",
            "invalid_value",
            value,
        )
    return value


def limit(raw: str | None, *, default: int | None, minimum: int) -> int | None:
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise Invalid(
            "limit",
            f"Invalid 'limit': expected an integer, but got '{raw}' instead.",
            "invalid_type",
            raw,
        ) from None
    if value < minimum:
        raise Invalid(
            "limit",
            f"Invalid 'limit': integer below minimum value. Expected a value >= {minimum}, "
            f"but got {value} instead.",
            "integer_below_min_value",
            raw,
        )
    if value > PAGE_LIMIT_MAX:
        raise Invalid(
            "limit",
            "Invalid 'limit': integer above maximum value. "
            f"Expected a value <= {PAGE_LIMIT_MAX}, "
            f"but got {value} instead.",
            "integer_above_max_value",
            raw,
        )
    return value


def prompt(value: Any) -> str:
    if value is None:
        raise Invalid(
            "prompt", "Missing required parameter: 'prompt'.", "missing_required_parameter"
        )
    if not isinstance(value, str):
        raise Invalid(
            "prompt", "Invalid type for 'prompt': expected a string.", "invalid_type", value
        )
    if len(value) < 1:
        raise Invalid(
            "prompt",
            "Invalid 'prompt': string too short. Expected a string with minimum length 1, "
            "but got an empty string instead.",
            "string_below_min_length",
            value,
        )
    if len(value) > PROMPT_MAX:
        raise Invalid(
            "prompt",
            f"Invalid 'prompt': string too long. Expected a string with maximum length "
            f"{PROMPT_MAX}, but got a string with length {len(value)} instead.",
            "string_above_max_length",
            value[:40],
        )
    return value


def create_fields(body: dict[str, Any]) -> dict[str, str]:
    """prompt/model/size/seconds of a create request, defaults applied (API.md §1)."""
    model = one_of("model", _text(body, "model", "sora-2"), catalog.MODELS)
    size = one_of("size", _text(body, "size", "720x1280"), catalog.sizes_for(model))
    seconds = one_of("seconds", _text(body, "seconds", "4"), catalog.SECONDS)
    return {"prompt": prompt(body.get("prompt")), "model": model, "size": size, "seconds": seconds}


def _text(body: dict[str, Any], name: str, default: str) -> str:
    value = body.get(name)
    if value is None:
        return default
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise Invalid(name, f"Invalid type for '{name}': expected a string.", "invalid_type", value)
    return value


async def read_body(request: Request) -> dict[str, Any]:
    """A JSON object or a form (multipart or urlencoded); uploaded files are ignored."""
    content_type = request.headers.get("content-type", "")
    if content_type.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        form = await request.form()
        return {k: v for k, v in form.multi_items() if not isinstance(v, UploadFile)}
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        data = json.loads(raw)
    except ValueError:
        raise Invalid(
            None,
            "We could not parse the JSON body of your request. (HINT: This likely means you aren't "
            "using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was "
            "sent was not valid JSON.)",
            "invalid_json",
        ) from None
    if not isinstance(data, dict):
        raise Invalid(None, "Invalid body: expected a JSON object.", "invalid_type")
    return data
