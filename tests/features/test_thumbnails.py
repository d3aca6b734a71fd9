"""Thumbnails: the highlighted completed job's picture, fetched from the emulator in a worker."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from pydantic import SecretStr
from textual.pilot import Pilot

from tests.app_helpers import (
    toasts,
)
from tests.waiting import wait_until
from tui import clock
from tui.app import SoraApp
from tui.emulator import EmulatorServer
from tui.emulator.faults import Fault
from tui.features.thumbnails import NOT_SERVED, Thumbnails, wants_thumbnail
from tui.settings import Settings
from tui.widgets.detail_pane import DetailPane
from tui.widgets.thumbnail import PICTURE_LINES, Thumbnail

SIZE = (150, 45)


_App = SoraApp


class _NoDebounce(Thumbnails):
    THUMBNAIL_DEBOUNCE = 0.0


class _Patient(Thumbnails):
    THUMBNAIL_DEBOUNCE = 1.0  # longer than a Pilot pause on any machine


_NoDebounceApp, _PatientApp = _NoDebounce, _Patient


def thumbs(app: SoraApp) -> Thumbnails:
    return app.feature(Thumbnails)


def make_app(server: EmulatorServer, feature: type[Thumbnails] = Thumbnails) -> SoraApp:
    settings = Settings.model_validate(
        {
            "base_url": server.base_url,
            "api_key": SecretStr("sk-test-thumbnails"),
            "page_size": 100,
            "fast_interval": 0.25,
            "slow_interval": 0.5,
            "timeout": 2.0,
        }
    )
    return SoraApp(settings, features=(feature,))


def content_requests(server: EmulatorServer, video_id: str | None = None) -> list[Any]:
    return [
        r
        for r in server.requests
        if r.path.endswith("/content") and (video_id is None or f"/{video_id}/" in r.path)
    ]


def list_requests(server: EmulatorServer) -> int:
    return sum(1 for r in server.requests if r.method == "GET" and r.path.endswith("/videos"))


async def loaded(app: _App, server: EmulatorServer) -> None:
    await wait_until(lambda: len(app.store) == len(server.world) and app.table.row_count > 0)


def ids_where(app: _App, keep: Callable[[Any], bool]) -> list[str]:
    return [v.id for v in app.store if keep(v)]


def showable(app: _App) -> list[str]:
    now = clock.now()
    return ids_where(app, lambda v: wants_thumbnail(v, now))


def painted(thumbnail: Thumbnail) -> list[str]:
    """The picture as the pane paints it: half cells, lines of its text (the blank one after
    left out)."""
    fields = thumbnail.app.query_one(DetailPane).fields
    return fields.row_lines("picture")[:-1]


def no_picture(thumbnail: Thumbnail) -> bool:
    fields = thumbnail.app.query_one(DetailPane).fields
    return not fields.shown("picture") and not thumbnail.overlaid


def note(thumbnail: Thumbnail) -> str:
    """The slot's note as the pane paints it: a line of the pane's text (loading, or why)."""
    fields = thumbnail.app.query_one(DetailPane).fields
    return "".join(fields.value_text(name) for name in ("thumbnail", "thumbnail-reason"))


async def highlight(pilot: Pilot[None], app: _App, video_id: str) -> Thumbnail:
    """Move the cursor and wait until the app has handled it (the pane shows the job)."""
    pane = app.query_one(DetailPane)
    app.table.move_cursor_to(video_id)
    await wait_until(lambda: pane.video is not None and pane.video.id == video_id)
    return pane.thumbnail


async def test_completed_job_shows_a_half_cell_picture(
    make_emulator: Callable[..., EmulatorServer],
) -> None:
    server = make_emulator(jobs=40, manual_clock=True)
    app = make_app(server)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, server)
        target = showable(app)[0]
        thumbnail = await highlight(pilot, app, target)
        await wait_until(lambda: thumbnail.state == "image" and "▀" in "".join(painted(thumbnail)))
        assert thumbnail.video_id == target and thumbnail.renderer == "halfcell"
        assert not thumbnail.display and not thumbnail.overlaid  # no widget: lines of the text
        lines = painted(thumbnail)
        assert len(lines) == PICTURE_LINES and note(thumbnail) == ""
        assert sum(line.count("▀") for line in lines) > 50
        # at the top of the pane's text, and scrolled with it
        fields = app.query_one(DetailPane).fields
        assert fields.render_line(0).text[: fields.text_width] == lines[0]
        await pilot.resize_terminal(SIZE[0], 24)  # shorter than the pane's text: it scrolls
        await wait_until(lambda: fields.size.height < fields.virtual_size.height)
        fields.scroll_to(y=3, animate=False, immediate=True)
        await wait_until(lambda: fields.render_line(0).text[: fields.text_width] == lines[3])
        assert len(content_requests(server, target)) == 1
        assert content_requests(server)[0].query.get("variant") == "thumbnail"


async def test_a_sixel_or_kitty_picture_is_drawn_over_the_text_and_scrolls_with_it(
    make_emulator: Callable[..., EmulatorServer], monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a terminal that draws sixel or kitty graphics, textual-image's widget draws the
    picture, over blank lines at the top of the pane's text, and follows the text's scroll."""
    monkeypatch.setattr(Thumbnail, "draws_lines", property(lambda self: False))
    server = make_emulator(jobs=40, manual_clock=True)
    app = make_app(server, _NoDebounceApp)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, server)
        thumbnail = await highlight(pilot, app, showable(app)[0])
        await wait_until(lambda: thumbnail.state == "image" and thumbnail.overlaid)
        picture = thumbnail.picture
        assert picture is not None and thumbnail.display

        def drawn() -> int:
            lines = [picture.render_line(y).text for y in range(picture.size.height)]
            return sum(line.count("▀") for line in lines)

        await wait_until(lambda: picture.size.height == PICTURE_LINES and drawn() > 50)
        fields = app.query_one(DetailPane).fields
        await wait_until(lambda: len(fields.row_lines("picture")) == PICTURE_LINES + 1)
        assert not "".join(fields.row_lines("picture")).strip()  # blank lines under it
        await wait_until(lambda: thumbnail.region.y == fields.region.y)
        await pilot.resize_terminal(SIZE[0], 24)  # shorter than the pane's text: it scrolls
        await wait_until(lambda: fields.size.height < fields.virtual_size.height)
        fields.scroll_to(y=3, animate=False, immediate=True)
        await wait_until(lambda: thumbnail.region.y == fields.region.y - 3)


async def test_queued_job_fetches_nothing_until_it_completes(
    make_emulator: Callable[..., EmulatorServer],
) -> None:
    server = make_emulator(jobs=40, manual_clock=True)
    app = make_app(server, _NoDebounceApp)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, server)
        target = ids_where(app, lambda v: v.in_flight)[0]
        thumbnail = await highlight(pilot, app, target)
        polls = list_requests(server)
        await wait_until(lambda: list_requests(server) >= polls + 3)  # the app kept working
        assert content_requests(server) == []
        assert thumbnail.state == "empty" and no_picture(thumbnail)

        now = int(server.world.now)  # the job completes
        server.world.force(
            target, status="completed", progress=100, completed_at=now, expires_at=now + 86400
        )
        await wait_until(
            lambda: (v := app.store.get(target)) is not None and v.status == "completed"
        )
        await wait_until(lambda: thumbnail.state == "image" and thumbnail.video_id == target)
        assert len(content_requests(server, target)) == 1


async def test_moving_fast_fetches_only_where_the_cursor_rests(
    make_emulator: Callable[..., EmulatorServer],
) -> None:
    server = make_emulator(jobs=60, manual_clock=True)
    app = make_app(server, _PatientApp)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, server)
        passing = showable(app)[:4]
        assert len(passing) == 4
        for video_id in passing:  # each move handled, but the cursor never rests for a second
            thumbnail = await highlight(pilot, app, video_id)
            assert thumbnail.state == "loading" and thumbnail.video_id == video_id
        await wait_until(lambda: thumbnail.state == "image" and thumbnail.video_id == passing[-1])
        assert [r.path for r in content_requests(server)] == [
            r.path for r in content_requests(server, passing[-1])
        ]
        assert len(content_requests(server)) == 1


async def test_t_toggles_and_the_cache_saves_a_refetch(
    make_emulator: Callable[..., EmulatorServer],
) -> None:
    server = make_emulator(jobs=40, manual_clock=True)
    app = make_app(server)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, server)
        first, second = showable(app)[:2]
        thumbnail = await highlight(pilot, app, first)
        await wait_until(lambda: thumbnail.state == "image")
        await pilot.press("t")
        await pilot.pause()
        assert no_picture(thumbnail) and thumbnail.state == "empty"
        assert not thumbs(app).thumbnails_on
        await highlight(pilot, app, second)  # off: nothing is fetched
        await highlight(pilot, app, first)
        assert len(content_requests(server)) == 1
        await pilot.press("t")
        await wait_until(lambda: thumbnail.state == "image" and not no_picture(thumbnail))
        assert thumbnail.video_id == first
        assert len(content_requests(server)) == 1  # drawn again from the cache


async def test_a_failed_fetch_says_why_and_the_app_goes_on(
    make_emulator: Callable[..., EmulatorServer],
) -> None:
    server = make_emulator(jobs=40, manual_clock=True)
    app = make_app(server)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, server)
        target, other = showable(app)[:2]
        server.faults.add(
            Fault("status", status=403, path=f"/v1/videos/{target}/content", count=-1)
        )
        thumbnail = await highlight(pilot, app, target)
        await wait_until(lambda: thumbnail.state == "reason" and note(thumbnail))
        assert note(thumbnail).startswith("No thumbnail: 403")
        assert not thumbnail.display  # the note is a line of the pane's text, no picture
        assert no_picture(thumbnail)
        # the app still works: another job's picture arrives
        await highlight(pilot, app, other)
        await wait_until(lambda: thumbnail.state == "image" and thumbnail.video_id == other)


async def test_bytes_that_are_no_image_say_so(
    make_emulator: Callable[..., EmulatorServer],
) -> None:
    server = make_emulator(jobs=40, manual_clock=True)
    app = make_app(server)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, server)
        target = showable(app)[0]
        server.faults.add(Fault("garbage", path=f"/v1/videos/{target}/content"))
        thumbnail = await highlight(pilot, app, target)
        await wait_until(lambda: thumbnail.state == "reason" and "not an image" in note(thumbnail))


async def test_expired_content_is_not_fetched(
    make_emulator: Callable[..., EmulatorServer],
) -> None:
    server = make_emulator(jobs=80, manual_clock=True)
    app = make_app(server, _NoDebounceApp)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, server)
        now = clock.now()
        expired = ids_where(
            app,
            lambda v: v.status == "completed" and v.expires_at is not None and v.expires_at <= now,
        )
        thumbnail = await highlight(pilot, app, expired[0])
        assert thumbnail.state == "reason"
        await wait_until(lambda: "expired" in note(thumbnail))
        polls = list_requests(server)
        await wait_until(lambda: list_requests(server) >= polls + 3)
        assert content_requests(server) == []


async def test_in_help_and_palette(make_emulator: Callable[..., EmulatorServer]) -> None:
    server = make_emulator(jobs=5, manual_clock=True)
    app = make_app(server)
    async with app.run_test(size=SIZE) as pilot:
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Thumbnails: turn off" in titles
        await pilot.press("question_mark")
        await pilot.pause()
        from tui.widgets.help_screen import HelpScreen

        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        rows = [row for group in help_screen.groups for row in group.rows]
        assert any(row.keys == "t" and row.description == "Thumbnails" for row in rows)


def thumbnail_toasts(app: _App) -> list[str]:
    return [n.message for n in toasts(app) if n.title == "Thumbnails"]


@pytest.mark.parametrize("flavour", ["litellm", "sglang"])
async def test_a_server_that_sends_the_mp4_is_told_once_and_asked_once(
    make_emulator: Callable[..., EmulatorServer], flavour: str
) -> None:
    server = make_emulator(jobs=20, manual_clock=True, flavour=flavour)
    app = make_app(server, _NoDebounceApp)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, server)
        first, second, third = showable(app)[:3]
        thumbnail = await highlight(pilot, app, first)
        await wait_until(lambda: note(thumbnail) == f"No thumbnail: {NOT_SERVED}")
        assert thumbnail.state == "reason" and no_picture(thumbnail)  # nothing drawn
        assert thumbnail_toasts(app) == [
            "The server sent video/mp4 for the thumbnail: it does not serve thumbnails."
        ]
        for video_id in (second, third, first):
            assert await highlight(pilot, app, video_id) is thumbnail  # the pane's one widget
            assert thumbnail.state == "reason" and thumbnail.video_id == video_id
            await wait_until(lambda: note(thumbnail) == f"No thumbnail: {NOT_SERVED}")
        assert len(content_requests(server)) == 1  # the other rows ask nothing
        assert len(thumbnail_toasts(app)) == 1  # said once, not on every row
