"""SGLang diffusion as API.md §8 describes it."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from tui.contract import PAGE_SIZE_MIN

from .fastapi_errors import FastApiErrors
from .openai import Video


class SglangFlavour(FastApiErrors):
    """SGLang diffusion: bare {object, data} lists, "" sizes, {message} errors, DELETE returns a Video."""

    name = "sglang"
    min_limit = PAGE_SIZE_MIN  # a limit of 0 is refused
    unknown_after_is_empty = True

    def video(self, video: Video, base_url: str) -> Video:
        out = dict(video, size="")
        if video["error"]:
            out["error"] = {"message": video["error"]["message"]}
        return out

    def video_list(self, data: list[Video], has_more: bool) -> dict[str, Any]:
        return {"object": "list", "data": data}

    def can_delete(self, video: Video) -> bool:
        return True

    def deleted(self, video: Video, base_url: str) -> dict[str, Any]:
        return dict(self.video(video, base_url), status="deleted")

    def variant(self, requested: str) -> str:
        return "video"  # the variant is ignored: always the mp4

    def not_ready(self, video: Video) -> Response:
        return self.error(404, f"Video {video['id']} is not completed yet")

    def failed_content(self, video: Video) -> Response:
        return self.error(404, f"Video {video['id']} failed")
