"""What the job form asks for, and the message that carries it.

Apart from the form (``job_form``) on purpose: the app routes the message to the features from
the start, while the form and its widgets (TextArea, Select) load when it first opens.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from tui.screens.job_form import JobForm


@dataclass(frozen=True)
class JobRequest:
    """What to ask the server for: a new job, or a remix of ``remix_of`` (model etc. inherited)."""

    prompt: str
    model: str | None = None
    size: str | None = None
    seconds: str | None = None
    remix_of: str | None = None
    server: str = ""  # a fleet's member to send it to ("": the one server)


class Submitted(Message, namespace="job_form"):
    """``JobForm.Submitted``: the user asked for this job; the app answers with `show_error` or
    closes the form."""

    def __init__(self, form: JobForm, request: JobRequest) -> None:
        super().__init__()
        self.form = form
        self.request = request
