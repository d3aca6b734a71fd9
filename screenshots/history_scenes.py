"""The history's pictures: a restart with the server down (the history's rows, dimmed, and
"offline since"), and jobs deleted on the server kept in the Gone view.

The offline scene has an app of its own: a history written beforehand from the seeded world,
and a server URL nobody answers on (the discard port: the error text names no random port).
"""

from __future__ import annotations

from typing import Final

import httpx
from pydantic import SecretStr

from tui.api.models import Video
from tui.app import SoraApp
from tui.emulator import EmulatorConfig, EmulatorServer
from tui.fleet import Fleet
from tui.history import history_file, open_history
from tui.settings import Settings

OFFLINE_URL: Final = "http://127.0.0.1:9/v1"  # the discard port: refused at once
SEEN_BEFORE: Final = 3_600.0  # the history was written an hour before the picture


def offline_app(config: EmulatorConfig, label: str) -> SoraApp:
    """The dashboard restarted while its server is down: its history (the seeded world's first
    page, seen an hour ago) is written first, in the history folder in force."""
    server = EmulatorServer(config)
    server.start()
    try:
        listed = httpx.get(server.base_url + "/videos", params={"limit": 100}).json()["data"]
    finally:
        server.stop()
    videos = [Video.model_validate(item) for item in listed]
    seen = (config.epoch or 0.0) - SEEN_BEFORE
    path = history_file(OFFLINE_URL, "default")
    history = open_history(path, base_url=OFFLINE_URL, profile="default", clock=lambda: seen)
    try:
        history.record(videos, seen_at=seen)
    finally:
        history.close()
    settings = Settings(base_url=OFFLINE_URL, api_key=SecretStr("screenshot"))
    return SoraApp(settings, server_label=label)


FLEET: Final = ("gpu-a", "gpu-b", "azure")


def fleet_app(config: EmulatorConfig) -> SoraApp:
    """A fleet of three: two demo servers (each its own seeded world) and one that is down."""
    members = tuple(
        Settings(demo=True, profile=name, api_key=SecretStr("screenshot"), page_size=100)
        for name in FLEET[:2]
    ) + (Settings(base_url=OFFLINE_URL, api_key=SecretStr("screenshot"), profile=FLEET[2]),)
    fleet = Fleet(members, "--profile")
    return SoraApp(fleet.default, fleet=fleet, demo_config=config)
