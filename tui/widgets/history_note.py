"""What the history says beside a job in the detail pane: that the server has not confirmed it
yet, or that it is gone (when it was last seen, why), and every download of it (a file that
has moved or gone is said so). Paths and reasons are shown literally."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import humanize
from rich.text import Text

from tui.history.notes import Download, GoneNote
from tui.text import literal, one_line
from tui.widgets.detail_fields import relative_time


def history_text(
    *,
    confirmed: bool,
    gone: GoneNote | None,
    downloads: Sequence[Download],
    present: Mapping[str, bool],
    now: float,
) -> Text | None:
    """The pane's history box (None: nothing to say). ``present``: path → the file is there."""
    lines: list[Text] = []
    if gone is not None:
        line = Text("Gone from the server", style="bold")
        reason = one_line(gone.reason, limit=80)
        line.append(f" ({reason}) · last seen {relative_time(int(gone.last_seen), now)}")
        lines.append(line)
    elif not confirmed:
        lines.append(Text("From the history: not confirmed by the server yet", style="bold"))
    for download in downloads:
        line = Text(f"Downloaded {one_line(download.variant, limit=20)} ")
        size = humanize.naturalsize(download.size)
        line.append(f"{relative_time(int(download.at), now)} · {size} → ")
        line.append_text(literal(one_line(download.path, limit=400)))
        if not present.get(download.path, False):
            line.append(" (moved or deleted)", style="bold yellow")
        lines.append(line)
    return Text("\n").join(lines) if lines else None
