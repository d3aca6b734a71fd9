"""A fleet's jobs in one store: every server's store merged, each job keyed (server, id).

Each server keeps its own `VideoStore` (its poller's, keyed by id: paging, reconcile and the
range proofs work on it exactly as for one server). The merged store holds the same `Video`
objects under `tui.job_keys.job_key` keys, newest first across servers by ``(created_at,
key)``; `FleetView.apply` turns one server's `StoreChange` into the merged store's.

Which server to ask for more: a row of the merged view is *settled* when no server could still
bring a job that sorts above it, i.e. every server that has more pages has loaded past it. The
*horizon* is the oldest settled key: the newest of the oldest loaded keys of the servers with
more to give. `servers_to_page` names the servers whose loaded range ends at the horizon (they
hold it up); paging them first never skips a server's older jobs that sort between two rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from tui.api.models import Video
from tui.feed.store import NO_CHANGE, SortKey, StoreChange, VideoStore
from tui.job_keys import job_key


class FleetView:
    """The merged store of several servers' stores (names in fleet order)."""

    def __init__(self, stores: Mapping[str, VideoStore]) -> None:
        self.stores = dict(stores)
        self.merged = VideoStore()
        for name, store in self.stores.items():
            self.merged.merge_keyed((job_key(name, video.id), video) for video in store)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.stores)

    def apply(self, server: str, change: StoreChange) -> StoreChange:
        """``server``'s store made ``change``: the same in the merged store, as its change."""
        if change.empty:
            return NO_CHANGE
        store, merged = self.stores[server], self.merged
        recalled: list[tuple[str, Video]] = []  # new here, and only from the history so far
        known: list[tuple[str, Video]] = []
        for video_id in change.added | change.changed | change.confirmed:
            video = store.get(video_id)
            if video is None:
                continue
            key = job_key(server, video_id)
            if key not in merged and not store.is_confirmed(video_id):
                recalled.append((key, video))
            else:
                known.append((key, video))
        result = merged.merge_keyed(known)
        if recalled:
            result = merged.recall_keyed(recalled) | result
        if change.removed:
            result = result | merged.remove_many(job_key(server, i) for i in change.removed)
        return result

    def oldest_key(self, server: str) -> SortKey | None:
        """The merged sort key of ``server``'s oldest loaded job (None: none loaded)."""
        store = self.stores[server]
        oldest = store.oldest_id()
        video = store.get(oldest) if oldest is not None else None
        return (video.created_at, job_key(server, video.id)) if video is not None else None

    def jobs_per_server(self) -> Counter[str]:
        return Counter({name: len(store) for name, store in self.stores.items()})


def servers_to_page(oldest: Mapping[str, SortKey | None], more: Iterable[str]) -> list[str]:
    """The servers to ask for their next page: of those with ``more`` to give, the ones whose
    oldest loaded job (``oldest``; None: nothing loaded yet) is the newest, i.e. the ones that
    hold the horizon up. A server with nothing loaded holds it up most."""
    waiting = [name for name in more if name in oldest]
    if not waiting:
        return []
    empty = [name for name in waiting if oldest[name] is None]
    if empty:
        return empty
    top = max(key for name in waiting if (key := oldest[name]) is not None)
    return [name for name in waiting if oldest[name] == top]
