"""Being told: when a job you launched or follow finishes, and what changed while you looked away.

* Jobs created or remixed in this session are followed automatically (`JobLaunched`); ``m``
  follows (or stops following) the highlighted in-flight job. When a followed job completes or
  fails: a toast (severity error, with the error code, for a failure), the terminal bell, and a
  desktop notification through ``notify-send`` when ``desktop_notifications`` is on.
* The title says "● N new" while new jobs wait above the rows on screen (the table's own
  ``↑ N new`` marker; ``g`` shows them), and "M finished" for jobs that finished (completed,
  failed or any other end state) since you last looked. Looking means pressing a key or
  clicking: the finished count resets then. Progress ticks are not news; neither are older
  jobs that arrive when you page down, nor the first load.

Server text (prompts, error messages) is shown literally: toasts are built with markup off
from `tui.text.inert`, and the desktop body is escaped for notify-send's markup.
"""

from __future__ import annotations

import asyncio
import html
import logging
import shutil
import subprocess
from typing import Final

from textual import events
from textual.notifications import SeverityLevel

from tui.actions import JOB, Action
from tui.api.models import COMPLETED, FAILED, Video
from tui.features.base import Dashboard, Feature
from tui.messages import FeedChanged, JobLaunched
from tui.text import inert, one_line
from tui.widgets.video_table import VideoTable

log = logging.getLogger(__name__)
DESKTOP_TIMEOUT: Final = 5.0  # seconds notify-send may take before we give up on it
NOTIFY_ACTIONS: Final = (
    Action(
        "toggle_follow",
        "m",
        "Notify when done",
        JOB,
        show=False,
        palette="Notify when done",
        palette_help="Be told when the highlighted job finishes (m)",
    ),
)


class Notifications(Feature):
    """Toasts, bell and desktop notifications for followed jobs; counts of unseen news."""

    ACTIONS = NOTIFY_ACTIONS

    def __init__(self, dashboard: Dashboard) -> None:
        super().__init__(dashboard)
        self.followed: set[str] = set()  # launched here or followed with m; dropped once done
        self.unseen_finished = 0  # jobs that finished since the user last pressed a key or clicked
        self.new_above = 0  # new jobs above the rows on screen (the table counts them)
        self._statuses: dict[str, str] = {}  # the last status seen of every loaded job
        self._title_suffix = ""

    # --- following jobs -------------------------------------------------------------------

    def server_changed(self) -> None:
        self.followed.clear()  # its jobs are another server's now: nothing to be told of
        self._statuses.clear()
        self.unseen_finished = 0
        self._show_title()

    def do_toggle_follow(self) -> None:
        video = self.cursor_job()
        if video is None:
            return
        if video.id in self.followed:
            self.followed.discard(video.id)
            self._tell(f"No longer following {video.id}", timeout=2)
        elif video.in_flight:
            self.followed.add(video.id)
            self._tell(f"Following {video.id}: you will be told when it finishes", timeout=3)
        else:
            self._tell(
                f"{video.id} has already finished ({video.status})", severity="warning", timeout=3
            )
        self._show_title()

    def on_job_launched(self, message: JobLaunched) -> None:
        self.followed.add(message.video_id)
        self._statuses.pop(message.video_id, None)  # its first sight is not news
        self._show_title()

    # --- the feed -------------------------------------------------------------------------

    def on_feed_changed(self, message: FeedChanged) -> None:
        change = message.change
        finished = 0
        for video_id in change.removed:
            self._statuses.pop(video_id, None)
            if video_id in self.followed:
                self.followed.discard(video_id)
                self._tell(f"Followed job {video_id} was deleted", severity="warning")
        for video_id in change.added | change.changed:
            video = self.dashboard.store.get(video_id)
            if video is None:
                continue
            before = self._statuses.get(video_id)
            self._statuses[video_id] = video.status
            followed = video_id in self.followed
            if before is None:  # first sight: launched here and already done, or old news
                if followed and not video.in_flight:
                    self._announce(video)
            elif before != video.status and not video.in_flight:
                finished += 1
                if followed:
                    self._announce(video)
        self.unseen_finished += finished
        self._show_title()  # the same title again is no repaint: reactives skip equal values

    def _announce(self, video: Video) -> None:
        """A followed job finished: toast, bell, and maybe a desktop notification."""
        self.followed.discard(video.id)
        if video.status == FAILED:
            title = "Job failed"
            error = video.error
            code = (error.code if error else None) or "no error code"
            detail = error.message if error and error.message else "no message"
            body = f"{video.id} failed ({code}): {detail}"
            severity: SeverityLevel = "error"
        elif video.status == COMPLETED:
            title, severity = "Job completed", "information"
            body = f"{video.id} completed: {one_line(video.prompt, limit=80)}"
        else:
            title, severity = "Job finished", "warning"
            body = f"{video.id} ended as {video.status or 'unknown'}"
        self.dashboard.toast(body, title=title, severity=severity, timeout=10)
        self.dashboard.bell()
        if self.dashboard.settings.desktop_notifications:
            self.in_worker(
                lambda: asyncio.to_thread(self._desktop_notify, title, body),
                group="desktop-notify",
            )

    def _desktop_notify(self, summary: str, body: str) -> None:
        program = shutil.which("notify-send")
        if program is None:
            return
        # notify-send reads simple HTML in the body: escape it so server text stays text.
        command = [program, "--app-name=sora-tui", "--", inert(summary), html.escape(inert(body))]
        try:
            subprocess.run(
                command,
                timeout=DESKTOP_TIMEOUT,
                check=False,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except (OSError, subprocess.SubprocessError) as error:
            log.warning("desktop notification failed: %s", error)

    # --- "since you last looked" ----------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        self.mark_seen()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        self.mark_seen()

    def mark_seen(self) -> None:
        if self.unseen_finished:
            self.unseen_finished = 0
            self._show_title()

    def on_video_table_new_above(self, message: VideoTable.NewAbove) -> None:
        self.new_above = message.count
        self._show_title()

    def _show_title(self) -> None:
        parts = []
        if self.followed:
            parts.append(f"following {len(self.followed)}")
        if self.new_above:
            parts.append(f"● {self.new_above} new ↑")
        if self.unseen_finished:
            parts.append(f"{self.unseen_finished} finished")
        suffix = f" · {' · '.join(parts)}" if parts else ""
        title = self.dashboard.title
        if self._title_suffix and title.endswith(self._title_suffix):
            title = title[: -len(self._title_suffix)]
        self._title_suffix = suffix
        self.dashboard.title = title + suffix

    def _tell(
        self, text: str, *, severity: SeverityLevel = "information", timeout: float = 3
    ) -> None:
        self.dashboard.toast(text, severity=severity, timeout=timeout)
