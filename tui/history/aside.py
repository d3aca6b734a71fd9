"""Moving a damaged history aside (with its -wal and -shm): renamed, never deleted."""

from __future__ import annotations

import os
import time
from pathlib import Path

COMPANIONS = ("-wal", "-shm")  # SQLite's own files beside the database


def aside_name(path: Path, at: float) -> Path:
    """``<name>.corrupt-<UTC stamp>``, with ``-2``, ``-3``… when that name is taken."""
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(at))
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    count = 1
    while target.exists():
        count += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{count}")
    return target


def move_aside(path: Path, at: float | None = None) -> Path | None:
    """Rename ``path`` and its companions; the new name, or None when it could not be moved."""
    target = aside_name(path, time.time() if at is None else at)
    try:
        os.rename(path, target)
    except OSError:
        return None
    for suffix in COMPANIONS:
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            try:
                os.rename(companion, target.with_name(target.name + suffix))
            except OSError:
                pass
    return target
