"""Server flavours: the quirks of OpenAI and the compatible servers of API.md §8, in one place.

A Flavour turns the world's canonical Video dicts into what that server puts on the wire,
and decides the shapes of lists, deletes and errors. Routes never branch on the flavour name.
"""

from __future__ import annotations

import random
import zlib
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any, ClassVar

from starlette.responses import JSONResponse, Response

from . import litellm_ids
from .generate import openai_id

Video = dict[str, Any]
FINISHED = ("completed", "failed")
PAGING_PARAMS = ("limit", "after", "order")


class Flavour:
    """OpenAI itself (the default): the faithful contract."""

    name: ClassVar[str] = "openai"
    prefixes: ClassVar[tuple[str, ...]] = ("/v1",)
    min_limit: ClassVar[int] = 0
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
        body = {"error": {"message": message, "type": type, "param": param, "code": code}}
        return JSONResponse(body, status_code=status, headers=headers)

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


class _FastAPIErrors(Flavour):
    """Servers built on FastAPI answer {"detail": ...} instead of the OpenAI envelope."""

    expires_content = False

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
        return JSONResponse({"detail": message}, status_code=status, headers=headers)

    def invalid(self, param: str | None, message: str, code: str, value: Any = None) -> Response:
        where = (
            ["query", param]
            if param in ("limit", "order", "after", "variant")
            else ["body", param or ""]
        )
        detail = [{"type": code, "loc": where, "msg": message, "input": value}]
        return JSONResponse({"detail": detail}, status_code=422)


class VllmFlavour(_FastAPIErrors):
    """vLLM-Omni: video_gen_ ids, extra fields, int error codes, size may be null, no default limit."""

    name = "vllm"
    limit_optional = True
    unknown_after_is_empty = True

    def make_id(self, rng: random.Random, created_at: int) -> str:
        return f"video_gen_{rng.getrandbits(128):032x}"

    def video(self, video: Video, base_url: str) -> Video:
        out = dict(video)
        done = video["status"] == "completed"
        if video["status"] == "in_progress":
            out["progress"] = 0  # vLLM-Omni reports no progress until the job finishes
        if zlib.crc32(video["id"].encode()) % 4 == 0:
            out["size"] = None
        if video["error"]:
            numeric = 400 if video["error"]["code"] == "moderation_blocked" else 500
            out["error"] = {"code": numeric, "message": video["error"]["message"]}
        elapsed = (
            (video["completed_at"] - video["created_at"])
            if done and video["completed_at"]
            else None
        )
        out.update(
            quality="standard",
            media_type="video/mp4",
            file_name=f"{video['id']}.mp4" if done else None,
            inference_time_s=float(elapsed) if elapsed is not None else None,
        )
        return out

    def can_delete(self, video: Video) -> bool:
        return True  # deleting a queued/in-progress job cancels it

    def not_ready(self, video: Video) -> Response:
        return self.error(404, "Generation is still in-progress")

    def failed_content(self, video: Video) -> Response:
        return self.error(422, "Video generation failed")


class SglangFlavour(_FastAPIErrors):
    """SGLang diffusion: bare {object, data} lists, "" sizes, {message} errors, DELETE returns a Video."""

    name = "sglang"
    min_limit = 1
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


class LitellmFlavour(Flavour):
    """LiteLLM proxy 1.108.7 as measured (API.md §8): base64 ids with + / =, a longer id for the
    same video on retrieve/create/remix, no prompt there, /v1/videos and /videos, the mp4 for
    every variant, no DELETE route (FastAPI's 405)."""

    name = "litellm"
    prefixes = ("/v1", "")
    has_delete = False

    def make_id(self, rng: random.Random, created_at: int) -> str:
        return litellm_ids.list_id(openai_id(rng, created_at))

    def world_id(self, video_id: str) -> str:
        return litellm_ids.list_form(video_id)  # the proxy decodes either form

    def video(self, video: Video, base_url: str) -> Video:
        source = video["remixed_from_video_id"]
        if source is None:
            return video
        # The upstream names the source; the proxy passes that field through untouched.
        return dict(video, remixed_from_video_id=litellm_ids.upstream_id(source) or source)

    def single(self, video: Video, base_url: str) -> Video:
        out = dict(self.video(video, base_url), prompt=None, usage=None)
        out["id"] = litellm_ids.long_id(video["id"])
        return out

    def http_error(self, status: int, method: str, path: str, headers: dict[str, str]) -> Response:
        return JSONResponse(
            {"detail": HTTPStatus(status).phrase}, status_code=status, headers=headers
        )

    def variant(self, requested: str) -> str:
        return "video"  # not forwarded: the upstream serves its default, the mp4

    def content_type(self, variant: str) -> str:
        return "video/mp4"

    def content_headers(self, video: Video, variant: str) -> dict[str, str]:
        return {"content-disposition": f'attachment; filename="{video["id"]}.mp4"'}


class RelayFlavour(Flavour):
    """A typical relay: succeeded/processing statuses, aspect-ratio sizes, url fields."""

    name = "relay"
    _STATUSES: ClassVar[dict[str, str]] = {"completed": "succeeded", "in_progress": "processing"}

    def video(self, video: Video, base_url: str) -> Video:
        out = dict(
            video, status=self._STATUSES.get(video["status"], video["status"]), quality="standard"
        )
        width, _, height = str(video["size"]).partition("x")
        if width.isdigit() and height.isdigit():
            out["size"] = "16:9" if int(width) > int(height) else "9:16"
        url = (
            f"{base_url.rstrip('/')}/v1/videos/{video['id']}/content"
            if video["status"] == "completed"
            else None
        )
        out.update(url=url, video_url=url)
        return out


_FLAVOURS: dict[str, type[Flavour]] = {
    cls.name: cls for cls in (Flavour, VllmFlavour, SglangFlavour, LitellmFlavour, RelayFlavour)
}


def get_flavour(name: str, default_limit: int = 20, *, ignores_paging: bool = False) -> Flavour:
    try:
        kind = _FLAVOURS[name]
    except KeyError:
        raise ValueError(
            f"unknown flavour {name!r}; expected one of {', '.join(_FLAVOURS)}"
        ) from None
    return kind(default_limit, ignores_paging=ignores_paging)
