"""The API key never shows: not on screen, in logs, in errors, in reprs, screenshots or files."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.app_helpers import (
    RESILIENCE_SIZE,
    fast_app,
    screen_text,
    status_line_text,
)
from tests.waiting import wait_until
from tui.emulator import EmulatorServer, Fault

SENTINEL = "sk-SENTINEL-4c1d9e77f0a2b6"


async def test_a_rejected_sentinel_key_appears_nowhere(
    make_emulator: Callable[..., EmulatorServer],
    caplog: pytest.LogCaptureFixture,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in (
        "HOME",
        "XDG_CONFIG_HOME",
        "XDG_DATA_HOME",
        "XDG_CACHE_HOME",
        "XDG_STATE_HOME",
        "TMPDIR",
    ):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    caplog.set_level(logging.DEBUG)
    server = make_emulator(jobs=5, manual_clock=True, api_key="sk-the-right-one")
    # A server that echoes the key it was given (as some proxies do) in its error message.
    server.faults.add(
        Fault("status", status=401, message=f"Incorrect API key provided: {SENTINEL}.", count=-1)
    )
    app = fast_app(server, api_key=SENTINEL)
    notes: list[str] = []
    async with app.run_test(size=RESILIENCE_SIZE, notifications=True) as pilot:
        await wait_until(lambda: app.poller is not None and app.poller.report.state == "auth")
        await pilot.press("r")
        await wait_until(lambda: len([r for r in list(server.requests) if r.status == 401]) >= 2)
        await pilot.pause()
        status = app.poller.report if app.poller else None
        assert status is not None and status.error is not None
        assert "[redacted key]" in status.error  # the echo was there, and was cut out
        notes = [str(n.message) for n in app._notifications]
        seen = [
            screen_text(app),
            status_line_text(app),
            status.error,
            repr(status),
            repr(app.settings),
            str(app.settings.model_dump()),
            app.settings.model_dump_json(),
            repr(app.client),
            *notes,
            app.export_screenshot(),
            caplog.text,
        ]
    for text in seen:
        assert SENTINEL not in text
        assert SENTINEL[3:] not in text
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    for path in written:
        assert SENTINEL.encode() not in path.read_bytes(), path
    assert SENTINEL not in "".join(os.environ.get(n, "") for n in ("HOME", "TMPDIR"))
