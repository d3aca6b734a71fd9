"""The history's reads that bring jobs in on demand: a search's matches from the whole history,
and the next page of gone jobs for the Gone view. Each runs in a thread; what it brings joins
the store (unconfirmed) or the gone jobs on the event loop."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Final

from tui.history.errors import HistoryUnavailable

if TYPE_CHECKING:
    from tui.api.models import Video
    from tui.app.history_link import HistoryLink
    from tui.history import GoneNote

GONE_ROWS: Final = 500  # gone jobs read at a time for the Gone view
SEARCH_ROWS: Final = 1000  # history matches a search brings in at most


async def recall_matching(link: HistoryLink, text: str) -> None:
    """A search: the history's jobs that match ``text`` join the rows (unconfirmed, or
    among the gone), so the search covers everything ever seen, not only what is loaded."""
    history, store, gone = link.history, link.store, link.gone
    if history is None or not text.strip():
        return

    def read() -> dict[str, tuple[Video, GoneNote | None]]:
        history.flush()  # what was seen a moment ago is found too
        found = history.search(text, SEARCH_ROWS)
        return history.get([i for i in found if i not in store and i not in gone])

    try:
        found = await asyncio.to_thread(read)
    except HistoryUnavailable as error:
        link.fail(error)
        return
    if history is not link.history or not found:
        return
    entries = list(found.values())
    missing = [video for video, note in entries if note is None and video.id not in store]
    departed = [(video, note) for video, note in entries if note is not None]
    if departed:
        gone.add(departed)
        link.gone_changed()
    if missing:
        link.apply(store.recall(missing))


async def load_gone(link: HistoryLink) -> None:
    """The next page of gone jobs (the Gone view nears its end, or opens)."""
    history, gone = link.history, link.gone
    if history is None or gone.exhausted:
        return
    try:
        page = await asyncio.to_thread(history.gone, GONE_ROWS, before=gone.oldest_key())
    except HistoryUnavailable as error:
        link.fail(error)
        return
    if history is link.history:
        gone.add_page(page, limit=GONE_ROWS)
        link.gone_changed()
