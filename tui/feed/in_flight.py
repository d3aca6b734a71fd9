"""Refreshing in-flight jobs that no list page of this tick showed.

A retrieve costs exactly one request per job and cannot miss it, while re-listing down to a
job costs one request per page from the top (and the job's page moves as new jobs arrive). So
the jobs below the head are retrieved, a budget a tick, least recently refreshed first. A
retrieve answered with 404 means the job was deleted on the server: it leaves the store.
"""

from __future__ import annotations

from tui.api.errors import NotFoundError
from tui.feed.fetch import CallFailed, Fetcher
from tui.feed.store import NO_CHANGE


async def refresh_in_flight(fetcher: Fetcher, seen: set[str], budget: int) -> None:
    """Retrieve up to ``budget`` queued or running jobs not in ``seen``, stalest first."""
    store, refreshed_at = fetcher.store, fetcher.refreshed_at
    stale = [i for i in store.in_flight_ids() if i not in seen]
    stale.sort(key=lambda i: refreshed_at.get(i, float("-inf")))
    change = NO_CHANGE
    try:
        for video_id in stale[:budget]:
            try:
                video = await fetcher.retrieve(video_id)
            except CallFailed as failure:
                if not isinstance(failure.error, NotFoundError):
                    raise
                change = change | store.remove(video_id)
                continue
            change = change | store.upsert(video)
    finally:  # what was learnt before a failure still counts
        fetcher.emit(change)
