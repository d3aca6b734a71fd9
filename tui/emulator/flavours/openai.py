"""OpenAI's own flavour, the faithful contract, and the base every other server's flavour bends.

A Flavour turns the world's canonical Video dicts into what that server puts on the wire,
and decides the shapes of lists, deletes and errors. Routes never branch on the flavour name.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any, ClassVar

from starlette.responses import JSONResponse, Response

from tui.contract import PAGE_LIMIT_MIN

from ..generate import openai_id

Video = dict[str, Any]
FINISHED = ("completed", "failed")
PAGING_PARAMS = ("limit", "after", "order")


class Flavour:
    """OpenAI itself (the default): the faithful contract."""

    name: ClassVar[str] = "openai"
    prefixes: ClassVar[tuple[str, ...]] = ("/v1",)
    min_limit: ClassVar[int] = PAGE_LIMIT_MIN
    limit_optional: ClassVar[bool] = False  # True: no `limit` means every job (vLLM)
    unknown_after_is_empty: ClassVar[bool] = False  # False: an unknown `after` is a 400
    has_delete: ClassVar[bool] = True
    expires_content: ClassVar[bool] = True

    def __init__(self, default_limit: int = 20, *, ignores_paging: bool = False) -> None:
        self.default_limit = default_limit
        self.ignores_paging = ignores_paging  # True: list drops limit/after/order (LiteLLM)

    # --- ids and objects --------------------------------------------------------------------

    def make_id(self, rng: random.Random, created_at: int) -> str:
        return openai_id(rng, created_at)

    def world_id(self, video_id: str) -> str:
        """The world's id of the video a request path names."""
        return video_id

    def video(self, video: Video, base_url: str) -> Video:
        """A video as a list reply shows it."""
        return video

    def single(self, video: Video, base_url: str) -> Video:
        """A video as a retrieve, create or remix reply shows it."""
        return self.video(video, base_url)

    def list_query(self, query: Mapping[str, str]) -> Mapping[str, str]:
        """The list parameters the server acts on."""
        if self.ignores_paging:
            return {k: v for k, v in query.items() if k not in PAGING_PARAMS}
        return query

    def video_list(self, data: list[Video], has_more: bool) -> dict[str, Any]:
        return {
            "object": "list",
            "data": data,
            "first_id": data[0]["id"] if data else None,
            "last_id": data[-1]["id"] if data else None,
            "has_more": has_more,
        }

    def can_delete(self, video: Video) -> bool:
        return video["status"] in FINISHED  # API.md §1: delete is for completed or failed videos

    def deleted(self, video: Video, base_url: str) -> dict[str, Any]:
        return {"id": video["id"], "object": "video.deleted", "deleted": True}

    # --- errors -----------------------------------------------------------------------------

    def error(
        self,
        status: int,
        message: str,
        *,
        type: str = "invalid_request_error",
        param: str | None = None,
        code: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        body = self.error_body(message, {"type": type, "param": param, "code": code})
        return JSONResponse(body, status_code=status, headers=headers)

    def error_body(self, message: str, fields: dict[str, str | None]) -> dict[str, Any]:
        """The JSON of an error answer; `fields` are the envelope's type, param and code."""
        return {"error": {"message": message, **fields}}

    def invalid(self, param: str | None, message: str, code: str, value: Any = None) -> Response:
        """A request parameter failed validation."""
        return self.error(400, message, param=param, code=code)

    def http_error(self, status: int, method: str, path: str, headers: dict[str, str]) -> Response:
        """No route for the URL (404) or for the method (405)."""
        what = "Invalid method for URL" if status == 405 else "Invalid URL"
        return self.error(status, f"{what} ({method} {path})", headers=headers)

    # --- content ----------------------------------------------------------------------------

    def variant(self, requested: str) -> str:
        """The variant the server serves for the one asked for (before validation)."""
        return requested

    def content_type(self, variant: str) -> str:
        return {"video": "video/mp4", "thumbnail": "image/webp", "spritesheet": "image/jpeg"}[
            variant
        ]

    def content_headers(self, video: Video, variant: str) -> dict[str, str]:
        return {}

    def not_ready(self, video: Video) -> Response:
        return self.error(
            404,
            f"Video '{video['id']}' is not ready yet (status: {video['status']}). "
            "Its content can be downloaded once the status is 'completed'.",
            code="video_not_ready",
        )

    def failed_content(self, video: Video) -> Response:
        return self.error(
            422,
            f"Video '{video['id']}' failed to generate, so it has no content.",
            code="video_failed",
        )

    def expired(self, video: Video) -> Response:
        return self.error(
            404, f"The content of video '{video['id']}' has expired.", code="video_expired"
        )
