"""What the dashboard asks of the Python interpreter it runs in: the cyclic collector kept off
what start-up built, and the GIL handed to the event loop promptly.

* **The collector**: the command line pauses it from start to the first paint (tui/cli.py
  ``start_dashboard``); `keep_startup_out_of_gc` then freezes what is alive and turns it on.
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

import gc
import sys
from typing import Final

SWITCH_SECONDS: Final = 0.001  # how long a thread waits for the GIL while the dashboard runs

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


def share_the_gil() -> float:
    """Make threads wait at most `SWITCH_SECONDS` for the GIL; returns the interval it had (for
    `restore_gil_switch`). A shorter interval the process chose is kept."""
    before = sys.getswitchinterval()
    if before > SWITCH_SECONDS:
        sys.setswitchinterval(SWITCH_SECONDS)
    return before


def restore_gil_switch(interval: float) -> None:
    sys.setswitchinterval(interval)
