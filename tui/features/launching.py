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
from tui.features.base import Feature
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

    def do_new_job(self) -> None:
        from tui.screens.job_form import JobForm

        self.dashboard.push_screen(JobForm())

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

        self.dashboard.push_screen(JobForm(source=video))

    def on_job_form_submitted(self, message: JobForm.Submitted) -> None:
        form, request = message.form, message.request
        if self.dashboard.settings.read_only:  # a profile switched to read-only meanwhile
            form.show_error(READ_ONLY_NOTE)
            return
        self.in_worker(lambda: self._launch(form, request), group="launch")

    async def _launch(self, form: JobForm, request: JobRequest) -> None:
        client = self.dashboard.client
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
        self._follow_new(video, "Remixing" if request.remix_of else "Created")

    def _follow_new(self, video: Video, verb: str) -> None:
        """Put a just-launched job in the store and under the cursor; the poller follows it."""
        dashboard = self.dashboard
        dashboard.post_message(JobLaunched(video.id))
        dashboard.apply_change(dashboard.store.upsert(video))
        dashboard.table.move_cursor_to(video.id)
        where = "" if dashboard.table.cursor_id == video.id else " (hidden by the current filter)"
        dashboard.toast(f"{verb} {video.id}{where}")
        if dashboard.poller is not None:
            dashboard.poller.refresh_now()
