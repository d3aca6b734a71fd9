"""Facts of the Videos API contract that several layers share (API.md §2, §3).

This module imports nothing from ``tui``, so the emulator, the client models, the feed and the
widgets can all read one copy without depending on each other.
"""

from __future__ import annotations

from typing import Final

# The 13 keys of a Video, in the order of API.md §2. The spec makes every one required (nullable
# ones are sent as null), so the emulator emits all of them and the detail pane shows them in this order.
VIDEO_FIELDS: Final = (
    "id",
    "object",
    "model",
    "status",
    "progress",
    "created_at",
    "completed_at",
    "expires_at",
    "prompt",
    "size",
    "seconds",
    "remixed_from_video_id",
    "error",
)

# `limit` on GET /videos: the spec allows 0..100 (the SDK's own tests send 0).
PAGE_LIMIT_MIN: Final = 0
PAGE_LIMIT_MAX: Final = 100
# A client that pages needs at least one job per page, or it never moves.
PAGE_SIZE_MIN: Final = 1

# Job statuses the typings know. The field is open: a server may send others, which are kept.
QUEUED: Final = "queued"
IN_PROGRESS: Final = "in_progress"
COMPLETED: Final = "completed"
FAILED: Final = "failed"
KNOWN_STATUSES: Final = (QUEUED, IN_PROGRESS, COMPLETED, FAILED)
IN_FLIGHT_STATUSES: Final = frozenset({QUEUED, IN_PROGRESS})
