"""`python -m tui.emulator` serves until stopped."""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from tui.emulator import Fault
from tui.emulator.cli import add_arguments, config_from

ROOT = Path(__file__).parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def module_serving(*args: str) -> Iterator[tuple[int, subprocess.Popen[str], list[str]]]:
    """`python -m tui.emulator ARGS` on a free port; its output is in the list once it stopped."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tui.emulator", "--port", str(port), *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output: list[str] = []
    try:
        yield port, process, output
    finally:
        process.terminate()
        output.append(process.communicate(timeout=10)[0])


def first_page_that(
    port: int,
    process: subprocess.Popen[str],
    limit: int,
    holds: Callable[[dict[str, Any]], bool],
    what: str,
) -> dict[str, Any]:
    """Ask for a page until one satisfies `holds` (the process must stay up meanwhile)."""
    deadline = time.monotonic() + 15
    while True:
        assert process.poll() is None, process.stdout.read() if process.stdout else ""
        assert time.monotonic() < deadline, what
        try:
            url = f"http://127.0.0.1:{port}/v1/videos"
            page: dict[str, Any] = httpx.get(url, params={"limit": limit}, timeout=1).json()
        except httpx.TransportError:
            page = {"data": []}
        if holds(page):
            return page
        time.sleep(0.05)  # ok: poll step of a condition wait


def test_module_serves_until_terminated() -> None:
    with module_serving("--jobs", "5", "--seed", "3") as (port, process, output):
        page = first_page_that(
            port, process, 2, lambda page: bool(page["data"]), "the emulator never answered"
        )
        assert set(page) == {"object", "data", "first_id", "last_id", "has_more"}
        assert len(page["data"]) == 2 and page["has_more"] is True
    assert (
        f"Videos API emulator on http://127.0.0.1:{port}/v1 (5 jobs, seed 3, speed 1)" in output[0]
    )


def test_arguments() -> None:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    args = parser.parse_args(
        [
            "--jobs",
            "9",
            "--flavour",
            "vllm",
            "--fault",
            "503:retry_after=2",
            "--fault",
            "reset",
            "--api-key",
            "k",
            "--fault-rate",
            "0.1",
            "--speed",
            "4",
        ]
    )
    config = config_from(args)
    assert (config.jobs, config.flavour, config.api_key, config.fault_rate, config.speed) == (
        9,
        "vllm",
        "k",
        0.1,
        4.0,
    )
    assert args.fault == [Fault("status", status=503, retry_after="2"), Fault("reset")]
    assert (config.host, config.port) == ("127.0.0.1", 8123)


def test_churn_makes_a_busy_world() -> None:
    """--churn SECONDS: jobs are created (and failed, deleted) on their own while it serves."""

    def churned(page: dict[str, Any]) -> bool:
        return any("churned clip" in job["prompt"] for job in page["data"])

    with module_serving("--jobs", "3", "--churn", "0.02") as (port, process, output):
        first_page_that(port, process, 100, churned, "no churned job appeared")
    assert "churn every 0.02s" in output[0]


def test_churn_is_off_by_default_and_refuses_a_bad_interval(
    capsys: pytest.CaptureFixture[str],
) -> None:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    assert parser.parse_args([]).churn is None
    assert parser.parse_args(["--churn", "1.5"]).churn == 1.5
    for bad in ("0", "-1", "soon", "nan"):
        with pytest.raises(SystemExit):
            parser.parse_args(["--churn", bad])
        assert "--churn" in capsys.readouterr().err


def test_ignore_paging_flag_reaches_the_litellm_flavour(capsys: pytest.CaptureFixture[str]) -> None:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    assert config_from(parser.parse_args([])).litellm_ignores_paging is False
    args = parser.parse_args(["--flavour", "litellm", "--ignore-paging"])
    assert config_from(args).litellm_ignores_paging is True
    with pytest.raises(ValueError, match="litellm"):
        config_from(parser.parse_args(["--ignore-paging"]))  # run() prints it and exits 2
