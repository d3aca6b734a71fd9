"""The world's clock: real time from a start instant, or manual (moves only when told)."""

from __future__ import annotations

import time


class Clock:
    def __init__(self, epoch: float | None = None, *, manual: bool = False) -> None:
        self.epoch = float(int(time.time()) if epoch is None else epoch)
        self.manual = manual
        self._offset = 0.0
        self._mono_start = time.monotonic()

    def now(self) -> float:
        running = 0.0 if self.manual else time.monotonic() - self._mono_start
        return self.epoch + self._offset + running

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("the clock only moves forward")
        self._offset += seconds
