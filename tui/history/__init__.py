"""The local history: every job sora-tui has seen, in one SQLite file per server (issue 13).

Layer 2, beside `tui.feed`: it knows the job records (`tui.api.models`) and nothing of Textual.
`open_history` (blocking: call it in a thread) gives a `History`; its reads block, its writes
are queued to one writer thread and never block the caller.
"""

from __future__ import annotations

from tui.history.errors import HistoryUnavailable
from tui.history.history import History
from tui.history.location import HISTORY_DIR_ENV, history_dir, history_file
from tui.history.notes import (
    GONE_DELETED_HERE,
    GONE_EXPIRED,
    GONE_NOT_LISTED,
    DaySummary,
    Download,
    GoneNote,
)
from tui.history.opening import open_history

__all__ = [
    "GONE_DELETED_HERE",
    "GONE_EXPIRED",
    "GONE_NOT_LISTED",
    "HISTORY_DIR_ENV",
    "DaySummary",
    "Download",
    "GoneNote",
    "History",
    "HistoryUnavailable",
    "history_dir",
    "history_file",
    "open_history",
]
