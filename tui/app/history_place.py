"""Where the dashboard's history lives: the server's own file, or, for the demo (whose world
is new each run), a folder of the run's own that goes when the run ends."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from tui.settings import Settings

if TYPE_CHECKING:
    from tui.history import History


def history_place(settings: Settings) -> tuple[Path, Path | None]:
    """The history file for ``settings``, and the scratch folder to remove at close (demo)."""
    if settings.runs_demo:
        scratch = Path(tempfile.mkdtemp(prefix="sora-tui-demo-"))
        return scratch / "demo.sqlite3", scratch
    from tui.history import history_file

    return history_file(settings.base_url, settings.profile or ""), None


def close_history(history: History | None, scratch: Path | None) -> None:
    """Flush and close ``history``; remove the demo's ``scratch`` folder (blocking)."""
    if history is not None:
        history.close()
    if scratch is not None:
        shutil.rmtree(scratch, ignore_errors=True)
