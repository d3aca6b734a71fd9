"""How the poller may use the server: page size, intervals, budgets a tick, backoff.

One frozen value, built once from `Settings` (`PollPolicy.from_settings`); what Settings does not
say keeps the defaults here, which are what the dashboard has always used.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


class PollSettings(Protocol):
    """The part of `tui.settings.Settings` a policy is built from (read only)."""

    @property
    def page_size(self) -> int: ...

    @property
    def fast_interval(self) -> float: ...

    @property
    def slow_interval(self) -> float: ...


@dataclass(frozen=True)
class PollPolicy:
    """Every number the poller works by. Seconds unless said otherwise."""

    page_size: int = 50  # jobs asked for a page (the head, paging on demand, gaps, the sweep)
    fast_interval: float = 2.0  # between ticks while jobs are in flight or the last tick changed
    slow_interval: float = 15.0  # between ticks when nothing moves
    max_retrieves: int = 10  # in-flight jobs below the head refreshed one by one, a tick
    max_head_pages: int = 5  # pages a tick spent walking gaps of new jobs below the head
    reconcile_every: float = 120.0  # between sweeps of the loaded range below the head
    reconcile_pages: int = 2  # pages a tick spent on a sweep under way
    backoff_base: float = 2.0  # the first wait after a failed call; it doubles each failure
    backoff_cap: float = 60.0  # the longest backoff (also the wait after a wrong base URL)
    auth_wait: float = 300.0  # the wait after a rejected key (`refresh_now` cuts it short)

    @classmethod
    def from_settings(cls, settings: PollSettings) -> PollPolicy:
        return cls(
            page_size=settings.page_size,
            fast_interval=settings.fast_interval,
            slow_interval=settings.slow_interval,
        )
