"""How each job status looks: one symbol and one colour, shared by every widget."""

from __future__ import annotations

from typing import Final, NamedTuple

from tui.api.models import COMPLETED, FAILED, IN_PROGRESS, QUEUED


class StatusLook(NamedTuple):
    symbol: str
    style: str
    label: str


LOOKS: Final = {
    QUEUED: StatusLook("◌", "yellow", "Queued"),
    IN_PROGRESS: StatusLook("◐", "bold dodger_blue1", "In progress"),
    COMPLETED: StatusLook("✔", "green", "Completed"),
    FAILED: StatusLook("✖", "bold red", "Failed"),
}
UNKNOWN_LOOK: Final = StatusLook("?", "magenta", "Other")


def look(status: str) -> StatusLook:
    """The look of a status; an unknown status keeps its own text as label."""
    known = LOOKS.get(status)
    if known is not None:
        return known
    return StatusLook(UNKNOWN_LOOK.symbol, UNKNOWN_LOOK.style, status or "(none)")
