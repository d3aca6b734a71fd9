"""Create a job (``n``) or remix the highlighted one (``x``) from a small form; then follow it.

The form stays open while the server answers (an error shows in it); the new job goes into the
store and under the cursor at once, and the poller follows it like any job in flight. Both
change the server: refused in read-only mode.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from tui.actions import JOB, READ_ONLY_NOTE, Action
from tui.api.errors import ApiError
from tui.api.models import COMPLETED, Video
from tui.features.base import Feature, JobServer
from tui.messages import JobLaunched

if TYPE_CHECKING:  # the form loads when it first opens (TextArea, Select), not at start
    from tui.screens.job_form import JobForm
    from tui.screens.job_request import JobRequest

LAUNCH_ACTIONS: Final = (
    Action(
        "remix_job",
        "x",
        "Remix",
        JOB,
        changes_server=True,
        show=False,
        palette="Remix job…",
        palette_help="A new job from the highlighted one (x)",
    ),
    Action(
        "new_job",
        "n",
        "New job",
        JOB,
        changes_server=True,
        palette="New job…",
        palette_help="Create a video job from a prompt (n)",
    ),
)


class Launching(Feature):
    ACTIONS = LAUNCH_ACTIONS

    _server = ""  # the fleet member the open form sends to ("": the one server)

    def do_new_job(self) -> None:
        from tui.screens.job_form import JobForm

        # a fleet: the server of the job under the cursor, else the first one
        server = self.dashboard.server_for(self.dashboard.table.cursor_id)
        self._server = server.name
        self.dashboard.push_screen(JobForm(server=server.name, servers=self.dashboard.servers))

    def do_remix_job(self) -> None:
        video = self.cursor_job()
        if video is None:
            return
        if video.status != COMPLETED:
            self.dashboard.toast(
                f"Only completed jobs can be remixed: {video.id} is {video.status}",
                severity="warning",
            )
            return
        from tui.screens.job_form import JobForm

        server = self.dashboard.server_for(self.dashboard.table.cursor_id)  # a remix: its own
        self._server = server.name
        self.dashboard.push_screen(JobForm(source=video, server=server.name))

    def on_job_form_submitted(self, message: JobForm.Submitted) -> None:
        form, request = message.form, message.request
        self._server = request.server
        if self._target().settings.read_only:  # read-only (a profile switched, or chosen)
            form.show_error(READ_ONLY_NOTE)
            return
        self.in_worker(lambda: self._launch(form, request), group="launch")

    def _target(self) -> JobServer:
        """The server the open form sends to."""
        dashboard = self.dashboard
        return dashboard.server_named(self._server)

    async def _launch(self, form: JobForm, request: JobRequest) -> None:
        server = self._server
        client = self._target().client
        if client is None:
            form.show_error("Not connected to a server yet")
            return
        try:
            if request.remix_of is not None:
                video = await client.remix(request.remix_of, prompt=request.prompt)
            else:
                video = await client.create(
                    prompt=request.prompt,
                    model=request.model,
                    size=request.size,
                    seconds=request.seconds,
                )
        except ApiError as error:
            if form.is_attached:
                form.show_error(str(error))
            else:  # the form was closed while waiting: say it somewhere
                self.dashboard.toast(
                    f"Could not create the job: {error}", severity="error", timeout=8
                )
            return
        if form.is_active:
            form.dismiss(None)
        elif form.is_attached:  # something covers it: leave it open, but done
            form.set_busy(False)
        self._follow_new(server, video, "Remixing" if request.remix_of else "Created")

    def _follow_new(self, server: str, video: Video, verb: str) -> None:
        """Put a just-launched job in the store and under the cursor; the poller follows it."""
        dashboard = self.dashboard
        key = dashboard.key_of(server, video.id)
        dashboard.post_message(JobLaunched(key))
        dashboard.add_job(server, video)
        dashboard.table.move_cursor_to(key)
        where = "" if dashboard.table.cursor_id == key else " (hidden by the current filter)"
        on = f" on {server}" if server else ""
        dashboard.toast(f"{verb} {video.id}{on}{where}")
        if dashboard.poller is not None:
            dashboard.poller.refresh_now()
