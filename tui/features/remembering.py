"""The local history in the dashboard (tui/app/history_link.py does the reads and writes):

* older rows and gone jobs paged in as the rows near their end;
* the detail pane's history box: a job not confirmed by the server yet, a job gone from it
  (when last seen, why), and every download of the job, with a file that moved said so;
* downloads remembered;
* a search reaches the whole history: its matches join the rows (tui/features/find_order.py
  filters them as it filters every loaded job).
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from rich.text import Text

from tui import clock
from tui.features.base import Feature
from tui.history.notes import Download
from tui.job_keys import video_id_of
from tui.messages import FeedChanged, JobDownloaded
from tui.widgets.detail_pane import DetailPane
from tui.widgets.history_note import history_text
from tui.widgets.search_bar import SearchBar
from tui.widgets.video_table import VideoTable

GROUP = "history"


class Remembering(Feature):
    """Pages the history in behind the rows, and says in the pane what it knows of a job."""

    def on_video_table_near_end(self, message: VideoTable.NearEnd) -> None:
        dashboard = self.dashboard
        bucket, report = dashboard.bucket, dashboard.feed_report

        async def older_rows() -> None:
            # Rows may have come since the table posted it (the start's recall, a page):
            # asked when the worker runs, the table may not be near its end any more.
            if dashboard.table.near_end:
                await dashboard.remembered.near_end(bucket, report)

        self.in_worker(older_rows, group=GROUP)

    def on_search_bar_changed(self, message: SearchBar.Changed) -> None:
        remembered, query = self.dashboard.remembered, message.query
        self.in_worker(
            lambda: remembered.recall_matching(query), group=f"{GROUP}-search", exclusive=True
        )

    def on_video_table_highlighted(self, message: VideoTable.Highlighted) -> None:
        self._describe(message.video_id)

    def on_feed_changed(self, message: FeedChanged) -> None:
        cursor = self.dashboard.table.cursor_id
        change = message.change
        if cursor is not None and cursor in (change.confirmed | change.removed | change.added):
            self._describe(cursor)

    def on_job_downloaded(self, message: JobDownloaded) -> None:
        history = self.dashboard.server_for(message.video_id).remembered.history
        if history is None:
            return
        download = Download(
            video_id_of(message.video_id), message.variant, message.path, message.size, time.time()
        )
        history.record_download(download)
        if self.dashboard.table.cursor_id == message.video_id:
            self._describe(message.video_id)

    def _describe(self, video_id: str | None) -> None:
        """The pane's history box for this job: what is known now, then its downloads."""
        pane = self.dashboard.dashboard_screen.query_one(DetailPane)
        if video_id is None or self.dashboard.server_for(video_id).remembered.history is None:
            pane.show_history(None)
            return
        pane.show_history(self._text(video_id, [], {}), live=self._live(video_id))
        self.in_worker(
            lambda: self._with_downloads(video_id), group=f"{GROUP}-pane", exclusive=True
        )

    async def _with_downloads(self, video_id: str) -> None:
        history = self.dashboard.server_for(video_id).remembered.history
        if history is None:
            return

        def read() -> tuple[list[Download], dict[str, bool]]:
            history.flush()  # a download recorded a moment ago is read back too
            found = history.downloads(video_id_of(video_id))
            return found, {d.path: Path(d.path).is_file() for d in found}

        downloads, present = await asyncio.to_thread(read)
        if downloads and self.dashboard.table.cursor_id == video_id:
            pane = self.dashboard.dashboard_screen.query_one(DetailPane)
            live = self._live(video_id)
            pane.show_history(self._text(video_id, downloads, present), live=live)

    def _live(self, video_id: str) -> bool:
        """The server has confirmed the job (not from the history only, not gone)."""
        gone = self.dashboard.remembered.gone
        return video_id not in gone and self.dashboard.store.is_confirmed(video_id)

    def _text(
        self, video_id: str, downloads: list[Download], present: dict[str, bool]
    ) -> Text | None:
        return history_text(
            confirmed=self._live(video_id),
            gone=self.dashboard.remembered.gone.note(video_id),
            downloads=downloads,
            present=present,
            now=clock.now(),
        )
