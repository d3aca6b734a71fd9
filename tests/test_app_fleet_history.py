"""A fleet's actions and histories (issue 14 with issue 13): downloads and remixes reach the
job's own server and its own history; an offline member shows its history beside the live ones;
jobs gone from one server show in the Gone view as that server's; the summary adds up every
server's history. Two emulators on loopback holding the very same ids, so a job reached on the
wrong server would not go unnoticed."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from textual.widgets import Input, Static, TextArea

from tests.app_helpers import fast_settings, row_text, status_line_text, wait_for
from tui.app import SoraApp
from tui.emulator import EmulatorServer
from tui.feed.filters import GONE
from tui.fleet import Fleet
from tui.history import GONE_EXPIRED, history_file, open_history
from tui.job_keys import job_key, split_key
from tui.screens.download_dialog import DownloadDialog
from tui.screens.job_form import JobForm
from tui.widgets.detail_pane import DetailPane
from tui.widgets.server_panel import ServerPanel

MakeEmulator = Callable[..., EmulatorServer]
SIZE = (160, 45)
EPOCH = 1_795_600_000.0


def twins(make_emulator: MakeEmulator, jobs: int = 12) -> dict[str, EmulatorServer]:
    """Two servers with the same seed and epoch: the same ids on both."""
    return {
        name: make_emulator(jobs=jobs, seed=5, manual_clock=True, epoch=EPOCH)
        for name in ("alpha", "beta")
    }


def fleet_app(urls: Mapping[str, str], **fields: Any) -> SoraApp:
    values = {"fast_interval": 0.25, "slow_interval": 0.5, **fields}
    members = tuple(
        fast_settings(None, base_url=url, profile=name, **values) for name, url in urls.items()
    )
    fleet = Fleet(members, "--profile")
    return SoraApp(fleet.default, fleet=fleet)


def urls_of(servers: Mapping[str, EmulatorServer]) -> dict[str, str]:
    return {name: server.base_url for name, server in servers.items()}


def content_requests(server: EmulatorServer) -> list[str]:
    return [r.path for r in list(server.requests) if r.path.endswith("/content")]


def completed_id(server: EmulatorServer) -> str:
    return str(next(j["id"] for j in server.world.snapshot() if j["status"] == "completed"))


async def test_a_download_and_a_remix_reach_the_jobs_own_server_and_history(
    make_emulator: MakeEmulator, tmp_path: Path
) -> None:
    servers = twins(make_emulator)
    done = completed_id(servers["beta"])
    app = fleet_app(urls_of(servers))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(lambda: len(app.store) == 24, "both servers' jobs")
        app.table.move_cursor_to(job_key("beta", done))
        await pilot.press("d")
        dialog = app.screen
        assert isinstance(dialog, DownloadDialog)
        dialog.query_one("#download-folder", Input).value = str(tmp_path)
        await pilot.press("enter")
        target = tmp_path / f"{done}.mp4"
        pane = app.query_one(DetailPane)
        await wait_for(lambda: "Downloaded video" in pane.history_text, "the pane's history box")
        assert target.is_file() and str(target) in pane.history_text
        assert content_requests(servers["beta"]) == [f"/v1/videos/{done}/content"]
        assert content_requests(servers["alpha"]) == []  # the same id there: not asked

        before = {name: len(server.world) for name, server in servers.items()}
        await pilot.press("x")
        form = app.screen
        assert isinstance(form, JobForm)
        form.query_one("#form-prompt", TextArea).load_text("The same heron, at dusk")
        await pilot.press("ctrl+s")
        await wait_for(lambda: not form.is_attached, "the form to close")
        await wait_for(lambda: len(servers["beta"].world) == before["beta"] + 1, "the remix")
        assert len(servers["alpha"].world) == before["alpha"]
        remix = next(
            j for j in servers["beta"].world.snapshot() if j["prompt"] == "The same heron, at dusk"
        )
        assert remix["remixed_from_video_id"] == done
        await wait_for(lambda: app.table.cursor_id == job_key("beta", remix["id"]), "followed")
    for name, expected in (("beta", 1), ("alpha", 0)):
        server = servers[name]
        history = open_history(
            history_file(server.base_url, name), base_url=server.base_url, profile=name
        )
        try:
            assert len(history.downloads(done)) == expected, name
        finally:
            history.close()


async def test_an_offline_server_shows_its_history_beside_the_live_one(
    make_emulator: MakeEmulator,
) -> None:
    servers = twins(make_emulator, jobs=10)
    urls = urls_of(servers)
    first = fleet_app(urls)
    async with first.run_test(size=SIZE):
        await wait_for(lambda: len(first.store) == 20, "both servers' jobs, seen once")
        seen = list(first.view_ids())
    servers["beta"].stop()  # beta is down for the second session; its URL stays the same
    app = fleet_app(urls)
    async with app.run_test(size=SIZE):
        await wait_for(lambda: "beta ⟳ offline" in status_line_text(app), "beta said offline")
        await wait_for(
            lambda: not any(split_key(k)[0] == "alpha" for k in app.store.unconfirmed),
            "alpha's rows confirmed",
        )
        assert list(app.view_ids()) == seen  # beta's rows from its history, in their places
        unconfirmed = set(app.store.unconfirmed)
        assert unconfirmed == {k for k in seen if split_key(k)[0] == "beta"}  # dimmed
        line = status_line_text(app)
        assert "alpha ● live" in line and "beta ● live" not in line


async def test_a_job_gone_from_one_server_shows_in_the_gone_view_as_that_servers(
    make_emulator: MakeEmulator,
) -> None:
    servers = twins(make_emulator)
    victim = completed_id(servers["beta"])
    app = fleet_app(urls_of(servers))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(lambda: len(app.store) == 24, "both servers' jobs")
        assert servers["beta"].world.delete(victim)  # deleted elsewhere, on beta only
        key = job_key("beta", victim)
        await wait_for(lambda: key in app.remembered.gone, "beta's job among the gone")
        assert key not in app.store and job_key("alpha", victim) in app.store
        note = app.remembered.gone.note(key)
        # Its content expired days ago (the twins' epoch is in the past): that is why it went.
        assert note is not None and note.reason == GONE_EXPIRED
        await pilot.press("7")
        assert app.bucket == GONE
        await wait_for(lambda: list(app.view_ids()) == [key], "the Gone view")
        assert "beta" in row_text(app, key)


async def test_the_summary_adds_up_every_servers_history(make_emulator: MakeEmulator) -> None:
    servers = {
        "alpha": make_emulator(jobs=14, seed=1, manual_clock=True),
        "beta": make_emulator(jobs=9, seed=2, manual_clock=True),
    }
    app = fleet_app(urls_of(servers))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(lambda: len(app.store) == 23, "both servers' jobs")
        await pilot.press("i")
        days = app.screen.query_one("#summary-history", Static)
        await wait_for(lambda: "23 jobs" in str(days.content), "both histories' figures")
        failed = sum(1 for video in app.store if video.status == "failed")
        assert f"{failed} failed" in str(days.content)


async def test_f_shows_every_servers_state_in_full(make_emulator: MakeEmulator) -> None:
    alpha = make_emulator(jobs=8, seed=1, manual_clock=True)
    app = fleet_app({"alpha": alpha.base_url, "beta": "http://127.0.0.1:9/v1"})  # beta: down
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(lambda: len(app.store) == 8, "alpha's jobs")
        await pilot.press("F")
        assert isinstance(app.screen, ServerPanel)
        body = app.screen.query_one("#server-panel-body", Static)

        def shown() -> str:
            return str(body.content)

        await wait_for(lambda: "connection refused" in shown(), "beta's error in full")
        alpha_block, beta_block = shown().split("\n\n")
        assert alpha_block.startswith("alpha  ● live") and alpha.base_url in alpha_block
        assert "8 jobs loaded" in alpha_block
        assert beta_block.startswith("beta") and "http://127.0.0.1:9/v1" in beta_block
        assert "no answer yet since the start" in beta_block
        await pilot.press("escape")
        assert not isinstance(app.screen, ServerPanel)
