"""vLLM-Omni as API.md §8 describes it."""

from __future__ import annotations

import random
import zlib

from starlette.responses import Response

from .fastapi_errors import FastApiErrors
from .openai import Video


class VllmFlavour(FastApiErrors):
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
