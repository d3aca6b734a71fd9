"""LiteLLM proxy ids (API.md §8, measured on 1.108.7): the upstream id wrapped in base64.

A list reply names a video ``video_`` + base64(``litellm:custom_llm_provider:openai;
model_id:<model>;video_id:<upstream id>``); retrieve, create and remix replies name the same
video with ``;deployment_id:<hex>`` added to the inner text. The proxy decodes whichever it is
sent to find the upstream video. Kept apart from ``tui.api.ids`` on purpose: the emulator must
not share the dashboard's decoder, or a bug in one would hide in the other.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from typing import Final

PREFIX: Final = "video_"
PROVIDER: Final = "openai"
MODEL_ID: Final = "sora2>>~??x"  # chosen so the encoded ids contain '+', '/' and '=' padding
DEPLOYMENT_ID: Final = hashlib.sha256(b"sora-tui emulator: the one deployment").hexdigest()


def _encode(inner: str) -> str:
    return PREFIX + base64.b64encode(inner.encode()).decode()


def _inner(video_id: str) -> str | None:
    if not video_id.startswith(PREFIX):
        return None
    body = video_id[len(PREFIX) :]
    body += "=" * (-len(body) % 4)  # the proxy pads ids copied without their '='
    try:
        return base64.b64decode(body, validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return None


def list_id(upstream_id: str) -> str:
    """The id a list reply shows for ``upstream_id``."""
    return _encode(
        f"litellm:custom_llm_provider:{PROVIDER};model_id:{MODEL_ID};video_id:{upstream_id}"
    )


def upstream_id(video_id: str) -> str | None:
    """The upstream video id inside a LiteLLM id (either form), or None if it is not one."""
    inner = _inner(video_id)
    if inner is None or not inner.startswith("litellm:"):
        return None
    for part in inner.split(";"):
        key, _, value = part.partition(":")
        if key == "video_id" and value:
            return value
    return None


def long_id(video_id: str) -> str:
    """The id a retrieve, create or remix reply shows for the video ``video_id`` names."""
    upstream = upstream_id(video_id)
    if upstream is None:
        return video_id
    return _encode(
        f"litellm:custom_llm_provider:{PROVIDER};model_id:{MODEL_ID};video_id:{upstream}"
        f";deployment_id:{DEPLOYMENT_ID}"
    )


def list_form(video_id: str) -> str:
    """The list id of the video a request names (the world keys its jobs by list ids)."""
    upstream = upstream_id(video_id)
    return video_id if upstream is None else list_id(upstream)
