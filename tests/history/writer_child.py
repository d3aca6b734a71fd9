"""A process that writes to a history (for the crash and two-process tests).

``python -m tests.history.writer_child PATH PREFIX BATCHES`` waits for a line on stdin, opens
the history, records BATCHES batches of 20 jobs (0: until killed) and, after each ``flush()``
returns True, prints that batch's ids on one line.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.history.helpers import job, open_here

BATCH = 20


def main(path: str, prefix: str, batches: int) -> int:
    print("ready", flush=True)
    sys.stdin.readline()
    history = open_here(Path(path))
    number = 0
    while batches == 0 or number < batches * BATCH:
        videos = [job(f"{prefix}{n:07d}", 1_760_000_000 + n) for n in range(number, number + BATCH)]
        number += BATCH
        history.record(videos)
        if not history.flush():
            print(f"failed: {history.failed}", flush=True)
            return 1
        print(" ".join(video.id for video in videos), flush=True)
    history.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
