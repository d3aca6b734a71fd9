"""A ``/content`` download: the open stream, and whether it is the picture that was asked for."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field

import httpx

from tui.api.errors import ApiConnectionError
from tui.text import one_line

IMAGE_VARIANTS = frozenset({"thumbnail", "spritesheet"})
# Types that name no kind of content (some servers label every file so): the bytes decide.
_UNLABELLED = frozenset(
    {"", "application/octet-stream", "binary/octet-stream", "application/binary"}
)


def content_mismatch(variant: str, content_type: str | None) -> str | None:
    """Why a ``/content`` reply is not the picture ``variant`` asked for, or None if it may be.

    LiteLLM and SGLang ignore ``variant`` and send the mp4 for a thumbnail or a spritesheet
    (API.md §8): named like a picture, or decoded as one, it would only mislead.
    """
    media = media_type(content_type)
    if variant not in IMAGE_VARIANTS or media in _UNLABELLED or media.startswith("image/"):
        return None
    if media.startswith("video/"):  # the server's answer to every variant: a fact about it
        return f"the server sent {media} for the {variant}: it does not serve {variant}s"
    return f"not an image: the server sent {media} for the {variant}"


def media_type(content_type: str | None) -> str:
    """``image/webp`` of ``image/webp; charset=binary``, lower case, inert; "" when absent."""
    return one_line((content_type or "").partition(";")[0].strip().lower(), limit=60)


DescribeFailure = Callable[[httpx.TransportError], ApiConnectionError]


@dataclass
class ContentStream:
    """An open ``/content`` response: read it chunk by chunk."""

    total: int | None
    content_type: str | None
    _response: httpx.Response = field(repr=False)
    _describe: DescribeFailure = field(repr=False)
    variant: str = "video"

    @classmethod
    def of(cls, response: httpx.Response, variant: str, describe: DescribeFailure) -> ContentStream:
        """The stream of an open ``response``; ``describe`` words a connection lost mid-body."""
        length = response.headers.get("content-length")
        return cls(
            total=int(length) if length and length.isdigit() else None,
            content_type=response.headers.get("content-type"),
            _response=response,
            _describe=describe,
            variant=variant,
        )

    @property
    def media_type(self) -> str:
        return media_type(self.content_type)

    @property
    def mismatch(self) -> str | None:
        """Why this is not the variant asked for (judged by its Content-Type), else None."""
        return content_mismatch(self.variant, self.content_type)

    async def aiter_bytes(self, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        try:
            async for chunk in self._response.aiter_bytes(chunk_size):
                yield chunk
        except httpx.TransportError as exc:
            raise self._describe(exc) from None
