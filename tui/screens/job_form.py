"""The create / remix form: a prompt, and for a new job its model, size and length.

The form only collects: it posts `JobForm.Submitted` and stays open (showing "submitting…")
until the app reports back, so a rejected request keeps the prompt the user typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Final, TypeAlias

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from tui.api.models import KNOWN_MODELS, KNOWN_SECONDS, KNOWN_SIZES, Video
from tui.screens import job_request
from tui.screens.busy import BusyFocus, show_failure
from tui.screens.job_request import JobRequest
from tui.screens.labels import middle_cut
from tui.text import inert, literal, one_line

OTHER_MODEL: Final = "\0other"  # the Select value that reveals the free-text model input


def _choices(values: tuple[str, ...], label: str = "") -> list[tuple[str, str]]:
    return [(f"{value}{label}", value) for value in values]


class JobForm(ModalScreen[None]):
    """A new job (``source`` None) or a remix of ``source``. ctrl+s submits, escape closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "submit", "Submit"),
        Binding("escape", "cancel", "Cancel"),
    ]
    DEFAULT_CSS = """
    JobForm { align: center middle; }
    JobForm > #job-form {
        width: 80; max-width: 95%; height: auto; max-height: 100%; overflow-y: auto;
    }
    JobForm #form-prompt { height: 6; }
    JobForm #form-model-other { display: none; }
    JobForm #form-model-other.-shown { display: block; }
    JobForm #form-error { display: none; }
    JobForm #form-error.-shown { display: block; }
    JobForm .form-row, JobForm #form-buttons { height: auto; }
    JobForm .form-row > Select { width: 1fr; }
    """

    Submitted: TypeAlias = job_request.Submitted  # beside: the app hears it before the form loads

    def __init__(
        self, *, source: Video | None = None, server: str = "", servers: Sequence[str] = ()
    ) -> None:
        # server: where it goes in a fleet (a remix: its source's server); servers: the
        # fleet's names, to choose from for a new job
        super().__init__()
        self.source = source
        self.server = server
        self.servers = tuple(servers)
        self._busy = BusyFocus()

    # --- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        source = self.source
        with Vertical(id="job-form") as box:
            box.border_title = f"Remix {middle_cut(source.id, 60)}" if source else "New job"
            if self.server:
                box.border_title += f" on {middle_cut(one_line(self.server), 30)}"
            box.border_subtitle = "ctrl+s submit · escape cancel"
            if source is not None:
                yield Static(self._source_line(source), id="form-source")
            yield Label("Prompt")
            yield TextArea(
                inert(source.prompt, keep_newlines=True) if source else "",
                id="form-prompt",
                placeholder="Describe the video…",
            )
            if source is None:
                yield from self._create_fields()
            yield Static("", id="form-error")
            with Horizontal(id="form-buttons"):
                yield Button("Remix" if source else "Create", variant="primary", id="form-submit")
                yield Button("Cancel", id="form-cancel")

    def _create_fields(self) -> ComposeResult:
        if len(self.servers) > 1:
            yield Label("Server")
            yield Select(
                [(one_line(name), name) for name in self.servers],
                value=self.server if self.server in self.servers else self.servers[0],
                allow_blank=False,
                id="form-server",
            )
        with Horizontal(classes="form-row"):
            yield Select(
                [*_choices(KNOWN_MODELS), ("other…", OTHER_MODEL)],
                value=KNOWN_MODELS[0],
                allow_blank=False,
                id="form-model",
            )
            yield Select(
                _choices(KNOWN_SIZES), value=KNOWN_SIZES[0], allow_blank=False, id="form-size"
            )
            yield Select(
                _choices(KNOWN_SECONDS, " s"),
                value=KNOWN_SECONDS[0],
                allow_blank=False,
                id="form-seconds",
            )
        yield Input(placeholder="model name", id="form-model-other")

    @staticmethod
    def _source_line(source: Video) -> Text:
        facts = " · ".join(
            part for part in (source.model, source.size, f"{source.seconds} s") if part
        )
        text = Text("Same model, size and length as the source: ", style="dim")
        text.append_text(literal(facts, keep_newlines=False))
        return text

    def on_mount(self) -> None:
        prompt = self.query_one("#form-prompt", TextArea)
        prompt.focus()
        # A remix starts from the source's prompt: typing goes on from its end, as in any editor.
        prompt.move_cursor(prompt.document.end)

    # --- what the app calls ---------------------------------------------------------------

    def show_error(self, message: str) -> None:
        """Show why the request failed (server text shown literally); the form stays editable."""
        show_failure(self.query_one("#form-error", Static), message)
        self.set_busy(False)

    @property
    def busy(self) -> bool:
        return self._busy.busy

    def set_busy(self, busy: bool) -> None:
        done = self._busy.change(self, busy)
        self.query_one("#form-submit", Button).disabled = busy
        if done:  # a disabled submit button gave its focus away: give it back
            self._busy.give_back()
        box = self.query_one("#job-form")
        box.border_subtitle = "submitting…" if busy else "ctrl+s submit · escape cancel"

    # --- user input -----------------------------------------------------------------------

    @on(Select.Changed, "#form-model")
    def _model_changed(self, event: Select.Changed) -> None:
        other = self.query_one("#form-model-other", Input)
        other.set_class(event.value == OTHER_MODEL, "-shown")
        if event.value == OTHER_MODEL:
            other.focus()

    @on(Button.Pressed, "#form-submit")
    def _submit_pressed(self) -> None:
        self.action_submit()

    @on(Button.Pressed, "#form-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_submit(self) -> None:
        if self.busy:
            return
        request, problem = self._request()
        if request is None:
            self.show_error(problem)
            return
        self.show_error("")
        self.set_busy(True)
        self.post_message(self.Submitted(self, request))

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _request(self) -> tuple[JobRequest | None, str]:
        prompt = self.query_one("#form-prompt", TextArea).text.strip()
        if not prompt:
            return None, "Write a prompt first."
        if self.source is not None:
            return JobRequest(prompt=prompt, remix_of=self.source.id, server=self.server), ""
        model = self.query_one("#form-model", Select).value
        if model == OTHER_MODEL:
            model = self.query_one("#form-model-other", Input).value.strip()
            if not model:
                return None, "Type a model name, or pick a known model."
        size = self.query_one("#form-size", Select).value
        seconds = self.query_one("#form-seconds", Select).value
        server = self.server
        if len(self.servers) > 1:
            server = str(self.query_one("#form-server", Select).value)
        request = JobRequest(
            prompt=prompt, model=str(model), size=str(size), seconds=str(seconds), server=server
        )
        return request, ""
