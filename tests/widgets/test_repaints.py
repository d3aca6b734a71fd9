"""A poll tick repaints what it changed and nothing else: the dashboard, no network, the store
merged as the poller merges it (``apply_change``), and each widget's painting counted."""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from textual.geometry import Region
from textual.strip import Strip

from tests.waiting import wait_until
from tui import clock
from tui.api.models import Video
from tui.app import SoraApp
from tui.settings import Settings
from tui.widgets.field_list import FieldList
from tui.widgets.status_filter import StatusFilterBar

NOW = 1_795_000_000


class OfflineApp(SoraApp):
    def run_feed(self) -> None:  # type: ignore[override]
        """No network: the test merges into the store itself."""


def job(n: int, **fields: Any) -> Video:
    data: dict[str, Any] = {
        "id": f"video_{n:06d}abcdef0123456789abcdef",
        "model": "sora-2",
        "status": "in_progress",
        "progress": 40,
        "created_at": NOW - n,
        "prompt": f"job {n}",
        "size": "1280x720",
        "seconds": "8",
    }
    data.update(fields)
    return Video.model_validate(data)


@pytest.fixture(autouse=True)
def frozen_clock() -> Iterator[None]:
    clock.freeze(NOW)
    yield
    clock.freeze(None)


@pytest.fixture
def painted(dashboard: SoraApp, monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often the filter bar is painted, and which detail pane lines are painted again: a
    pane line counts when it is not the Strip that line was last time (the pane hands back the
    same Strip for a line that did not change, whenever the compositor asks for it)."""
    counts: Counter[str] = Counter()
    bar_line = StatusFilterBar.render_line
    field_line = FieldList.render_line
    last: dict[int, Strip] = {}

    def count_bar(bar: StatusFilterBar, y: int) -> Strip:
        counts["bar"] += 1
        return bar_line(bar, y)

    def count_field(fields: FieldList, y: int) -> Strip:
        strip = field_line(fields, y)
        if last.get(y) is not strip:
            last[y] = strip
            counts[f"pane line {y}"] += 1
            counts["pane"] += 1
        return strip

    fields = dashboard.query_one("#detail-fields", FieldList)
    last.update({y: field_line(fields, y) for y in range(fields.size.height)})  # as painted
    monkeypatch.setattr(StatusFilterBar, "render_line", count_bar)
    monkeypatch.setattr(FieldList, "render_line", count_field)
    return counts


@pytest.fixture
async def dashboard() -> AsyncIterator[OfflineApp]:
    app = OfflineApp(Settings.model_validate({"base_url": "http://127.0.0.1:9/v1", "api_key": "k"}))
    async with app.run_test(size=(140, 40)) as pilot:
        app.apply_change(app.store.merge([job(n) for n in range(200)]))
        await pilot.pause()
        await app.screen.wait_for_refresh()
        assert app.query_one("#detail-fields", FieldList).shown("progress")
        yield app


async def settle(app: SoraApp) -> None:
    await app.screen.wait_for_refresh()
    await app.screen.wait_for_refresh()


def tick(app: SoraApp, *numbers: int, **fields: Any) -> None:
    """The poller's part: these jobs changed on the server."""
    changed = []
    for n in numbers:
        video = app.store.get(job(n).id)
        assert video is not None
        changed.append(video.model_copy(update=fields))
    app.apply_change(app.store.merge(changed))


async def test_a_change_off_screen_paints_neither_pane_nor_bar(
    dashboard: OfflineApp, painted: Counter[str]
) -> None:
    painted.clear()
    tick(dashboard, 150, 151, 190, progress=77)  # far below the screen; counts unchanged
    await settle(dashboard)
    assert painted["bar"] == 0
    assert painted["pane"] == 0


async def test_the_cursor_jobs_progress_repaints_only_its_row_in_the_pane(
    dashboard: OfflineApp, painted: Counter[str]
) -> None:
    fields = dashboard.query_one("#detail-fields", FieldList)
    before = fields.value_text("progress")
    painted.clear()
    tick(dashboard, 0, progress=41)  # the job under the cursor: same status, same counts
    await settle(dashboard)
    assert fields.value_text("progress") != before and "41%" in fields.value_text("progress")
    assert painted["bar"] == 0
    lines = {key for key in painted if key.startswith("pane line ")}
    assert 0 < len(lines) <= before.count("\n") + 1  # the progress row's lines, no other


async def test_a_count_that_moves_repaints_the_bar_once(
    dashboard: OfflineApp, painted: Counter[str]
) -> None:
    bar = dashboard.query_one(StatusFilterBar)
    assert bar.tab_text("completed") == "Completed 0"
    painted.clear()
    tick(dashboard, 120, 121, status="completed", progress=100)
    await settle(dashboard)
    assert bar.tab_text("completed") == "Completed 2"
    assert painted["bar"] == 1
    assert painted["pane"] == 0  # the cursor's job did not change


async def test_the_clock_tick_converts_a_field_only_when_its_text_moved(
    dashboard: OfflineApp, painted: Counter[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the clock held still, the pane's once-a-second tick computes the times and finds
    them unchanged: after the first tick (which re-checks what the paint showed), none of them
    is handed to the field list again, and no line is painted."""
    from tui.widgets.detail_fields import TIME_FIELDS, field_value

    computed: list[str] = []
    handed: list[str] = []
    set_value = FieldList.set_value

    def count_computed(video: Video, name: str, now: float, *, live: bool = True) -> Any:
        computed.append(name)
        return field_value(video, name, now, live=live)

    def count_handed(fields: FieldList, name: str, text: Any) -> None:
        handed.append(name)
        set_value(fields, name, text)

    monkeypatch.setattr("tui.widgets.detail_pane.field_value", count_computed)
    monkeypatch.setattr(FieldList, "set_value", count_handed)
    painted.clear()
    per_tick = len(TIME_FIELDS) + 1
    await wait_until(lambda: computed.count("progress") >= 3, timeout=10)
    assert len(handed) <= per_tick  # at most the first tick's round
    assert painted["pane"] == 0


async def test_a_poll_that_moves_the_cursor_jobs_progress_makes_only_the_rows_it_moved(
    dashboard: OfflineApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each poll brings the job under the cursor again: the rows its change leaves as they were
    (prompt, cost, the other fields) are not made again; a change of status makes its own."""
    from tui.widgets.detail_fields import CLOCK_ROWS, row_text

    made: list[str] = []

    def count_made(video: Video, name: str, now: float, *, live: bool = True) -> Any:
        made.append(name)
        return row_text(video, name, now, live=live)

    monkeypatch.setattr("tui.widgets.detail_pane.row_text", count_made)
    fields = dashboard.query_one("#detail-fields", FieldList)
    tick(dashboard, 0, progress=41)
    await settle(dashboard)
    assert "41%" in fields.value_text("progress")
    assert made and set(made) <= CLOCK_ROWS

    made.clear()
    error = {"code": "moderation_blocked", "message": "The prompt was refused."}
    tick(dashboard, 0, status="failed", error=job(0, status="failed", error=error).error)
    await settle(dashboard)
    assert {"failure", "status", "error", "cost"} <= set(made)
    assert "prompt" not in made and "model" not in made
    assert "The prompt was refused." in fields.value_text("failure")
    assert "failed" in fields.value_text("status")
    assert "moderation_blocked" in fields.value_text("error")


async def test_a_whole_table_repaint_reuses_the_lines_of_rows_that_did_not_change(
    dashboard: OfflineApp,
) -> None:
    """A scroll or a new view repaints every line on screen: the rows whose job did not change
    are the very lines painted before (nothing made or filtered again), the changed one is new."""
    table = dashboard.table
    whole = Region(0, 0, table.size.width, table.size.height)
    before = table.render_lines(whole)
    tick(dashboard, 3, progress=77)  # the fourth row (line 4 under the header)
    table.refresh()  # every line due again, as after a scroll
    await settle(dashboard)
    after = table.render_lines(whole)
    same = [old is new for old, new in zip(before, after, strict=True)]
    assert not same[4] and "77%" in after[4].text and "77%" not in before[4].text
    assert all(same[1:4]) and all(same[5:])


async def test_a_table_with_padding_is_painted_with_it(dashboard: OfflineApp) -> None:
    """Styles the table's own pass does not draw (here padding) go through Textual's."""
    table = dashboard.table
    first_row = table.render_lines(Region(0, 1, table.size.width, 1))[0].text
    table.styles.padding = (0, 0, 0, 3)
    await settle(dashboard)
    padded = table.render_lines(Region(0, 1, table.size.width, 1))[0].text
    assert padded.startswith("   ") and not first_row.startswith("   ")
    assert padded[3:11] == first_row[:8]  # the same row, moved right by the padding
