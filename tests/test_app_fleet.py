"""A fleet in one table: three emulators on loopback (healthy, faulting then recovering, slow),
each failing on its own, every job of every server reachable in one order."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from textual.widgets import Select, TextArea

from tests.app_helpers import fast_settings, status_line_text, wait_for
from tui.api.models import Video
from tui.app import SoraApp
from tui.app.fleet_link import FleetLink
from tui.emulator import EmulatorServer
from tui.emulator.faults import Fault
from tui.feed.poller import FeedReport
from tui.feed.store import StoreChange
from tui.fleet import Fleet
from tui.job_keys import job_key, split_key
from tui.screens.confirm import ConfirmScreen
from tui.screens.job_form import JobForm
from tui.settings import Settings
from tui.widgets.server_bar import ServerBar

MakeEmulator = Callable[..., EmulatorServer]
SIZE = (160, 45)
POLLING = {"fast_interval": 0.25, "slow_interval": 0.5}
REPORT = FeedReport(
    server="http://127.0.0.3:9/v1",
    state="live",
    last_success=None,
    next_poll_at=None,
    error=None,
    retry_at=None,
    loaded=1,
    end_reached=False,
    end_note=None,
    loading_page=False,
    in_flight=0,
)


def fleet_app(servers: Mapping[str, EmulatorServer], **fields: Any) -> SoraApp:
    values = {**POLLING, **fields}
    members = tuple(
        fast_settings(server, profile=name, **values) for name, server in servers.items()
    )
    fleet = Fleet(members, "--profile")
    return SoraApp(fleet.default, fleet=fleet)


def truth(servers: Mapping[str, EmulatorServer]) -> list[str]:
    """Every job of every server, keyed (server, id), newest first as the table orders them."""
    keyed = [
        (job["created_at"], job_key(name, job["id"]))
        for name, server in servers.items()
        for job in server.world.snapshot()
    ]
    return [key for _, key in sorted(keyed, reverse=True)]


def reports(app: SoraApp) -> dict[str, FeedReport]:
    link = app.link
    return dict(getattr(link, "reports", {}))


def settled_prefix(app: SoraApp) -> list[str]:
    """The rows no server can still add a job above: those at or above the newest of the
    oldest loaded jobs of the servers with more to give."""
    link: Any = app.link
    horizon = None
    for name in link.members:
        report = reports(app).get(name)
        if report is not None and report.end_reached:
            continue
        oldest = link.view.oldest_key(name)
        if oldest is None:
            return []
        horizon = oldest if horizon is None else max(horizon, oldest)
    rows = list(app.view_ids())
    if horizon is None:
        return rows
    return [key for key in rows if (app.store.get(key).created_at, key) >= horizon]  # type: ignore[union-attr]


async def test_every_job_of_every_server_is_reachable_by_scrolling_in_one_order(
    make_emulator: MakeEmulator,
) -> None:
    servers = {
        "alpha": make_emulator(jobs=45, seed=1, manual_clock=True),
        "beta": make_emulator(jobs=30, seed=2, manual_clock=True),
        "gamma": make_emulator(jobs=35, seed=3, manual_clock=True),
    }
    # beta answers 503 with Retry-After twice, then recovers; gamma answers every request late.
    servers["beta"].faults.add(Fault("status", status=503, retry_after="1", count=2))
    servers["gamma"].faults.add(Fault("slow", delay=0.3, count=-1))
    expected = truth(servers)
    app = fleet_app(servers, page_size=10)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(lambda: len(reports(app)) == 3, "a report from every server")
        for _ in range(80):
            view = list(app.view_ids())
            assert len(view) == len(set(view)), "a job shown twice"
            settled = settled_prefix(app)
            assert settled == expected[: len(settled)], "a server's job skipped between rows"
            if view == expected and app.feed_report and app.feed_report.end_reached:
                break
            await pilot.press("pagedown")
            await wait_for(
                lambda: app.feed_report is not None and not app.feed_report.loading_page,
                "the pages asked for",
            )
        assert list(app.view_ids()) == expected
        assert list(app.table.ids) == expected  # what the table paints, not only the view
        beta = reports(app)["beta"]
        assert beta.error is None and beta.last_success is not None  # it recovered


async def test_the_healthy_servers_changes_reach_the_screen_while_the_others_fail(
    make_emulator: MakeEmulator,
) -> None:
    servers = {
        "alpha": make_emulator(jobs=30, seed=1, manual_clock=True),
        "beta": make_emulator(jobs=20, seed=2, manual_clock=True),
        "gamma": make_emulator(jobs=20, seed=3, manual_clock=True),
    }
    servers["beta"].faults.add(Fault("status", status=503, retry_after="1", count=-1))
    servers["gamma"].faults.add(Fault("slow", delay=20.0, count=-1))  # never answers in time
    alpha = servers["alpha"]
    app = fleet_app(servers, timeout=30.0)
    async with app.run_test(size=SIZE):
        await wait_for(lambda: len(app.store) == 30, "alpha's jobs")
        await wait_for(
            lambda: (r := reports(app).get("beta")) is not None and r.error, "beta's failure"
        )
        job = next(j for j in alpha.world.snapshot() if j["status"] == "in_progress")
        alpha.world.advance(4)
        now = alpha.world.get(job["id"])
        assert now is not None and now["progress"] != job["progress"]
        key = job_key("alpha", job["id"])
        await wait_for(
            lambda: (v := app.store.get(key)) is not None and v.progress == now["progress"],
            "alpha's change",
        )
        gamma = reports(app).get("gamma")
        assert gamma is None or gamma.last_success is None  # gamma has not answered yet
        assert not any(split_key(k)[0] != "alpha" for k in app.store.ordered_ids())
        line = status_line_text(app)
        assert "alpha ● live" in line and "beta" in line and "503" in line
        assert "gamma" in line


async def test_the_same_id_on_two_servers_is_two_jobs_and_actions_reach_the_right_one(
    make_emulator: MakeEmulator,
) -> None:
    # The same seed and epoch: both servers hold the very same ids.
    servers = {
        "alpha": make_emulator(jobs=12, seed=5, manual_clock=True, epoch=1_795_600_000.0),
        "beta": make_emulator(jobs=12, seed=5, manual_clock=True, epoch=1_795_600_000.0),
    }
    app = fleet_app(servers)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(lambda: len(app.store) == 24, "both servers' jobs")
        victim = next(
            j["id"] for j in servers["beta"].world.snapshot() if j["status"] == "completed"
        )
        assert servers["alpha"].world.get(victim) is not None
        app.table.move_cursor_to(job_key("beta", victim))
        await pilot.press("D")
        await wait_for(lambda: isinstance(app.screen, ConfirmScreen), "the question")
        await pilot.press("y")
        await wait_for(lambda: job_key("beta", victim) not in app.store, "the deletion")
        assert servers["beta"].world.get(victim) is None  # deleted on beta
        assert servers["alpha"].world.get(victim) is not None  # alpha's job of that id stays
        assert job_key("alpha", victim) in app.store

        app.table.move_cursor_to(job_key("beta", servers["beta"].world.snapshot()[0]["id"]))
        before = {name: len(server.world) for name, server in servers.items()}
        await pilot.press("n")
        form = app.screen
        assert isinstance(form, JobForm)
        assert form.query_one("#form-server", Select).value == "beta"  # the cursor job's
        form.query_one("#form-prompt", TextArea).load_text("A heron on one leg")
        await pilot.press("ctrl+s")
        await wait_for(lambda: not form.is_attached, "the form to close")
        assert len(servers["beta"].world) == before["beta"] + 1
        assert len(servers["alpha"].world) == before["alpha"]
        new = next(
            j for j in servers["beta"].world.snapshot() if j["prompt"] == "A heron on one leg"
        )
        assert app.table.cursor_id == job_key("beta", new["id"])


async def test_the_server_filter_and_search_over_server_names_count_each_server(
    make_emulator: MakeEmulator,
) -> None:
    servers = {
        "alpha": make_emulator(jobs=14, seed=1, manual_clock=True),
        "beta": make_emulator(jobs=9, seed=2, manual_clock=True),
        "gamma": make_emulator(jobs=6, seed=3, manual_clock=True),
    }
    app = fleet_app(servers)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(lambda: len(app.store) == 29, "every server's jobs")
        bar = app.query_one(ServerBar)
        await wait_for(lambda: "beta 9" in str(bar.render()), "the server counts")
        text = str(bar.render())
        assert "All 29" in text and "alpha 14" in text and "gamma 6" in text
        await pilot.press("f")  # alpha only
        assert {split_key(k)[0] for k in app.view_ids()} == {"alpha"}
        assert len(app.view_ids()) == 14
        await pilot.press("f")  # beta
        assert len(app.view_ids()) == 9 and bar.chosen == "beta"
        await pilot.press("f", "f")  # gamma, then every server again
        assert len(app.view_ids()) == 29
        await pilot.press("slash")
        await pilot.press(*"gamma")
        await wait_for(lambda: len(app.view_ids()) == 6, "the search on the server's name")
        assert {split_key(k)[0] for k in app.view_ids()} == {"gamma"}


async def test_members_that_change_together_reach_the_app_as_one_change_before_their_report() -> (
    None
):
    """Servers answering in the same turn of the event loop (pollers on one interval): their
    changes are in the merged store at once and reach the app as one change, so the rows, the
    counts and the features are redone once; a member's report hands on what is pending first,
    so paging never reads rows the app has not been given."""
    members = tuple(
        Settings.model_validate(
            {"base_url": f"http://127.0.0.{i + 1}:9/v1", "api_key": "k", "profile": name}
        )
        for i, name in enumerate(("alpha", "beta", "gamma"))
    )
    heard: list[tuple[str, object]] = []
    link = FleetLink(
        Fleet(members, "--profile"),
        on_change=lambda change: heard.append(("change", change)),
        on_report=lambda report: heard.append(("report", report)),
        on_reports=lambda reports: None,
        on_gone=lambda: None,
        on_history_failure=lambda text, *, severity, timeout: None,
    )
    jobs = {
        name: Video.model_validate(
            {"id": f"video_{name}", "status": "queued", "created_at": 1_700_000_000 + i}
        )
        for i, name in enumerate(("alpha", "beta", "gamma"))
    }
    for name in ("alpha", "beta"):
        link.member_changed(name, link.members[name].store.merge([jobs[name]]))
    both = {job_key("alpha", "video_alpha"), job_key("beta", "video_beta")}
    assert set(link.store.ordered_ids()) == both  # the merged store has them at once
    assert heard == []  # the app, once the loop turns
    await wait_for(lambda: heard, "the changes handed on")
    assert [kind for kind, _ in heard] == ["change"]
    assert isinstance(heard[0][1], StoreChange) and heard[0][1].added == both
    heard.clear()
    link.member_changed("gamma", link.members["gamma"].store.merge([jobs["gamma"]]))
    link.member_reported("gamma", REPORT)
    assert [kind for kind, _ in heard] == ["change", "report"]
    link.hand_on()  # what the loop turn would run: nothing is pending any more
    assert len(heard) == 2  # handed on once
    heard.clear()
    extra = Video.model_validate({"id": "video_more", "status": "queued", "created_at": 1})
    link.member_changed("alpha", link.members["alpha"].store.merge([extra]))
    made = link.add_job("beta", jobs["alpha"])  # made here: its change is the caller's
    assert [kind for kind, _ in heard] == ["change"]  # what arrived before it, handed on first
    assert made.added == {job_key("beta", "video_alpha")}
