"""The pictured scenes: the seeded demo, frozen in time, and the keys that lead to each picture.

Shared by ``screenshots/generate.py`` (the README's pictures) and ``tests/snapshots`` (which
guard them), so the snapshot tests check exactly what the README shows.

Determinism: the embedded emulator runs on a manual clock from a fixed epoch and seed, the
dashboard's clock (``tui.clock``) is frozen at that epoch, times are shown in UTC, and the
server is named by a label instead of its URL, whose port is picked at random.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
from collections.abc import Awaitable, Callable, Iterator
from typing import Final, NamedTuple

from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from screenshots.history_scenes import FLEET, fleet_app, offline_app
from tui import clock
from tui.api.models import COMPLETED, FAILED
from tui.app import SoraApp
from tui.emulator import EmulatorConfig, Fault
from tui.features.thumbnails import Thumbnails, wants_thumbnail
from tui.settings import Settings
from tui.widgets.status_line import StatusLine

EPOCH: Final = 1_795_600_000.0  # 2026-11-25 09:46:40 UTC
SEED: Final = 1
JOBS: Final = 300
SIZE: Final = (160, 45)  # the README's pictures
NARROW: Final = (80, 24)  # the smallest terminal the layout is made to hold
SERVER_LABEL: Final = "embedded emulator"
LOAD_TIMEOUT: Final = 20.0
RETRY_AFTER: Final = 30  # seconds the failing server asks for (the error scene)
PAGES_FOR_A_FAILURE: Final = 10  # pages the failed-detail scene may load to find a failed job

Scene = Callable[[Pilot[None]], Awaitable[None]]


def seeded() -> EmulatorConfig:
    return EmulatorConfig(jobs=JOBS, seed=SEED, epoch=EPOCH, manual_clock=True)


def make_app(scene: str = "main") -> SoraApp:
    """The demo as a user starts it, but on a seeded world whose clock stands still (the
    offline scene: a restart against a server that is down, with its history)."""
    if scene == "offline-start":
        return offline_app(seeded(), SERVER_LABEL)
    if scene == "fleet":
        return fleet_app(seeded())
    return SoraApp(Settings(demo=True), demo_config=seeded(), server_label=SERVER_LABEL)


@contextlib.contextmanager
def frozen_time() -> Iterator[None]:
    """Hold tui.clock at EPOCH and show times in UTC; both are restored on exit."""
    old_tz = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    clock.freeze(EPOCH)
    try:
        yield
    finally:
        clock.freeze(None)
        if old_tz is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = old_tz
        time.tzset()


async def wait_until(condition: Callable[[], object], what: str) -> None:
    """Poll ``condition`` until it holds; fail after LOAD_TIMEOUT seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + LOAD_TIMEOUT
    while not condition():
        if loop.time() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        await asyncio.sleep(0.01)  # ok: poll step of a condition wait


def settled(app: SoraApp, *, everything: bool = False) -> bool:
    """The feed is live, no page is on its way, and (if asked) the whole list is loaded."""
    status = app.poller.report if app.poller is not None else None
    if status is None or status.state != "live" or status.loading_page:
        return False
    return status.end_reached or not everything


def thumbnail_settled(app: SoraApp) -> bool:
    """The detail pane's thumbnail is done with the job under the cursor: shown, or a reason
    given, or none wanted (not completed)."""
    video = app.store.get(app.table.cursor_id or "")
    thumbs = app.feature(Thumbnails)
    if video is None or not thumbs.thumbnails_on or not wants_thumbnail(video, clock.now()):
        return True
    thumbnail = thumbs.thumbnail
    return thumbnail.video_id == video.id and thumbnail.state in ("image", "reason")


async def _settle(pilot: Pilot[None], *, everything: bool = False) -> None:
    app = pilot.app
    assert isinstance(app, SoraApp)
    for _ in range(2):
        await wait_until(lambda: settled(app, everything=everything), "the feed to settle")
        await wait_until(lambda: thumbnail_settled(app), "the thumbnail")
        await pilot.pause()


async def main_screen(pilot: Pilot[None]) -> None:
    """The dashboard as it opens: the newest jobs, the first one in the detail pane."""
    await _settle(pilot)


def _first_failed(app: SoraApp) -> str | None:
    return next((i for i in app.view_ids() if (v := app.store.get(i)) and v.status == FAILED), None)


async def failed_detail(pilot: Pilot[None]) -> None:
    """The cursor on the newest failed job (in the All view), the detail pane focused."""
    await _settle(pilot)
    app = pilot.app
    assert isinstance(app, SoraApp) and app.poller is not None
    # A short terminal loads a shorter first page, which may hold no failed job: page on.
    for _ in range(PAGES_FOR_A_FAILURE):
        if _first_failed(app) is not None:
            break
        app.poller.want_more()
        await _settle(pilot)
    failed = _first_failed(app)
    assert failed is not None, "no failed job in the first pages"
    app.table.move_cursor_to(failed)
    above = max(1, min(6, (app.table.size.height - 2) // 3))  # a few rows above it
    app.table.scroll_to(y=max(0, app.view_ids().index(failed) - above), animate=False)
    await pilot.press("enter")
    await _settle(pilot)


async def server_error(pilot: Pilot[None]) -> None:
    """The server failing: every call answered 503 with Retry-After; the status line shows the
    error and when it tries again, and the jobs already loaded stay on screen."""
    await _settle(pilot)
    app = pilot.app
    assert isinstance(app, SoraApp) and app.link.emulator is not None and app.poller is not None
    poller = app.poller
    # x-should-retry: false: the client gives up at once instead of waiting RETRY_AFTER twice.
    app.link.emulator.faults.add(
        Fault("status", status=503, retry_after=str(RETRY_AFTER), should_retry="false", count=-1)
    )
    poller.refresh_now()  # what key r does, without its toast
    await wait_until(lambda: poller.report.state == "retrying", "the feed to fail")
    await pilot.pause()


async def filter_failed(pilot: Pilot[None]) -> None:
    """Key 5: only failed jobs (the short view pulls in every page, so the counts are final)."""
    await _settle(pilot)
    await pilot.press("5")
    await _settle(pilot, everything=True)


async def help_screen(pilot: Pilot[None]) -> None:
    """Key ?: every key, in sections (Navigation, Filters, Find & order, Job actions, View, App)."""
    await _settle(pilot)
    await pilot.press("question_mark")
    await pilot.pause()


def _steady_cursors(pilot: Pilot[None]) -> None:
    """Text cursors that do not blink, so a picture does not depend on when it is taken."""
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False


async def search(pilot: Pilot[None]) -> None:
    """Key / and a query: the jobs whose id, prompt, model or error mention it, as it is typed."""
    await _settle(pilot)
    await pilot.press("slash")
    _steady_cursors(pilot)
    await pilot.press(*"fox")
    await _settle(pilot, everything=True)  # a short view pulls in every page: final counts


async def thumbnail(pilot: Pilot[None]) -> None:
    """The newest landscape completed job's thumbnail in the detail pane (key t turns them on
    and off; on by default). Headless, it is drawn in coloured half cells, the fallback that
    works in every terminal."""
    await _settle(pilot)
    app = pilot.app
    assert isinstance(app, SoraApp)
    landscape = next(
        i
        for i in app.view_ids()
        if (v := app.store.get(i)) and v.status == COMPLETED and v.size == "1280x720"
    )
    app.table.move_cursor_to(landscape)
    await _settle(pilot)
    assert app.feature(Thumbnails).thumbnail.state == "image"


async def summary(pilot: Pilot[None]) -> None:
    """Key i over every job (loaded first, as the Failed filter does): jobs per day, by status,
    failure rate, time to complete, estimated cost by model."""
    await _settle(pilot)
    await pilot.press("5")
    await _settle(pilot, everything=True)
    await pilot.press("1", "i")
    await pilot.pause()


async def new_job(pilot: Pilot[None]) -> None:
    """Key n: the new-job form (prompt, model, size, seconds), a prompt typed in."""
    await _settle(pilot)
    await pilot.press("n")
    await pilot.pause()
    _steady_cursors(pilot)
    await pilot.press(*"A paper boat drifting down a rain-soaked street")
    await pilot.pause()


async def offline_start(pilot: Pilot[None]) -> None:
    """A restart with the server down (its own app: ``history_scenes.offline_app``): the rows
    the history kept, at once and dimmed; the status line says since when it is offline."""
    app = pilot.app
    assert isinstance(app, SoraApp)
    await wait_until(lambda: app.feed_report and app.feed_report.error, "the first failure")
    await pilot.pause()


async def gone_jobs(pilot: Pilot[None]) -> None:
    """Jobs deleted on the server by someone else stay in the history; key 7 shows them, the
    pane says when each was last seen and why it went."""
    await _settle(pilot)
    app = pilot.app
    assert isinstance(app, SoraApp) and app.link.emulator is not None and app.poller is not None
    doomed = list(app.view_ids())[2:14:4]
    for video_id in doomed:
        app.link.emulator.world.delete(video_id)
    app.poller.refresh_now()
    gone = app.remembered.gone
    await wait_until(lambda: all(i in gone for i in doomed), "the jobs among the gone")
    await pilot.press("7")
    await _settle(pilot)


async def fleet_view(pilot: Pilot[None]) -> None:
    """Three servers in one table: two answering, their jobs interleaved newest first with a
    Server column and tabs; the third down, said in the status line."""
    app = pilot.app
    assert isinstance(app, SoraApp)
    line = app.query_one(StatusLine)

    def ready() -> bool:
        states = dict(line.fleet)
        return (
            len(states) == len(FLEET)
            and all(states[n].last_success is not None for n in FLEET[:2])
            and states[FLEET[2]].error is not None
        )

    await wait_until(ready, "two servers' pages and the third's failure")
    _steady_cursors(pilot)
    await pilot.pause()


SCENES: Final[dict[str, Scene]] = {
    "main": main_screen,
    "failed-detail": failed_detail,
    "filter-failed": filter_failed,
    "search": search,
    "thumbnail": thumbnail,
    "summary": summary,
    "new-job": new_job,
    "help": help_screen,
    "error": server_error,
    "offline-start": offline_start,
    "gone": gone_jobs,
    "fleet": fleet_view,
}


class Shot(NamedTuple):
    """One picture: a scene at a terminal size."""

    scene: str
    size: tuple[int, int]


def _sized(name: str, size: tuple[int, int]) -> str:
    return name if size == SIZE else f"{name}-{size[0]}x{size[1]}"


LAYOUT_SCENES: Final = ("main", "failed-detail", "error", "offline-start", "fleet")
# Every scene at SIZE under its own name; the layout scenes also at NARROW ("main-80x24").
SHOTS: Final[dict[str, Shot]] = {
    _sized(name, size): Shot(name, size)
    for name in SCENES
    for size in ((SIZE, NARROW) if name in LAYOUT_SCENES else (SIZE,))
}
