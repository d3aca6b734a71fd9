"""The end note names the jobs loaded now, not the count when the end was first reached."""

from __future__ import annotations

from tests.feed.feed_helpers import running_at, wait_for
from tui.emulator import EmulatorServer


async def test_end_note_counts_jobs_that_arrive_after_the_end(
    emulator: EmulatorServer,
) -> None:
    async with running_at(emulator.base_url) as feed:
        await wait_for(lambda: feed.reports and feed.report.loaded >= 50, what="first page")
        while not feed.report.end_reached:
            feed.poller.want_more()
            await wait_for(lambda: not feed.report.loading_page, what="a page")
        assert feed.report.end_note == "end of list: all 120 jobs loaded"
        for n in range(3):
            emulator.world.create(f"late job {n}")
        await wait_for(lambda: feed.report.loaded == 123, what="the new jobs at the top")
        assert feed.report.end_note == "end of list: all 123 jobs loaded"
        deleted = next(iter(feed.store.ordered_ids()))
        emulator.world.delete(deleted)
        await wait_for(lambda: feed.report.loaded == 122, what="the deletion")
        assert feed.report.end_note == "end of list: all 122 jobs loaded"
