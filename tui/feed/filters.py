"""Status buckets: how the dashboard groups jobs for the filter bar.

Statuses are mapped literally. A status the API does not define (a relay's ``succeeded`` or
``processing``, SGLang's ``deleted``) goes to ``other`` and is shown as the server sent it:
guessing synonyms would hide what the server really says.

``gone`` is not a status: it holds the jobs the history remembers and the server no longer has
(`tui.feed.gone`). The store never puts a job in it, so they are never counted in ``all``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from tui.api.models import COMPLETED, FAILED, IN_PROGRESS, QUEUED

if TYPE_CHECKING:
    from tui.feed.store import VideoStore

ALL: Final = "all"
OTHER: Final = "other"
GONE: Final = "gone"
BUCKETS: Final = (ALL, QUEUED, IN_PROGRESS, COMPLETED, FAILED, OTHER, GONE)
# Tabs shown only while they hold a job (or are selected).
OCCASIONAL: Final = frozenset({OTHER, GONE})
_LITERAL: Final = frozenset({QUEUED, IN_PROGRESS, COMPLETED, FAILED})


def bucket_of(status: str) -> str:
    """The bucket a job with ``status`` belongs to (never ``all``)."""
    return status if status in _LITERAL else OTHER


def view_ids(store: VideoStore, bucket: str) -> Sequence[str]:
    """Ids of the loaded jobs in ``bucket``, newest first. An unknown bucket is empty."""
    return store.bucket_ids(bucket)


# What a view of each bucket holds, in words ("no failed jobs among 450 loaded").
LABELS_PLURAL: Final = {
    ALL: "jobs",
    QUEUED: "queued jobs",
    IN_PROGRESS: "jobs in progress",
    COMPLETED: "completed jobs",
    FAILED: "failed jobs",
    OTHER: "jobs with other statuses",
    GONE: "jobs gone from the server",
}
