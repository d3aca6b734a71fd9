"""The history from the command line: `list` and `show` record what they see, `list --history`
and `history path / prune / export` read it without the server, `--no-history` and
`[history] enabled = false` leave no file."""

from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tui.api.models import Video
from tui.cli import main
from tui.emulator import EmulatorServer
from tui.history import GONE_EXPIRED, GONE_NOT_LISTED, history_file, open_history

SENTINEL = "sk-SENTINEL-never-in-the-history-0123456789"
DAY = 86_400.0

Run = Callable[..., tuple[int, str, str]]


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


def history_of(server: EmulatorServer) -> Path:
    return history_file(server.base_url, "default")


def why_gone(job: dict[str, object]) -> str:
    """What the history says of a job the server stopped listing: expired, when it had."""
    expires = job.get("expires_at")
    expired = isinstance(expires, int) and expires <= time.time()
    return GONE_EXPIRED if expired else GONE_NOT_LISTED


def from_history(run: Run, server: EmulatorServer) -> list[dict[str, object]]:
    code, out, err = run("list", "--history", "--json", "--base-url", server.base_url)
    assert code == 0, err
    assert err.startswith(f"sora-tui: from history {history_of(server)}")
    jobs: list[dict[str, object]] = json.loads(out)
    return jobs


def test_list_then_the_history_offline(emulator: EmulatorServer, run: Run) -> None:
    code, out, _ = run("list", "--all", "--json", "--base-url", emulator.base_url)
    listed = json.loads(out)
    assert code == 0 and len(listed) == 120
    served = len(emulator.requests)
    emulator.stop()
    jobs = from_history(run, emulator)
    assert [job["id"] for job in jobs] == [job["id"] for job in listed]  # newest first
    assert {job["gone"] for job in jobs} == {False}
    assert jobs[0]["prompt"] == listed[0]["prompt"] and jobs[0]["status"] == listed[0]["status"]
    assert len(emulator.requests) == served  # nothing asked of the server
    code, table, _ = run("list", "--history", "--base-url", emulator.base_url)
    lines = table.splitlines()
    assert code == 0 and lines[0].split()[:3] == ["ID", "STATUS", "GONE"]
    assert len(lines) == 121 and all(line.split()[2] == "-" for line in lines[1:])
    code, out, _ = run(
        "list", "--history", "--json", "--order", "asc", "--status", "failed",
        "--base-url", emulator.base_url,
    )  # fmt: skip
    failed = [job["id"] for job in reversed(listed) if job["status"] == "failed"]
    assert code == 0 and failed and [job["id"] for job in json.loads(out)] == failed


def test_the_demo_keeps_no_history(run: Run, history_folder: Path) -> None:
    """Its emulator makes a new world each run: a history would only collect 'gone' jobs."""
    code, out, _ = run("list", "--demo", "--json", "--limit", "3")
    assert code == 0 and json.loads(out)
    code, _, err = run("list", "--history", "--demo", "--json")
    assert code == 2 and "the demo keeps no history" in err
    assert not any(history_folder.iterdir())


def test_a_full_walk_marks_what_it_no_longer_sees_gone(emulator: EmulatorServer, run: Run) -> None:
    run("list", "--all", "--base-url", emulator.base_url)
    deleted = emulator.world.snapshot()[30]["id"]  # not the newest: proved by the walk
    assert emulator.world.delete(deleted)
    run("list", "--base-url", emulator.base_url)  # one page proves nothing
    assert not any(job["gone"] for job in from_history(run, emulator))
    code, _, err = run("list", "--all", "--limit", "50", "--base-url", emulator.base_url)
    assert (code, err) == (0, "")
    jobs = {job["id"]: job for job in from_history(run, emulator)}
    assert len(jobs) == 120  # the gone job stays in the history
    gone = [job for job in jobs.values() if job["gone"]]
    assert [job["id"] for job in gone] == [deleted]
    assert gone[0]["gone_reason"] == why_gone(gone[0])
    assert str(gone[0]["last_seen"]).endswith("Z") and gone[0]["gone_at"]
    code, table, _ = run("list", "--history", "--base-url", emulator.base_url)
    row = next(line for line in table.splitlines() if line.startswith(deleted))
    assert why_gone(gone[0]) in row


def test_a_walk_a_server_cut_short_proves_nothing(
    make_emulator: Callable[..., EmulatorServer], run: Run
) -> None:
    server = make_emulator(jobs=45, manual_clock=True, flavour="sglang")  # no paging keys
    run("list", "--all", "--base-url", server.base_url)
    assert server.world.delete(server.world.snapshot()[5]["id"])
    code, _, err = run("list", "--all", "--base-url", server.base_url)
    assert code == 1 and "server does not page" in err
    assert not any(job["gone"] for job in from_history(run, server))


def test_show_a_job_the_server_lost_from_the_history(emulator: EmulatorServer, run: Run) -> None:
    job = emulator.world.snapshot()[3]
    code, _, _ = run("show", job["id"], "--base-url", emulator.base_url)
    assert code == 0
    emulator.world.delete(job["id"])
    code, out, err = run("show", job["id"], "--base-url", emulator.base_url)
    assert code == 0
    assert out.startswith(f"GONE: {why_gone(job)} (from the history)\nlast seen: ")
    assert "id:" in out and job["prompt"] in out
    assert err == f"sora-tui: {job['id']} is gone from the server (404): shown from the history\n"
    code, out, _ = run("show", job["id"], "--json", "--base-url", emulator.base_url)
    shown = json.loads(out)
    assert code == 0 and shown["id"] == job["id"] and shown["gone"] is True
    assert shown["gone_reason"] == why_gone(job)
    # A job neither the server nor the history knows is still "no job matches".
    code, _, err = run("show", "video_never_was", "--base-url", emulator.base_url)
    assert code == 1 and "no job matches" in err


def test_export_json_and_csv_parse_back(emulator: EmulatorServer, run: Run, tmp_path: Path) -> None:
    run("list", "--all", "--base-url", emulator.base_url)
    emulator.world.delete(emulator.world.snapshot()[7]["id"])
    run("list", "--all", "--base-url", emulator.base_url)
    expected = from_history(run, emulator)
    code, out, err = run("history", "export", "--base-url", emulator.base_url)
    assert code == 0 and json.loads(out) == expected
    assert err == f"sora-tui: exported 120 jobs from history {history_of(emulator)}\n"
    target = tmp_path / "export.csv"
    code, out, _ = run(
        "history", "export", "--csv", "-o", str(target), "--base-url", emulator.base_url
    )
    assert (code, out) == (0, "")
    rows = list(csv.DictReader(io.StringIO(target.read_text())))
    assert [row["id"] for row in rows] == [job["id"] for job in expected]
    assert [row["gone"] for row in rows].count("true") == 1
    gone = next(row for row in rows if row["gone"] == "true")
    was = next(job for job in expected if job["gone"])
    assert (gone["gone_reason"], gone["last_seen"]) == (was["gone_reason"], was["last_seen"])
    assert gone["gone_reason"] == why_gone(was) and gone["last_seen"].endswith("Z")
    assert [row["prompt"] for row in rows] == [job["prompt"] or "" for job in expected]
    code, _, err = run(
        "history", "export", "-o", str(tmp_path / "no" / "x.json"), "--base-url", emulator.base_url
    )
    assert code == 1 and "cannot write" in err


def test_prune_deletes_what_was_not_seen_for_that_long(emulator: EmulatorServer, run: Run) -> None:
    run("list", "--limit", "10", "--base-url", emulator.base_url)
    path = history_of(emulator)
    old = [Video.model_validate(job) for job in emulator.world.snapshot()[50:53]]
    history = open_history(path, base_url=emulator.base_url, profile="default")
    history.record(old, seen_at=time.time() - 100 * DAY)
    history.close()
    code, out, _ = run("history", "prune", "--older-than", "90d", "--base-url", emulator.base_url)
    assert (code, out) == (0, f"pruned 3 jobs not seen for 90 days from {path}\n")
    assert len(from_history(run, emulator)) == 10
    code, out, _ = run("history", "prune", "--older-than", "1w", "--base-url", emulator.base_url)
    assert out.startswith("pruned 0 jobs")


def test_keep_days_prunes_when_a_command_closes_the_history(
    emulator: EmulatorServer, run: Run, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[history]\nkeep_days = 30\n")
    history = open_history(history_of(emulator), base_url=emulator.base_url, profile="default")
    history.record(
        [Video.model_validate(emulator.world.snapshot()[80])], seen_at=time.time() - 31 * DAY
    )
    history.close()
    run("--config", str(config), "list", "--limit", "5", "--base-url", emulator.base_url)
    assert len(from_history(run, emulator)) == 5
    code, out, _ = run("--config", str(config), "history", "prune", "--base-url", emulator.base_url)
    assert code == 0 and out.startswith("pruned 0 jobs not seen for 30 days")


@pytest.mark.parametrize("bad", ["90", "90x", "0d", "-3d", "d", "1.5w"])
def test_a_bad_duration_is_a_usage_error(bad: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["history", "prune", f"--older-than={bad}"])
    assert exit_.value.code == 2
    assert "not a duration" in capsys.readouterr().err


def test_prune_needs_an_age(emulator: EmulatorServer, run: Run) -> None:
    code, _, err = run("history", "prune", "--base-url", emulator.base_url)
    assert code == 2 and "--older-than" in err


def test_path_names_the_server_and_profile(
    emulator: EmulatorServer, run: Run, tmp_path: Path, history_folder: Path
) -> None:
    code, out, _ = run("history", "path", "--base-url", emulator.base_url)
    assert (code, out) == (0, f"{history_of(emulator)}\n")
    assert history_of(emulator).parent == history_folder
    assert run("history", "path")[0] == 2  # no key: the demo, which keeps none
    assert run("history", "path", "--demo")[0] == 2
    config = tmp_path / "config.toml"
    config.write_text(f'[profiles.Local]\nbase_url = "{emulator.base_url}"\napi_key_env = ""\n')
    _, out, _ = run("--config", str(config), "history", "path", "--profile", "Local")
    assert out == f"{history_file(emulator.base_url, 'Local')}\n" != f"{history_of(emulator)}\n"
    assert not list(history_folder.iterdir())  # asking for the path creates nothing


def test_no_history_writes_nothing(
    emulator: EmulatorServer, run: Run, tmp_path: Path, history_folder: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[history]\nenabled = false\n")
    job = emulator.world.snapshot()[0]["id"]
    for flags in (["--no-history"], ["--config", str(config)]):
        for argv in (["list", "--all"], ["show", job]):
            code, out, err = run(*argv, *flags, "--base-url", emulator.base_url)
            assert (code, err) == (0, "") and out
        for argv in (["history", "path"], ["history", "export"], ["list", "--history"]):
            code, out, err = run(*flags, *argv, "--base-url", emulator.base_url)
            assert (code, out) == (2, "")
            assert err.startswith("sora-tui: the history is off (")
        assert ("enabled = false" in err) == (flags[0] == "--config")
    assert list(history_folder.iterdir()) == []


def test_a_bad_history_table_is_a_clear_error(run: Run, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[ui]\npage_size = 10\n\n[history]\nkeep_days = -1\n")
    code, _, err = run("--config", str(config), "history", "path")
    assert code == 2
    assert err == f"sora-tui: {config} line 5: history.keep_days: Input should be greater than 0\n"


def test_the_key_is_never_written(
    make_emulator: Callable[..., EmulatorServer],
    run: Run,
    monkeypatch: pytest.MonkeyPatch,
    history_folder: Path,
) -> None:
    server = make_emulator(jobs=30, manual_clock=True, api_key=SENTINEL)
    monkeypatch.setenv("OPENAI_API_KEY", SENTINEL)
    code, _, _ = run("list", "--all", "--base-url", server.base_url)
    assert code == 0 and len(from_history(run, server)) == 30
    files = list(history_folder.rglob("*"))
    assert files
    for path in files:
        if path.is_file():
            assert SENTINEL.encode() not in path.read_bytes(), path


def test_a_history_that_cannot_open_leaves_the_command_working(
    emulator: EmulatorServer, run: Run
) -> None:
    path = history_of(emulator)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"this is not a database " * 100)
    code, out, err = run("list", "--limit", "3", "--json", "--base-url", emulator.base_url)
    assert code == 0 and len(json.loads(out)) == 3
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("sora-tui: history off: ")
    assert "moved aside" in lines[0]
    assert [p.name for p in path.parent.iterdir() if ".corrupt-" in p.name]  # never deleted


def test_reading_a_history_that_is_not_there_creates_nothing(
    emulator: EmulatorServer, run: Run, history_folder: Path
) -> None:
    code, out, err = run("list", "--history", "--json", "--base-url", emulator.base_url)
    assert (code, out) == (0, "[]\n")
    assert err == f"sora-tui: no history yet at {history_of(emulator)}\n" + (
        f"sora-tui: from history {history_of(emulator)} (0 jobs, 0 gone)\n"
    )
    assert run("history", "export", "--csv", "--base-url", emulator.base_url)[1].startswith("id,")
    assert list(history_folder.iterdir()) == []


def test_a_command_with_no_server_leaves_no_history(run: Run, history_folder: Path) -> None:
    code, _, err = run("list")  # no key, no --demo: refused
    assert code == 2 and "no OPENAI_API_KEY" in err
    assert list(history_folder.iterdir()) == []
