"""What every benchmark shares: the emulator in its own process, timing helpers, the report."""

from __future__ import annotations

import asyncio
import atexit
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from tui.history.location import HISTORY_DIR_ENV

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
API_KEY = "bench-key"
CLK_TCK = os.sysconf("SC_CLK_TCK")
_scratch: list[Path] = []  # the bench's own temporary directory, made on first use


@dataclass(frozen=True)
class Figure:
    """One line of the report: our figure, the peer's, the target and whether it is met."""

    bench: str
    what: str
    ours: str
    peer: str
    target: str
    ok: bool | None  # None: informative only


def scratch() -> Path:
    """The bench's temporary directory (child histories, prepared history files), removed when
    the bench process ends."""
    if not _scratch:
        path = Path(tempfile.mkdtemp(prefix="sora-tui-bench-"))
        atexit.register(shutil.rmtree, path, ignore_errors=True)
        _scratch.append(path)
    return _scratch[0]


def fresh_history_dir() -> Path:
    """A new, empty directory under `scratch` for one child's history."""
    return Path(tempfile.mkdtemp(prefix="history-", dir=scratch()))


@contextmanager
def history_dir(seed: Path | None = None, name: str = "") -> Iterator[Path]:
    """A fresh history directory for one child, removed after it; with ``seed``, a copy of that
    history file in it as ``name`` (the child opens it read-write and writes to it)."""
    path = fresh_history_dir()
    try:
        if seed is not None:
            shutil.copyfile(seed, path / name)
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def child_env(history: Path | None = None) -> dict[str, str]:
    """The environment of a bench child: the repository importable, no OpenAI variables of the
    machine's user, and the history in ``history`` (default: a fresh directory of the bench's
    own), never in the user's data dir."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID"):
        env.pop(name, None)
    env[HISTORY_DIR_ENV] = str(history if history is not None else fresh_history_dir())
    return env


@contextmanager
def emulator(jobs: int, *, in_flight: int = 0, speed: float = 1.0) -> Iterator[str]:
    """An emulator in its own process (so it never shares a GIL with what is measured)."""
    command = [PYTHON, "-m", "bench.serve", "--jobs", str(jobs), "--in-flight", str(in_flight)]
    command += ["--speed", str(speed)]
    process = subprocess.Popen(
        command, cwd=ROOT, env=child_env(), stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line.startswith("http"):
            raise RuntimeError(f"the bench emulator did not start: {line!r}")
        url = line.strip()
        _wait_until_serving(url)
        yield url
    finally:
        process.terminate()
        process.wait(10)


def _wait_until_serving(base_url: str, timeout: float = 10.0) -> None:
    """The emulator prints its URL once the port is bound, a moment before it accepts: the
    first request of a bench that asks at once would be refused."""
    root = base_url.rsplit("/v1", 1)[0]
    deadline = time.monotonic() + timeout
    while True:
        try:
            httpx.get(f"{root}/_emulator/state", timeout=2)
            return
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.02)  # ok: poll step of a condition wait


def emulator_requests(base_url: str) -> int:
    """How many API requests the emulator has answered so far."""
    root = base_url.rsplit("/v1", 1)[0]
    return int(httpx.get(f"{root}/_emulator/state", timeout=10).json()["requests"])


def run_child(
    args: Sequence[str], *, timeout: float = 300, history: Path | None = None
) -> dict[str, float]:
    """Run `python args...` in a fresh process; its last stdout line is a JSON object of figures.
    Its history is a fresh directory, removed after (``history``: that directory instead)."""
    with history_dir() as fresh:
        done = subprocess.run(
            [PYTHON, *args],
            cwd=ROOT,
            env=child_env(history or fresh),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"{' '.join(args)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return dict(json.loads(lines[-1]))


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (from /proc/<pid>/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def rss_mb(field: str = "VmRSS") -> float:
    """This process's resident set size in MB (VmRSS; "VmHWM": its peak so far)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class LoopLag:
    """A ticker coroutine: the longest gap between its 1 ms wake-ups is the longest loop stall."""

    def __init__(self) -> None:
        self.worst = 0.0
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run())

    def reset(self) -> None:
        self.worst = 0.0

    async def _run(self) -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(0.001)
            now = time.perf_counter()
            self.worst = max(self.worst, now - last - 0.001)
            last = now

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def spread(values: Sequence[float]) -> str:
    """Low–high of some timings, in ms."""
    return f"{min(values) * 1000:.0f}–{max(values) * 1000:.0f} ms"


def machine() -> str:
    model = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    version = sys.version.split()[0]
    return (
        f"{os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {model}, Python {version}"
    )


def print_table(figures: Sequence[Figure]) -> None:
    headers = ("bench", "figure", "sora-tui", "peer", "target", "pass")
    rows = [
        (
            f.bench,
            f.what,
            f.ours,
            f.peer,
            f.target,
            "-" if f.ok is None else ("yes" if f.ok else "NO"),
        )
        for f in figures
    ]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    print(line)
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)), flush=True)
