"""Server text is shown as inert text: in the table, the detail pane and the status line."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from tests.app_helpers import (
    KEY,
    RESILIENCE_SIZE,
    fast_app,
    status_line_text,
)
from tests.waiting import wait_until
from tui.app import SoraApp
from tui.emulator import EmulatorServer, Fault
from tui.widgets.detail_pane import DetailPane

HOSTILE = (
    "[bold red]MARKUP[/] [link=http://evil]x[/link] "
    "\x1b]52;c;c2VjcmV0\x07CLIP "  # OSC 52: write the clipboard
    "\x1b]0;pwned title\x07TITLE \x1b]2;other\x1b\\ "  # OSC 0/2: window title
    "\x1b[2J\x1b[31mRED\x1b[0m \x9b31m "  # clear screen, colours, 8-bit CSI
    "bell\x07 nul\x00 bs\x08 del\x7f "
    "\u202eRTL-override\u202c عربى עברית 漢字 🎬🧪 "
)
LONG = "long " * 6400 + "TAIL"  # 32k characters


def painted(app: SoraApp) -> list[str]:
    """Every segment's text the compositor would send to the terminal for this screen."""
    return [segment.text for strip in app.screen._compositor.render_strips() for segment in strip]


def assert_inert(texts: list[str]) -> None:
    for text in texts:
        assert "\x1b" not in text and "\x9b" not in text and "\x07" not in text, repr(text)
        bad = [c for c in text if unicodedata.category(c) == "Cc" and c != "\n"]
        assert not bad, repr(text)
        assert "\u202e" not in text


async def test_hostile_prompt_and_error_are_inert_in_table_detail_and_status_line(
    make_emulator: Callable[..., EmulatorServer],
) -> None:
    server = make_emulator(jobs=5, manual_clock=True, api_key=KEY)
    target = server.world.snapshot()[0]["id"]
    server.world.force(
        target,
        prompt=HOSTILE + LONG,
        status="failed",
        error={"code": "moderation_blocked", "message": HOSTILE},
    )
    written: list[str] = []
    app = fast_app(server)
    async with app.run_test(size=RESILIENCE_SIZE) as pilot:
        driver = app._driver
        assert driver is not None
        real_write = driver.write

        def spy(data: str) -> None:
            written.append(data)
            real_write(data)

        driver.write = spy  # type: ignore[method-assign]
        await wait_until(lambda: target in app.store)
        await pilot.pause()
        app.table.move_cursor_to(target)
        pane = app.query_one(DetailPane)
        await wait_until(lambda: pane.video is not None and pane.video.id == target)
        await pilot.pause()
        server.faults.add(Fault("status", status=400, message=HOSTILE, count=-1))
        await pilot.press("r")
        await wait_until(lambda: app.poller is not None and app.poller.report.error is not None)
        await pilot.pause()
        texts = painted(app)
        assert_inert(texts)
        screen = "".join(texts)
        assert "[bold red]MARKUP[/]" in screen  # markup shown as typed, not applied
        assert "␛]52;c;c2VjcmV0" in screen  # the escape made visible
        assert "漢字" in screen and "🎬" in screen
        assert "RTL-override" in screen
        line = status_line_text(app)
        assert "[bold red]MARKUP[/]" in line and "\x1b" not in line
        # the detail pane holds the long prompt without choking, down to its tail
        assert pane.video is not None and pane.video.prompt is not None
        assert pane.video.prompt.endswith("TAIL")
        svg = app.export_screenshot()
        assert "\x1b" not in svg and "]52;" not in svg.replace("␛]52;", "")
    out = "".join(written)
    assert "\x1b]52" not in out and "\x1b]0;pwned" not in out and "\x1b]2;other" not in out
