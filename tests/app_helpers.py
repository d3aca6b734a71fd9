"""Helpers for the end-to-end app tests: the app on a loopback emulator, condition waits, reading the screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import SecretStr
from rich.text import Text

from tests.waiting import wait_until
from tui.app import SoraApp
from tui.emulator import EmulatorServer
from tui.settings import Settings
from tui.widgets.status_line import StatusLine
from tui.widgets.video_table import HEADER_LINES, VideoTable

KEY = "sk-test-do-not-show-4417"


def app_for(server: EmulatorServer, **settings: Any) -> SoraApp:
    """SoraApp against ``server`` with a key, polling often. Not every 50 ms: the Pilot waits for
    the process to go idle after each key, and a busy poller makes every key cost a second."""
    values: dict[str, Any] = {
        "base_url": server.base_url,
        "api_key": SecretStr(KEY),
        "fast_interval": 0.25,
        "slow_interval": 0.5,
    }
    values.update(settings)
    return SoraApp(Settings(**values))


async def wait_for(condition: Callable[[], object], what: str, timeout: float = 10.0) -> None:
    """Poll ``condition`` until true; fail with ``what`` after ``timeout`` seconds."""
    await wait_until(condition, timeout, what)


def list_requests(server: EmulatorServer, *, paged: bool | None = None) -> list[dict[str, str]]:
    """Queries of GET /v1/videos so far; ``paged``: only those with (True) / without (False) ``after``."""
    queries = [
        r.query for r in list(server.requests) if r.method == "GET" and r.path == "/v1/videos"
    ]
    if paged is None:
        return queries
    return [q for q in queries if ("after" in q) == paged]


def row_text(app: SoraApp, video_id: str) -> str:
    """The painted text of ``video_id``'s row (it must be on screen)."""
    table: VideoTable = app.table
    index = app.view_ids().index(video_id)  # the table shows exactly the app's view
    y = HEADER_LINES + index - round(table.scroll_y)
    assert HEADER_LINES <= y < table.size.height, f"{video_id} is not on screen"
    return table.render_line(y).text


def status_line_text(app: SoraApp) -> str:
    line = app.query_one(StatusLine)
    rendered = line.render()
    return rendered.plain if isinstance(rendered, Text) else str(rendered)
