"""`list` and `show` across a fleet: three emulators on free ports, one profile each, asked at
once; one list newest first with a server field, `show server:id`, a failing server that loses
only its own jobs, a history per server. One profile prints exactly what it printed before."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import tui.cli
from tui.cli import main
from tui.commands.output import iso_time
from tui.emulator import EmulatorServer, Fault
from tui.history import history_file
from tui.settings import Settings

Run = Callable[..., tuple[int, str, str]]
Servers = dict[str, EmulatorServer]
FLEET = ("--profile", "a", "--profile", "b", "--profile", "c")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No key, base URL or config of the machine running the tests leaks in."""
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SORA_TUI_CONFIG", str(tmp_path / "absent.toml"))


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    def call(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return call


def write_config(tmp_path: Path, servers: Servers, extra: str = "") -> Path:
    """A config naming one keyless profile per server, then ``extra``; SORA_TUI_CONFIG's file."""
    text = "".join(
        f'[profiles.{name}]\nbase_url = "{server.base_url}"\napi_key_env = ""\n\n'
        for name, server in servers.items()
    )
    path = tmp_path / "absent.toml"  # the file clean_environment points SORA_TUI_CONFIG at
    path.write_text(text + extra)
    return path


@pytest.fixture
def distinct(make_emulator: Callable[..., EmulatorServer], tmp_path: Path) -> Servers:
    """Three servers with worlds of their own (no id in common)."""
    servers = {
        "a": make_emulator(jobs=40, manual_clock=True, seed=11),
        "b": make_emulator(jobs=30, manual_clock=True, seed=12),
        "c": make_emulator(jobs=25, manual_clock=True, seed=13),
    }
    write_config(tmp_path, servers)
    return servers


@pytest.fixture
def twins(make_emulator: Callable[..., EmulatorServer], tmp_path: Path) -> Servers:
    """b and c share a seed and an epoch: the same ids, the same jobs, on two servers (without
    the epoch, two emulators started in different seconds would date their jobs apart)."""
    epoch = 1_795_600_000.0
    servers = {
        "a": make_emulator(jobs=20, manual_clock=True, seed=21, epoch=epoch),
        "b": make_emulator(jobs=15, manual_clock=True, seed=22, epoch=epoch),
        "c": make_emulator(jobs=15, manual_clock=True, seed=22, epoch=epoch),
    }
    write_config(tmp_path, servers)
    return servers


def fleet_order(servers: Servers, *, ascending: bool = False) -> list[tuple[str, str]]:
    """Every (server, id) of the worlds, newest first by (created_at, id), ties in fleet order
    (a stable sort of the rows taken in fleet order)."""
    rows = [
        (job["created_at"], job["id"], name)
        for name, server in servers.items()
        for job in server.world.snapshot()
    ]
    rows.sort(key=lambda row: (row[0], row[1]), reverse=not ascending)
    return [(name, video_id) for _, video_id, name in rows]


def job_on(server: EmulatorServer, video_id: str) -> dict[str, Any]:
    """The job ``video_id`` as ``server`` has it now (it must have it)."""
    job = server.world.get(video_id)
    assert job is not None, video_id
    return job


def list_calls(server: EmulatorServer) -> list[dict[str, str]]:
    return [r.query for r in server.requests if r.method == "GET" and r.path == "/v1/videos"]


def pairs(out: str) -> list[tuple[str, str]]:
    return [(job["server"], job["id"]) for job in json.loads(out)]


def test_list_all_merges_every_server_in_one_order(distinct: Servers, run: Run) -> None:
    code, out, err = run("list", *FLEET, "--all", "--json", "--limit", "7")
    assert (code, err) == (0, "")
    listed = json.loads(out)
    assert pairs(out) == fleet_order(distinct)  # one order, no duplicate, no gap
    assert len(listed) == len(set(pairs(out))) == 40 + 30 + 25
    for job in listed:  # each job is its own server's, whole, and says which server
        assert job == {"server": job["server"], **job_on(distinct[job["server"]], job["id"])}
        assert next(iter(job)) == "server"
    for server in distinct.values():  # every page of each server, 7 at a time
        calls = list_calls(server)
        assert len(calls) == len(server.world) // 7 + 1
        assert {call["limit"] for call in calls} == {"7"}
    code, out, _ = run("list", *FLEET, "--all", "--json", "--order", "asc")
    assert code == 0 and pairs(out) == fleet_order(distinct, ascending=True)


def test_limit_is_n_jobs_in_total_from_the_fleet_in_the_config(
    distinct: Servers, run: Run, tmp_path: Path
) -> None:
    write_config(tmp_path, distinct, '[fleet]\nprofiles = ["a", "b", "c"]\n')
    code, out, err = run("list", "--json", "--limit", "9")  # no --profile: the file's [fleet]
    assert (code, err) == (0, "")
    assert pairs(out) == fleet_order(distinct)[:9]
    for server in distinct.values():
        assert list_calls(server) == [{"limit": "9"}]  # each asked for 9, once
    code, out, _ = run("list", "--csv", "--limit", "9", "--status", "in_progress")
    rows = list(csv.DictReader(io.StringIO(out)))
    newest = dict.fromkeys(fleet_order(distinct)[:9])
    statuses = {(r["server"], r["id"]): r["status"] for r in rows}
    assert list(statuses) == [
        key for key in newest if job_on(distinct[key[0]], key[1])["status"] == "in_progress"
    ]
    assert set(statuses.values()) == {"in_progress"} and next(iter(rows[0])) == "server"


def test_the_same_id_on_two_servers_is_two_rows(twins: Servers, run: Run) -> None:
    code, out, _ = run("list", *FLEET, "--all", "--csv")
    rows = [(row["server"], row["id"]) for row in csv.DictReader(io.StringIO(out))]
    assert code == 0 and rows == fleet_order(twins) and len(rows) == 20 + 15 + 15
    shared = {job["id"] for job in twins["b"].world.snapshot()}
    for video_id in shared:
        assert [server for server, id_ in rows if id_ == video_id] == ["b", "c"]
    code, table, _ = run("list", *FLEET, "--limit", "5")
    lines = table.splitlines()
    assert code == 0 and lines[0].split()[:3] == ["SERVER", "ID", "STATUS"]
    assert [tuple(line.split()[:2]) for line in lines[1:]] == fleet_order(twins)[:5]


def test_a_failing_server_loses_only_its_own_jobs(distinct: Servers, run: Run) -> None:
    distinct["b"].faults.add(Fault("status", status=503, should_retry="false", count=-1))
    code, out, err = run("list", *FLEET, "--all", "--json", "--limit", "10")
    assert code == 1
    healthy = {name: server for name, server in distinct.items() if name != "b"}
    assert pairs(out) == fleet_order(healthy)
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("sora-tui: server b failed: 503")
    # Each healthy server kept what it saw in its own history; b's has nothing.
    code, out, err = run("list", *FLEET, "--history", "--json")
    assert code == 0 and pairs(out) == fleet_order(healthy)
    b_history = history_file(distinct["b"].base_url, "b")
    assert f"sora-tui: b: from history {b_history} (0 jobs, 0 gone)" in err.splitlines()


def test_each_server_keeps_its_own_history_and_list_history_merges_them(
    twins: Servers, run: Run
) -> None:
    code, listed, _ = run("list", *FLEET, "--all", "--json")
    assert code == 0
    for server in twins.values():
        server.stop()  # offline: the histories answer alone
    code, out, err = run("list", *FLEET, "--history", "--json")
    assert code == 0
    remembered = json.loads(out)
    assert pairs(out) == pairs(listed)  # the same rows, the same order: one per server and id
    assert [{k: v for k, v in job.items() if k in json.loads(listed)[0]} for job in remembered] == (
        json.loads(listed)
    )
    assert {job["gone"] for job in remembered} == {False}
    for name, server in twins.items():
        path = history_file(server.base_url, name)
        assert f"sora-tui: {name}: from history {path} ({len(server.world)} jobs, 0 gone)" in err
    code, table, _ = run("list", *FLEET, "--history")
    header = table.splitlines()[0].split()
    assert code == 0 and header[:4] == ["SERVER", "ID", "STATUS", "GONE"]


def test_show_server_id_asks_that_server_alone(twins: Servers, run: Run) -> None:
    job = twins["b"].world.snapshot()[4]
    code, out, err = run("show", f"b:{job['id']}", *FLEET)
    assert (code, err) == (0, "")
    assert out.startswith(f"server:       b\nid:           {job['id']}\n")
    assert job["prompt"] in out
    assert twins["a"].requests == [] and twins["c"].requests == []
    assert [r.path for r in twins["b"].requests] == [f"/v1/videos/{job['id']}"]
    code, out, _ = run("show", f"c:{job['id']}", "--json", *FLEET)
    assert code == 0 and json.loads(out) == {"server": "c", **job_on(twins["c"], job["id"])}
    assert twins["a"].requests == []


def test_a_bare_id_is_looked_for_on_every_server(twins: Servers, run: Run) -> None:
    shared = twins["b"].world.snapshot()[2]["id"]
    code, out, err = run("show", shared, *FLEET)
    assert (code, out) == (2, "")
    job = job_on(twins["b"], shared)
    assert job == job_on(twins["c"], shared)
    assert err.splitlines() == [
        f"sora-tui: '{shared}' matches 2 jobs on 2 servers (b, c); give SERVER:ID:",
        f"  b:{shared}  {job['status']}  {iso_time(job['created_at'])}",
        f"  c:{shared}  {job['status']}  {iso_time(job['created_at'])}",
    ]
    only_a = twins["a"].world.snapshot()[-1]
    code, out, err = run("show", only_a["id"], "--json", *FLEET)
    assert (code, err) == (0, "")
    assert json.loads(out) == {"server": "a", **only_a}
    code, out, err = run("show", "video_nowhere", *FLEET)
    assert (code, out) == (1, "")
    assert err.splitlines()[0] == "sora-tui: no job matches 'video_nowhere' on a, b, c:"
    assert err.splitlines()[2] == (
        "  b: the server knows no such id (404), and none of the 15 jobs listed has such an id"
    )


def test_a_prefix_one_server_has_once_and_another_many_times_is_ambiguous(
    make_emulator: Callable[..., EmulatorServer], run: Run, tmp_path: Path
) -> None:
    servers = {
        "a": make_emulator(jobs=1, manual_clock=True, seed=31),
        "b": make_emulator(jobs=3, manual_clock=True, seed=32),
    }
    write_config(tmp_path, servers)
    code, out, err = run("show", "video_", "--profile", "a", "--profile", "b")
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert lines[0] == "sora-tui: 'video_' matches 4 jobs on 2 servers (a, b); give SERVER:ID:"
    assert [line.split()[0] for line in lines[1:]] == [
        f"{name}:{job['id']}" for name, server in servers.items() for job in server.world.snapshot()
    ]


def test_a_job_gone_from_its_server_is_shown_from_that_servers_history(
    distinct: Servers, run: Run
) -> None:
    job = distinct["b"].world.snapshot()[6]
    assert run("list", *FLEET, "--all")[0] == 0  # every server's history has its jobs
    assert distinct["b"].world.delete(job["id"])
    for given in (job["id"], f"b:{job['id']}"):
        code, out, err = run("show", given, *FLEET)
        assert code == 0, err
        assert out.startswith("GONE: ") and "\nserver:       b\nid:" in out
        assert err == f"sora-tui: {job['id']} is gone from server b (404): shown from its history\n"
    code, out, _ = run("show", job["id"], "--json", *FLEET)
    shown = json.loads(out)
    assert code == 0 and (shown["server"], shown["id"], shown["gone"]) == ("b", job["id"], True)


def test_show_while_a_server_fails_prints_the_job_and_names_the_server(
    distinct: Servers, run: Run
) -> None:
    distinct["c"].faults.add(Fault("status", status=503, should_retry="false", count=-1))
    job = distinct["a"].world.snapshot()[0]
    code, out, err = run("show", job["id"], "--json", *FLEET)
    assert code == 1 and json.loads(out) == {"server": "a", **job}
    assert err.startswith("sora-tui: server c failed: 503") and len(err.splitlines()) == 1


# --- one profile, as before ---------------------------------------------------------------------


def test_one_profile_prints_exactly_what_one_server_printed(
    distinct: Servers, run: Run, tmp_path: Path
) -> None:
    write_config(tmp_path, distinct, '[fleets.solo]\nprofiles = ["a"]\n')
    url = distinct["a"].base_url
    job = distinct["a"].world.snapshot()[3]["id"]
    for argv in (
        ("list", "--limit", "6"),
        ("list", "--json", "--all", "--limit", "15"),
        ("list", "--csv", "--status", "failed", "--all"),
        ("show", job),
        ("show", job, "--json"),
    ):
        before = run(*argv, "--base-url", url)  # no profile at all: the one server as ever
        assert before[0] == 0 and "server" not in before[1].lower().split("\n")[0], argv
        assert run(*argv, "--profile", "a") == before, argv
        assert run(*argv, "--fleet", "solo") == before, argv
    code, out, _ = run("list", "--json", "--limit", "4", "--profile", "a")
    listed = json.loads(out)
    assert code == 0 and len(listed) == 4
    assert all(item == distinct["a"].world.get(item["id"]) for item in listed)  # no server field
    assert run("show", f"a:{job}", "--profile", "a") == run("show", job, "--base-url", url)


def test_the_dashboard_of_a_fleet_runs_every_profile_in_one_app(
    distinct: Servers, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[tuple[Settings, Any]] = []
    monkeypatch.setattr(
        tui.cli,
        "start_dashboard",
        lambda settings, build=None, **_: started.append((settings, build)),
    )
    code, out, err = run("--profile", "b", "--profile", "a", "--profile", "c")
    assert (code, out, err) == (0, "", "")
    settings, build = started[-1]
    assert (settings.profile, settings.base_url) == ("b", distinct["b"].base_url)  # the first
    app = build(settings)
    assert app.servers == ("b", "a", "c")  # one table of all three, in the order given
    assert [app.server_for(app.key_of(n, "x")).settings.base_url for n in "bac"] == [
        distinct[n].base_url for n in "bac"
    ]
    code, _, err = run("--profile", "c")
    assert (code, err) == (0, "") and started[-1][0].base_url == distinct["c"].base_url
    assert started[-1][1] is None  # one profile: the dashboard exactly as before


# --- choosing the fleet: what is refused, and why ------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ("--fleet", "pair", "--profile", "a", "list"),
            (
                "--fleet and --profile both choose the servers: give one or the other "
                "(--fleet pair or --profile a)"
            ),
        ),
        (("list", "--fleet", "nope"), "--fleet 'nope': no [fleets.nope] in {config}"),
        (("list", "--profile", "a", "--profile", "a"), "--profile 'a' is given twice"),
        (
            ("--profile", "a", "list", "--profile", "b", "--base-url", "http://x.example/v1"),
            "--base-url names one server, and --profile chose 2 (a, b)",
        ),
        (("--profile", "a", "--profile", "zz", "list"), "no profile 'zz' in {config}"),
        (
            ("show", "c:video_x", "--profile", "a", "--profile", "b"),
            (
                "'c' is a profile of the config file but not a server of this run (a, b): "
                "add --profile c"
            ),
        ),
    ],
)
def test_a_fleet_that_cannot_be_run_is_refused(
    distinct: Servers, run: Run, tmp_path: Path, argv: tuple[str, ...], message: str
) -> None:
    config = write_config(tmp_path, distinct, '[fleets.pair]\nprofiles = ["a", "b"]\n')
    code, out, err = run(*argv)
    assert (code, out) == (2, "")
    assert err.startswith("sora-tui: " + message.format(config=config))
    assert len(err.splitlines()) == 1
    assert all(server.requests == [] for server in distinct.values())


def test_profiles_before_and_after_the_command_word_add_up(distinct: Servers, run: Run) -> None:
    code, out, _ = run("--profile", "c", "list", "--profile", "a", "--json", "--limit", "100")
    assert code == 0 and pairs(out) == [
        pair for pair in fleet_order(distinct) if pair[0] in ("a", "c")
    ]
    assert distinct["b"].requests == []


def test_history_path_names_each_servers_file(distinct: Servers, run: Run) -> None:
    code, out, _ = run("history", "path", *FLEET)
    expected = [str(history_file(server.base_url, name)) for name, server in distinct.items()]
    assert (code, out.splitlines()) == (0, expected)
    code, _, err = run("history", "export", *FLEET)
    assert code == 2 and "one server at a time" in err
