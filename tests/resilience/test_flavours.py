"""The dashboard against each compatible server: it shows what it got and pages as far as it can."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.app_helpers import (
    KEY,
    RESILIENCE_SIZE,
    fast_app,
    feed_report,
    screen_text,
    status_line_text,
)
from tests.resilience.world_ops import mismatch
from tests.waiting import wait_until
from tui.emulator import EmulatorServer
from tui.widgets.detail_pane import DetailPane


@pytest.mark.parametrize("flavour", ["openai", "vllm", "litellm", "relay"])
async def test_pages_to_the_end_and_holds_what_the_server_says(
    make_emulator: Callable[..., EmulatorServer], flavour: str
) -> None:
    server = make_emulator(jobs=45, manual_clock=True, api_key=KEY, flavour=flavour)
    app = fast_app(server)
    async with app.run_test(size=RESILIENCE_SIZE) as pilot:
        await wait_until(
            lambda: (
                (s := feed_report(app)) is not None
                and s.end_reached
                and not mismatch(list(app.store.ordered_ids()), app.store, server)
            ),
            what=lambda: (
                f"{mismatch(list(app.store.ordered_ids()), app.store, server)} {feed_report(app)}"
            ),
        )
        status = feed_report(app)
        assert (
            status is not None and status.error is None and "end of list" in (status.end_note or "")
        )
        await pilot.press("down", "down")
        pane = app.query_one(DetailPane)
        await wait_until(lambda: pane.video is not None)
        assert pane.video == app.store.get(app.table.cursor_id or "")


async def test_relay_statuses_show_verbatim_under_other(
    make_emulator: Callable[..., EmulatorServer],
) -> None:
    server = make_emulator(jobs=30, manual_clock=True, api_key=KEY, flavour="relay")
    app = fast_app(server)
    async with app.run_test(size=RESILIENCE_SIZE) as pilot:
        await wait_until(lambda: (s := feed_report(app)) is not None and s.end_reached)
        statuses = {video.status for video in app.store}
        assert {"succeeded", "processing"} <= statuses
        await pilot.press("6")  # Other
        await wait_until(lambda: app.bucket == "other")
        await pilot.pause()
        shown = {app.store.get(i).status for i in app.view_ids()}  # type: ignore[union-attr]
        assert shown == {"succeeded", "processing"}
        text = screen_text(app)
        assert "succeeded" in text and "processing" in text
        pane = app.query_one(DetailPane)
        await wait_until(lambda: pane.video is not None)
        await pilot.pause()
        assert pane.video is not None and pane.video.size in ("16:9", "9:16")
        assert pane.video.size in screen_text(app)


async def test_sglang_shows_its_one_page_with_a_note(
    make_emulator: Callable[..., EmulatorServer],
) -> None:
    server = make_emulator(jobs=45, manual_clock=True, api_key=KEY, flavour="sglang")
    app = fast_app(server)
    async with app.run_test(size=RESILIENCE_SIZE) as pilot:
        await wait_until(lambda: (s := feed_report(app)) is not None and s.end_reached)
        await pilot.press("end")
        await pilot.pause()
        assert len(app.store) == 20
        assert [v.id for v in app.store] == [j["id"] for j in server.world.snapshot()[:20]]
        assert "server does not page" in status_line_text(app)
        assert all(video.size == "" for video in app.store)
