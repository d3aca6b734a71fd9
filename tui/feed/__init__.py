"""What the dashboard believes about the jobs: the store, the status buckets and the poller."""

from tui.feed.filters import BUCKETS, bucket_of, view_ids
from tui.feed.policy import PollPolicy
from tui.feed.poller import FeedReport, Poller
from tui.feed.store import StoreChange, VideoStore

__all__ = [
    "BUCKETS",
    "FeedReport",
    "PollPolicy",
    "Poller",
    "StoreChange",
    "VideoStore",
    "bucket_of",
    "view_ids",
]
