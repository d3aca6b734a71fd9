"""What the dashboard asks of the Python interpreter it runs in: the cyclic collector kept off
what start-up built and the jobs loaded, and the GIL handed to the event loop promptly.

* **The collector, at start**: the command line pauses it from start to the first paint
  (tui/cli.py ``start_dashboard``); `keep_startup_out_of_gc` then freezes what is alive and
  turns it on.
* **The collector, as jobs arrive** (`JobsFreeze`): loaded jobs live long and hold no cycles,
  yet each full collection would walk them all (~40 ms at 100k). Once the first jobs arrived,
  and then after every `FREEZE_AFTER` more, what is alive is collected and frozen: after the
  frame that shows them, in a loop turn of its own (``call_later``), so that the collection
  (2 ms usually; 10-18 ms the first time, for what the first rows' paint and the history made)
  never lands in the same stretch of the loop as the merge and the paint, and the first one
  not in the user's first scroll or ``G`` either.
* **The GIL**: the history's reads run in threads (tui/app/history_link.py) and its writer is a
  thread of its own; each holds the GIL while it decodes or encodes jobs. A thread that wants
  the GIL waits up to ``sys.getswitchinterval()`` (5 ms by default) before the holder is made to
  drop it, and each of those waits lands in the event loop's frame. While the dashboard runs,
  `share_the_gil` makes that 1 ms; the interval the process had is given back when the
  dashboard ends. Measured on the End-held benchmark's child (bench/from_history.py, a 100k-job
  history, 17 runs at each interval, interleaved; six of the short ones at 0.5 ms): the
  longest stall of a run had a median of 18.9 ms against 25.8 ms at 5 ms, and the worst run
  40 ms against 66 ms. The runs scatter widely either way on a 2-core VM.
"""

from __future__ import annotations

import asyncio
import gc
import sys
from collections.abc import Callable
from typing import Final

SWITCH_SECONDS: Final = 0.001  # how long a thread waits for the GIL while the dashboard runs
# Freeze once this many jobs arrived since the last freeze (amortised: a big load or every
# 20th page of 100 pays one collection of what is new since then).
FREEZE_AFTER: Final = 2_000
FREEZE_DELAY: Final = 0.002  # after the frame: the loop's timers (key repeat, ticks) go first

_startup_frozen = False  # gc.freeze() done once per process (see keep_startup_out_of_gc)


def keep_startup_out_of_gc() -> None:
    """Once the dashboard is on screen, move what is alive (modules, widgets, parsed styles:
    ~100k objects) out of the cyclic collector's sight; without this each full collection walks
    them all again (50-100 ms, a visible stall while scrolling). Once per process. The command
    line pauses the collector until here (tui/cli.py ``start_dashboard``): it runs from now on."""
    global _startup_frozen
    if not _startup_frozen:
        _startup_frozen = True
        gc.freeze()
    gc.enable()


class JobsFreeze:
    """Collects and freezes what is alive once jobs arrived (see the module's docstring).
    ``after_refresh``: runs a callback after the next frame (the app's ``call_after_refresh``)."""

    def __init__(self, after_refresh: Callable[[Callable[[], None]], object]) -> None:
        self._after_refresh = after_refresh
        self._unfrozen = FREEZE_AFTER  # so that the first jobs to arrive are frozen at once
        self._scheduled = False

    def arrived(self, count: int) -> None:
        """``count`` jobs joined the store (a change's ``added``)."""
        self._unfrozen += count
        if count and self._unfrozen >= FREEZE_AFTER and not self._scheduled:
            self._scheduled = True
            self._after_refresh(self._soon)

    def _soon(self) -> None:
        asyncio.get_running_loop().call_later(FREEZE_DELAY, self.freeze)

    def freeze(self) -> None:
        """Cyclic garbage first, so that none is frozen; frozen objects are not scanned, so
        this pass only walks what appeared since the last freeze."""
        self._scheduled = False
        self._unfrozen = 0
        gc.collect()
        gc.freeze()


def share_the_gil() -> float:
    """Make threads wait at most `SWITCH_SECONDS` for the GIL; returns the interval it had (for
    `restore_gil_switch`). A shorter interval the process chose is kept."""
    before = sys.getswitchinterval()
    if before > SWITCH_SECONDS:
        sys.setswitchinterval(SWITCH_SECONDS)
    return before


def restore_gil_switch(interval: float) -> None:
    sys.setswitchinterval(interval)
