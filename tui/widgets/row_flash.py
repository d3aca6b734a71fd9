"""The brief tint on rows whose job just changed, ended by one timer however many rows flash."""

from __future__ import annotations

import time
from collections.abc import Callable, Collection

from textual.timer import Timer

SetTimer = Callable[[float, Callable[[], None]], Timer]


class RowFlashes:
    """Which jobs' rows are tinted now. ``ended`` is told the jobs whose tint is over."""

    def __init__(self, set_timer: SetTimer, ended: Callable[[set[str]], None]) -> None:
        self._set_timer = set_timer
        self._ended = ended
        self._until: dict[str, float] = {}
        self._timer: Timer | None = None

    def __contains__(self, video_id: object) -> bool:
        return video_id in self._until

    @property
    def ids(self) -> Collection[str]:
        return self._until.keys()

    def start(self, ids: Collection[str], seconds: float) -> None:
        """Tint these jobs' rows for ``seconds`` (from now, again for one already tinted)."""
        until = time.monotonic() + seconds
        self._until.update(dict.fromkeys(ids, until))
        if self._timer is None:
            self._timer = self._set_timer(seconds, self._end)

    def _end(self) -> None:
        now = time.monotonic()
        done = {video_id for video_id, until in self._until.items() if until <= now}
        for video_id in done:
            del self._until[video_id]
        self._timer = None
        if self._until:
            delay = min(self._until.values()) - now
            self._timer = self._set_timer(max(0.01, delay), self._end)
        self._ended(done)
