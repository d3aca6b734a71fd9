"""Start-up loads only what the first paint needs, and the collector waits for that paint.

Behaviour, not timing: each check runs in a fresh interpreter and looks at ``sys.modules``.
The dialogs, the summary, help, the image stack, the config schema (pydantic) and the emulator
load when first used; their own tests prove they still work once loaded.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from textual.app import App

from tui.app.interpreter import keep_startup_out_of_gc
from tui.cli import start_dashboard
from tui.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
LAZY = (
    "PIL",  # Pillow and textual-image: the first thumbnail loads them
    "textual_image",
    "tui.screens.job_form",  # TextArea, Select: the form loads when it opens
    "tui.screens.download_dialog",
    "tui.widgets.summary_view",  # the summary, and the statistics behind it
    "tui.stats",
    "statistics",
    "tui.widgets.help_screen",
    "tui.config_schema",  # the config file's schema (pydantic), only when there is a file
    "tui.config_theme",  # the theme writer
    "pydantic",
    "tomllib",
    "tui.emulator",  # only demo mode starts one
    "tui.commands.run",  # list / show, and their CSV and JSON output
    "tui.commands.output",
    "csv",
    "importlib.metadata",
    "httpx",  # the first request loads it: a start from the history paints before any
)


def run_fresh(code: str, tmp_path: Path, **extra_env: str) -> str:
    """What ``code`` printed, run in a fresh interpreter with no config file of the user's."""
    env = dict(os.environ, SORA_TUI_CONFIG=str(tmp_path / "no-such-config.toml"), **extra_env)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout


def loaded_after(code: str, tmp_path: Path) -> set[str]:
    """The modules of LAZY that are loaded after running ``code`` in a fresh interpreter."""
    probe = (
        f"{code}\nimport json, sys\nprint(json.dumps([m for m in {LAZY!r} if m in sys.modules]))"
    )
    return set(json.loads(run_fresh(probe, tmp_path).splitlines()[-1]))


def test_importing_the_app_loads_nothing_the_first_paint_does_not_need(tmp_path: Path) -> None:
    assert loaded_after("import tui.app", tmp_path) == set()


def test_the_command_line_without_a_config_file_builds_no_schema(tmp_path: Path) -> None:
    code = (
        "from tui.cli import build_parser, settings_from\n"
        "import tui.app\n"
        "settings_from(build_parser().parse_args(['--base-url', 'http://127.0.0.1:9/v1']))"
    )
    assert loaded_after(code, tmp_path) == set()


def test_a_config_file_is_still_validated(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[ui]\npage_size = 30\n")
    code = (
        "from tui.cli import build_parser, settings_from\n"
        f"s = settings_from(build_parser().parse_args(['--config', {str(path)!r}]))\n"
        "assert s.page_size == 30"
    )
    assert {"tui.config_schema", "pydantic", "tomllib"} <= loaded_after(code, tmp_path)


# A history of 30 jobs for a server where nothing listens, then the dashboard on it, headless:
# whether httpx was loaded when the table first painted a job's row, and whether it was later
# (the feed went on to make its requests).
_HISTORY_START = """
import asyncio, sys
from tests.history.helpers import jobs
from tests.waiting import wait_until
from tui.app import SoraApp
from tui.history import history_file, open_history
from tui.settings import Settings
from tui.widgets.video_table import VideoTable

URL = "http://127.0.0.1:9/v1"
history = open_history(history_file(URL, "default"), base_url=URL, profile="default")
history.record(jobs(30))
history.flush()
history.close()
for name in [m for m in sys.modules if m == "httpx" or m.startswith("httpx.")]:
    del sys.modules[name]  # the history's helpers may have loaded it: start as a user does
seen = {}
render_line = VideoTable.render_line

def probe(table, y):
    if table.row_count and "painted" not in seen:
        seen["painted"] = "httpx" in sys.modules
    return render_line(table, y)

VideoTable.render_line = probe

async def main():
    app = SoraApp(Settings(base_url=URL, api_key="k", timeout=0.5))
    async with app.run_test(size=(120, 30)):
        await wait_until(lambda: "httpx" in sys.modules and app.feed_report is not None)
    print(seen["painted"], "httpx" in sys.modules)

asyncio.run(main())
"""


def test_a_start_from_the_history_paints_its_rows_before_httpx_loads(tmp_path: Path) -> None:
    printed = run_fresh(_HISTORY_START, tmp_path, SORA_TUI_HISTORY_DIR=str(tmp_path / "history"))
    assert printed.split() == ["False", "True"]  # rows painted first, httpx after


class _Probe(App[None]):
    """Notes whether the collector runs while it mounts, then exits."""

    collecting: bool | None = None

    def on_mount(self) -> None:
        _Probe.collecting = gc.isenabled()
        self.exit()


def test_the_collector_waits_for_the_first_paint() -> None:
    assert gc.isenabled()
    start_dashboard(Settings(), lambda _settings: _Probe(), headless=True, size=(40, 10))
    assert _Probe.collecting is False  # paused while the app started
    assert gc.isenabled()  # and back once it ran (here: exited before a first paint)


@pytest.mark.parametrize("was_enabled", [True, False])
def test_the_first_paint_turns_the_collector_back_on(was_enabled: bool) -> None:
    if not was_enabled:
        gc.disable()
    try:
        keep_startup_out_of_gc()
        assert gc.isenabled()
    finally:
        gc.enable()
