"""A ``/content`` stream read from the response's headers (the download itself: test_wire)."""

from __future__ import annotations

import httpx
import pytest

from tui.api.content import ContentStream, media_type
from tui.api.errors import ApiConnectionError


def test_media_type_is_the_bare_lower_case_type() -> None:
    assert media_type("Image/WebP; charset=binary") == "image/webp"
    assert media_type(None) == ""


@pytest.mark.parametrize(("length", "total"), [("1000", 1000), ("nope", None), (None, None)])
def test_total_is_the_content_length_when_it_is_a_number(
    length: str | None, total: int | None
) -> None:
    headers = {"content-type": "video/mp4"} | ({"content-length": length} if length else {})
    response = httpx.Response(200, headers=headers)
    stream = ContentStream.of(response, "thumbnail", lambda exc: ApiConnectionError(str(exc)))
    assert (stream.total, stream.media_type, stream.variant) == (total, "video/mp4", "thumbnail")
    assert (
        stream.mismatch
        == "the server sent video/mp4 for the thumbnail: it does not serve thumbnails"
    )
