"""`sora-tui list` and `sora-tui show` print jobs without the TUI, against a real server on loopback."""

from __future__ import annotations

import base64
import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from tui.cli import main
from tui.emulator import EmulatorServer, Fault
from tui.widgets.table_cells import short_id

ROOT = Path(__file__).parents[1]
SENTINEL = "sk-SENTINEL-never-print-0123456789"
HOSTILE = "evil \x1b]52;c;ZXZpbA==\x07 \x1b[2J\x1b]0;pwned\x07 [bold red]markup[/] \u202eright-to-left\nsecond line"

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


def test_table_lists_one_page_newest_first(emulator: EmulatorServer, run: Run) -> None:
    code, out, err = run("list", "--base-url", emulator.base_url, "--limit", "7")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == [
        "ID",
        "STATUS",
        "PROGRESS",
        "MODEL",
        "SIZE",
        "SECONDS",
        "CREATED",
        "PROMPT",
    ]
    newest = emulator.world.page(limit=7, order="desc", after=None)[0]
    assert [line.split()[0] for line in lines[1:]] == [job["id"] for job in newest]
    # Aligned: every column after the id starts at the same place on every line.
    status_column = lines[0].index("STATUS")
    assert all(line[status_column - 2 : status_column] == "  " for line in lines)
    first = newest[0]
    assert first["prompt"] in lines[1] and f"{first['progress']}%" in lines[1]


def test_json_is_the_full_objects(emulator: EmulatorServer, run: Run) -> None:
    code, out, _ = run("list", "--json", "--limit", "5", "--base-url", emulator.base_url)
    assert code == 0
    assert json.loads(out) == [emulator.world.get(job["id"]) for job in json.loads(out)]
    assert len(json.loads(out)) == 5


def test_csv_has_a_header_and_one_row_per_job(emulator: EmulatorServer, run: Run) -> None:
    code, out, _ = run("--base-url", emulator.base_url, "list", "--csv", "--limit", "4")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 4
    for row in rows:
        job = emulator.world.get(row["id"])
        assert job is not None
        assert (row["status"], row["prompt"], int(row["created_at"])) == (
            job["status"],
            job["prompt"],
            job["created_at"],
        )


def test_all_pages_every_job_exactly_once(emulator: EmulatorServer, run: Run) -> None:
    code, out, _ = run("list", "--all", "--json", "--limit", "17", "--base-url", emulator.base_url)
    ids = [video["id"] for video in json.loads(out)]
    assert code == 0
    assert len(ids) == len(set(ids)) == len(emulator.world) == 120
    assert ids == [job["id"] for job in emulator.world.page(after=None, limit=None)[0]]
    list_requests = [r for r in emulator.requests if r.path == "/v1/videos" and r.method == "GET"]
    assert len(list_requests) == 120 // 17 + 1  # 8 pages: the last one says has_more false


def test_order_asc_starts_with_the_oldest(emulator: EmulatorServer, run: Run) -> None:
    _, out, _ = run(
        "list", "--order", "asc", "--limit", "3", "--json", "--base-url", emulator.base_url
    )
    oldest = emulator.world.page(limit=3, order="asc", after=None)[0]
    assert [video["id"] for video in json.loads(out)] == [job["id"] for job in oldest]


def test_status_filter_after_fetching(emulator: EmulatorServer, run: Run) -> None:
    code, out, _ = run(
        "list",
        "--all",
        "--csv",
        "--status",
        "failed",
        "--status",
        "queued",
        "--base-url",
        emulator.base_url,
    )
    statuses = [row["status"] for row in csv.DictReader(io.StringIO(out))]
    counts = emulator.world.counts()
    assert code == 0
    assert set(statuses) == {"failed", "queued"}
    assert len(statuses) == counts["failed"] + counts["queued"]


def test_show_prints_every_field_the_full_prompt_and_the_error(
    emulator: EmulatorServer, run: Run
) -> None:
    failed = next(job for job in emulator.world.snapshot() if job["status"] == "failed")
    long_prompt = "a very long prompt " * 40 + "\nwith a second line"
    emulator.world.force(failed["id"], prompt=long_prompt)
    code, out, _ = run("show", failed["id"], "--base-url", emulator.base_url)
    assert code == 0
    for label in (
        "id:",
        "status:",
        "progress:",
        "model:",
        "size:",
        "seconds:",
        "created:",
        "expires:",
        "error:",
        "prompt:",
    ):
        assert label in out
    assert failed["error"]["message"] in out and failed["error"]["code"] in out
    prompt_lines = out.split("prompt:\n", 1)[1].splitlines()
    assert [line.strip() for line in prompt_lines] == [
        line.strip() for line in long_prompt.splitlines()
    ]


def test_show_json_is_the_object(emulator: EmulatorServer, run: Run) -> None:
    job = emulator.world.snapshot()[3]
    code, out, _ = run("show", job["id"], "--json", "--base-url", emulator.base_url)
    assert code == 0 and json.loads(out) == emulator.world.get(job["id"])


def test_hostile_prompt_is_inert_for_people_and_raw_for_programs(
    emulator: EmulatorServer, run: Run
) -> None:
    job = emulator.world.snapshot()[0]
    emulator.world.force(job["id"], prompt=HOSTILE)
    for argv in (("list", "--limit", "3"), ("show", job["id"])):
        code, out, _ = run(*argv, "--base-url", emulator.base_url)
        assert code == 0
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
        assert "]52;c;ZXZpbA==" in out  # shown, harmlessly
        assert "[bold red]markup[/]" in out  # literal, not styled
    _, table, _ = run("list", "--limit", "3", "--base-url", emulator.base_url)
    assert len(table.splitlines()) == 4  # the prompt's newline does not break the row
    _, raw, _ = run("list", "--limit", "3", "--json", "--base-url", emulator.base_url)
    assert json.loads(raw)[0]["prompt"] == HOSTILE
    _, raw_csv, _ = run("list", "--limit", "3", "--csv", "--base-url", emulator.base_url)
    assert next(csv.DictReader(io.StringIO(raw_csv)))["prompt"] == HOSTILE


def test_server_error_is_one_line_and_exit_1(emulator: EmulatorServer, run: Run) -> None:
    emulator.faults.add(Fault(kind="status", status=400, count=-1))
    code, out, err = run("list", "--base-url", emulator.base_url)
    assert (code, out) == (1, "")
    assert err.startswith("sora-tui: 400") and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_unknown_id_exit_1(emulator: EmulatorServer, run: Run) -> None:
    code, out, err = run("show", "video_does_not_exist", "--base-url", emulator.base_url)
    assert (code, out) == (1, "")
    assert err == (
        "sora-tui: no job matches 'video_does_not_exist': the server knows no such id (404), "
        "and none of the 120 jobs listed has such an id\n"
    )


def test_wrong_key_is_never_printed(
    make_emulator: Callable[..., EmulatorServer], run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = make_emulator(jobs=3, api_key="sk-the-right-one")
    monkeypatch.setenv("OPENAI_API_KEY", SENTINEL)
    code, out, err = run("list", "--base-url", server.base_url)
    assert code == 1 and err.startswith("sora-tui: 401")
    assert SENTINEL not in out + err
    monkeypatch.setenv("OPENAI_API_KEY", "sk-the-right-one")
    assert run("list", "--base-url", server.base_url)[0] == 0


def test_no_key_and_no_server_says_what_to_do(run: Run) -> None:
    code, out, err = run("list")
    assert (code, out) == (2, "")
    assert (
        err == "sora-tui: no OPENAI_API_KEY set; use --demo (the embedded emulator) or set a key\n"
    )


def test_bad_limit_is_a_usage_error(run: Run) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["list", "--limit", "0"])
    assert exit_.value.code == 2


def test_demo_end_to_end_in_a_subprocess(tmp_path: Path) -> None:
    """The installed entry point, as cron would run it: the emulator lives for the command only."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("OPENAI_")} | {
        "SORA_TUI_CONFIG": str(tmp_path / "absent.toml")
    }
    result = subprocess.run(
        [sys.executable, "-m", "tui", "list", "--demo", "--json", "--limit", "3"],
        check=False,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    videos = json.loads(result.stdout)
    assert len(videos) == 3 and all(video["id"].startswith("video_") for video in videos)


# --- short ids, prefixes, and a proxy that ignores paging --------------------------------------


def test_show_accepts_a_unique_prefix_and_the_short_id(emulator: EmulatorServer, run: Run) -> None:
    job = emulator.world.snapshot()[-1]  # the oldest: found only by paging to the end
    for given in (job["id"][:20], short_id(job["id"]), job["id"].removeprefix("video_")[:14]):
        code, out, err = run("show", given, "--json", "--base-url", emulator.base_url)
        assert (code, err) == (0, ""), given
        assert json.loads(out)["id"] == job["id"]
    # A short id past a prefix every id shares (what the table shows) is found too.
    code, out, _ = run("show", job["id"][12:24], "--json", "--base-url", emulator.base_url)
    assert code == 0 and json.loads(out)["id"] == job["id"]


def test_show_lists_the_matches_of_an_ambiguous_prefix(
    make_emulator: Callable[..., EmulatorServer], run: Run
) -> None:
    server = make_emulator(jobs=30, manual_clock=True, flavour="vllm")
    jobs = server.world.snapshot()
    prefix = "video_gen_"  # every vLLM id starts so
    code, out, err = run("show", prefix, "--base-url", server.base_url)
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert lines[0] == f"sora-tui: '{prefix}' matches 30 jobs; give more of the id:"
    assert len(lines) == 1 + 20 + 1 and lines[-1] == "  … and 10 more"
    first = lines[1].split()
    assert first == [jobs[0]["id"], jobs[0]["status"], first[2]] and first[2].endswith("Z")
    # One character more that only one id has: unique.
    unique = next(
        j["id"][:12] for j in jobs if sum(o["id"].startswith(j["id"][:12]) for o in jobs) == 1
    )
    code, out, _ = run("show", unique, "--json", "--base-url", server.base_url)
    assert code == 0 and json.loads(out)["id"].startswith(unique)


def test_show_a_litellm_short_id_or_long_id(
    make_emulator: Callable[..., EmulatorServer], run: Run
) -> None:
    server = make_emulator(
        jobs=30, manual_clock=True, flavour="litellm", litellm_ignores_paging=True
    )
    job = server.world.snapshot()[4]
    code, out, err = run("show", short_id(job["id"]), "--json", "--base-url", server.base_url)
    assert (code, err) == (0, "")
    shown = json.loads(out)
    assert shown["id"] == job["id"] and shown["prompt"] == job["prompt"]  # the list's copy
    created = httpx.post(server.base_url + "/videos", files={"prompt": (None, "a kite")}).json()
    assert ";deployment_id:" in base64.b64decode(created["id"].removeprefix("video_")).decode()
    code, out, _ = run("show", created["id"], "--json", "--base-url", server.base_url)
    assert code == 0 and json.loads(out)["id"] == server.world.snapshot()[0]["id"]
    # Beyond the first page a proxy that ignores paging cannot search, and says so.
    old = server.world.snapshot()[-1]
    code, out, err = run("show", short_id(old["id"]), "--base-url", server.base_url)
    assert (code, out) == (1, "")
    assert "none of the 20 jobs listed" in err and "server ignores paging" in err
    assert len(err.splitlines()) == 1


def test_list_all_through_a_proxy_that_ignores_paging(
    make_emulator: Callable[..., EmulatorServer], run: Run
) -> None:
    server = make_emulator(
        jobs=45, manual_clock=True, flavour="litellm", litellm_ignores_paging=True
    )
    code, out, err = run("list", "--all", "--json", "--base-url", server.base_url)
    ids = [video["id"] for video in json.loads(out)]
    assert code == 1
    assert ids == [job["id"] for job in server.world.snapshot()[:20]] and len(set(ids)) == 20
    cursor = ids[-1]
    assert err == (
        f"sora-tui: server ignores paging (page after {cursor} repeated the first page): "
        "showing the first 20 jobs\n"
    )
    list_calls = [r for r in server.requests if r.method == "GET" and r.path == "/v1/videos"]
    assert len(list_calls) == 2  # the first page, and its repeat: no loop
    code, out, err = run("list", "--all", "--status", "failed", "--base-url", server.base_url)
    assert code == 1 and "filtered the first 20 jobs" in err
    # One page, as asked, is no error.
    code, out, err = run("list", "--base-url", server.base_url)
    assert (code, err) == (0, "") and len(out.splitlines()) == 21


def test_list_all_on_a_server_without_paging_keys_says_what_it_could_not_get(
    make_emulator: Callable[..., EmulatorServer], run: Run
) -> None:
    server = make_emulator(jobs=45, manual_clock=True, flavour="sglang")
    code, out, err = run("list", "--all", "--json", "--base-url", server.base_url)
    assert code == 1 and len(json.loads(out)) == 20  # what it could fetch, each once
    assert "server does not page" in err and "first 20 jobs" in err
    small = make_emulator(jobs=12, manual_clock=True, flavour="sglang")  # a short page: all
    code, out, err = run("list", "--all", "--json", "--base-url", small.base_url)
    assert (code, err) == (0, "") and len(json.loads(out)) == 12
