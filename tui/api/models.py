"""The Videos API's wire objects (API.md §2, §6, §8), in one place for the layers above, and
the open enumerations: the known values are constants here; any other string a server sends is
kept verbatim.

The objects are compact immutable records read by hand-written decoders: a job in
`tui.api.video_record`, the list page and the delete answer in `tui.api.envelopes`, the error
payload in `tui.api.error_body`, each value's tolerance (API.md §8) in `tui.api.wire_values`.
A body that cannot be read raises `WireError`.
"""

from __future__ import annotations

from typing import Final

from tui import contract
from tui.api.envelopes import DeletedVideo, VideoList
from tui.api.error_body import ErrorBody
from tui.api.video_record import Video, VideoError
from tui.api.wire_values import WireError

__all__ = ["DeletedVideo", "ErrorBody", "Video", "VideoError", "VideoList", "WireError"]

# --- open enumerations: known values, never a closed set -----------------------------

# The statuses are the contract's; the names are kept here for the layers that read the models.
QUEUED: Final = contract.QUEUED
IN_PROGRESS: Final = contract.IN_PROGRESS
COMPLETED: Final = contract.COMPLETED
FAILED: Final = contract.FAILED
KNOWN_STATUSES: Final = contract.KNOWN_STATUSES
IN_FLIGHT_STATUSES: Final = contract.IN_FLIGHT_STATUSES

KNOWN_MODELS: Final = (
    "sora-2",
    "sora-2-pro",
    "sora-2-2025-10-06",
    "sora-2-pro-2025-10-06",
    "sora-2-2025-12-08",
)
KNOWN_SIZES: Final = ("720x1280", "1280x720", "1024x1792", "1792x1024", "1920x1080", "1080x1920")
KNOWN_SECONDS: Final = ("4", "8", "12", "16", "20")
CONTENT_VARIANTS: Final = ("video", "thumbnail", "spritesheet")
