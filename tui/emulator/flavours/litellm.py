"""The LiteLLM proxy as API.md §8 measured it."""

from __future__ import annotations

import random
from http import HTTPStatus

from starlette.responses import JSONResponse, Response

from .. import litellm_ids
from ..generate import openai_id
from .openai import Flavour, Video


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
