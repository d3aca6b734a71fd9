"""Video ids as servers write them: LiteLLM's base64 ids decoded, one id for one job.

LiteLLM (API.md §8) names a video ``video_`` + base64(``litellm:custom_llm_provider:<p>;
model_id:<m>;video_id:<upstream id>``) in list replies, and the same video with
``;deployment_id:<hex>`` added in retrieve, create and remix replies. The proxy accepts both, so
the list form is the one id the dashboard keeps (``canonical_id``). Pure functions: no I/O.
"""

from __future__ import annotations

import base64
import binascii
from typing import Final, NamedTuple

ID_PREFIX: Final = "video_"
# base64 of "litellm:c": every LiteLLM video id opens so, and no OpenAI hex id can.
_LITELLM_OPENING: Final = ID_PREFIX + "bGl0ZWxsbTpj"
_KEYS: Final = ("litellm:custom_llm_provider", "model_id", "video_id")
_DEPLOYMENT: Final = "deployment_id"


class LitellmId(NamedTuple):
    """The parts of a LiteLLM video id."""

    provider: str
    model_id: str
    video_id: str  # the upstream server's id
    deployment_id: str | None  # only in the longer form of retrieve/create/remix replies

    def list_form(self) -> str:
        """The id a list reply gives this video (no deployment), encoded as LiteLLM does."""
        inner = f"{_KEYS[0]}:{self.provider};{_KEYS[1]}:{self.model_id};{_KEYS[2]}:{self.video_id}"
        return ID_PREFIX + base64.b64encode(inner.encode()).decode()


def decode_litellm(video_id: str) -> LitellmId | None:
    """The parts of a LiteLLM id; None for any other id and for anything malformed."""
    if not isinstance(video_id, str) or not video_id.startswith(_LITELLM_OPENING):
        return None
    body = video_id[len(ID_PREFIX) :]
    body += "=" * (-len(body) % 4)  # LiteLLM itself pads ids copied without their '='
    try:
        inner = base64.b64decode(body, validate=True).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    parts = inner.split(";")
    if len(parts) not in (3, 4):
        return None
    values: list[str] = []
    for part, key in zip(parts, (*_KEYS, _DEPLOYMENT), strict=False):
        if not part.startswith(key + ":"):
            return None
        values.append(part[len(key) + 1 :])
    if not values[2]:
        return None
    deployment = values[3] if len(values) == 4 else None
    return LitellmId(values[0], values[1], values[2], deployment)


def canonical_id(video_id: str) -> str:
    """The one id of a job: a LiteLLM id with a deployment becomes its list form; any other id
    is returned unchanged."""
    if not video_id.startswith(_LITELLM_OPENING):  # the fast path, for every OpenAI-style id
        return video_id
    decoded = decode_litellm(video_id)
    if decoded is None or decoded.deployment_id is None:
        return video_id
    return decoded.list_form()


def upstream_id(video_id: str) -> str | None:
    """The upstream server's id inside a LiteLLM id, or None if ``video_id`` is not one."""
    decoded = decode_litellm(video_id)
    return None if decoded is None else decoded.video_id
