"""A typical third-party relay in front of the API."""

from __future__ import annotations

from typing import ClassVar

from .openai import Flavour, Video


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
