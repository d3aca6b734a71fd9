"""The schedule: when the poller's next turn comes, and the connection state.

``fast_interval`` while any job is in flight or the last tick changed something, ``slow_interval``
otherwise. A failed call keeps all data and backs off (2, 4, 8 … 60 s, or the server's
Retry-After); a rejected key waits for `refresh_now` or ``auth_wait``; a 404 on the plain list
route (a wrong base URL) waits ``backoff_cap``. `refresh_now` cuts any wait short; while paused
no turn comes but the one `refresh_now` asks for.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from typing import Final

from tui.api.errors import ApiError, AuthenticationError, NotFoundError, PermissionDeniedError
from tui.feed.fetch import CallFailed
from tui.feed.policy import PollPolicy

STATES: Final = ("connecting", "live", "retrying", "paused", "error", "auth", "stopped")


class Schedule:
    """Turns, waits and the connection state of one poller."""

    def __init__(
        self,
        policy: PollPolicy,
        *,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
    ) -> None:
        self._policy = policy
        self._clock = clock
        self._wall = wall
        self.connection = "connecting"  # how the last call went: a STATE other than paused/stopped
        self.paused = False
        self.stopped = False
        self.error: str | None = None  # what the last failure said, for people
        self.retry_at: float | None = None  # wall time of the retry after a failure
        self.next_poll_at: float | None = None  # wall time of the next tick
        self._due: float | None = None  # clock() time of the next tick; None = at once
        self._failures = 0  # in a row
        self._refresh = False  # `refresh_now` asked for a tick
        self._wake = asyncio.Event()

    @property
    def state(self) -> str:
        """What the status line shows (one of STATES)."""
        if self.stopped:
            return "stopped"
        return "paused" if self.paused else self.connection

    # --- what the user asks for ----------------------------------------------------------

    def wake(self) -> None:
        """Something is wanted (a page): let the waiting loop look again."""
        self._wake.set()

    def refresh_now(self) -> None:
        self._refresh = True
        self._wake.set()

    def set_paused(self, paused: bool) -> bool:
        """Pause or unpause (unpausing polls at once). True when that changed anything."""
        if paused == self.paused:
            return False
        self.paused = paused
        if not paused:
            self._refresh = True
        self._wake.set()
        return True

    # --- the turns -----------------------------------------------------------------------

    async def wait_for_turn(self, page_wanted: Callable[[], bool]) -> None:
        """Until a tick is due or asked for, or (while live) ``page_wanted()`` says a page is."""
        while True:
            if self.paused:
                if self._refresh:  # `r` while paused: one fetch, then paused again
                    return
                await self._sleep(None)
                continue
            if self._refresh or self._due is None:
                return
            now = self._clock()
            if now >= self._due:
                return
            if page_wanted() and self.connection == "live":
                return
            await self._sleep(self._due - now)

    def take_turn(self) -> bool:
        """Begin a turn: True when it ticks (due, or asked for), False for a page only."""
        due = self._due is None or self._clock() >= self._due
        ticking = self._refresh or (due and not self.paused)
        self._refresh = False
        return ticking

    def succeeded(self, *, ticked: bool, busy: bool) -> None:
        self._failures = 0
        self.connection, self.error, self.retry_at = "live", None, None
        if ticked:
            self._plan(self._policy.fast_interval if busy else self._policy.slow_interval)

    def failed(self, failure: CallFailed, base_url: str) -> float:
        """Record a failed turn; returns the wait before the next one."""
        error, policy = failure.error, self._policy
        self._failures += 1
        if isinstance(error, (AuthenticationError, PermissionDeniedError)):
            state, delay = "auth", policy.auth_wait
            text = f"API key rejected ({error.status}): {error.message or error}"
        elif failure.head and isinstance(error, NotFoundError):
            state, delay = "error", policy.backoff_cap
            url = f"{base_url.rstrip('/')}/videos"
            text = f"list endpoint not found (404): is the base URL right? {url}"
        else:
            state, delay = "retrying", self._backoff()
            retry_after = getattr(error, "retry_after", None)
            if isinstance(retry_after, (int, float)) and retry_after > 0:
                delay = float(retry_after)
            text = str(error) if isinstance(error, ApiError) else f"{type(error).__name__}: {error}"
        self.connection, self.error = state, text
        self._plan(delay)
        self.retry_at = self.next_poll_at
        return delay

    def _backoff(self) -> float:
        policy = self._policy
        return float(min(policy.backoff_base * 2 ** (self._failures - 1), policy.backoff_cap))

    def _plan(self, delay: float) -> None:
        self._due = self._clock() + delay
        self.next_poll_at = self._wall() + delay

    async def _sleep(self, timeout: float | None) -> None:
        # Flags are the real signals; the event only rings the bell, so clearing after a
        # wake-up cannot lose one (the caller re-checks every flag before sleeping again).
        # asyncio.timeout, not wait_for: 3.11's wait_for can swallow a cancellation that
        # arrives as the event fires, and this loop must always stop when cancelled.
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(timeout):
                await self._wake.wait()
        self._wake.clear()
