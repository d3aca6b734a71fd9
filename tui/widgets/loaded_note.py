"""What the filter bar says about how much of the list is loaded, and why it stopped.

"all N loaded" only when the server said the list ended (has_more false, or a short or empty
page from a server that sends no has_more). Any other stop says its reason, so a proxy that
ignores paging is never mistaken for a complete list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from tui.feed.paging import END_CURSOR_LOST, END_IGNORES_PAGING, END_NO_CURSOR

if TYPE_CHECKING:
    from tui.feed.poller import FeedReport

# Why paging stopped (FeedReport.end_kind) → (full, short) wording.
_STOPPED: Final = {
    END_IGNORES_PAGING: ("server ignores paging", "no paging"),
    END_NO_CURSOR: ("server does not page", "no paging"),
    END_CURSOR_LOST: ("paging cursor lost", "cursor lost"),
}


def loaded_note(status: FeedReport | None, loaded: int, *, filling: bool) -> tuple[str, str]:
    """(full, short) for the filter bar; ``filling``: the app is looking for more matching rows."""
    if status is None:
        return "loading…", "…"
    n = f"{loaded:,}"
    if status.loading_all:
        seconds = status.bulk_seconds
        rate = f" · {status.bulk_jobs / seconds:,.0f}/s" if seconds >= 0.5 else ""
        pages = f"{status.bulk_pages} page{'' if status.bulk_pages == 1 else 's'}"
        return f"loading to the end… {n} loaded · {pages}{rate} · Esc stops", f"→ end… {n}"
    if status.end_reached:
        if status.complete:
            return f"all {n} loaded", f"all {n}"
        full, short = _STOPPED.get(status.end_kind or "", ("stopped paging", "stopped"))
        return f"{n} loaded · {full}", f"{n} · {short}"
    if filling:
        return f"looking further back… {n} loaded · Esc stops", f"… {n}"
    return f"loaded {n} · more on server", f"{n} · more"


def empty_view_text(what: str, loaded: int, status: FeedReport | None, *, filling: bool) -> str:
    """Why a view has no rows, e.g. "no failed jobs among 450 loaded; looking further back…"."""
    if status is None:
        return "loading…"
    if loaded == 0:
        return "no jobs on the server yet" if status.end_reached else "loading…"
    among = f"all {loaded:,}" if status.complete else f"{loaded:,} loaded"
    text = f"no {what} among {among}"
    if status.loading_all or filling:
        return f"{text}; looking further back…"
    if not status.end_reached:
        return f"{text}; more on the server: G loads every page"
    return text
