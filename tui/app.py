"""The sora-tui application: the dashboard core plus its feature mixins."""

from __future__ import annotations

from tui.dashboard import DashboardApp


class SoraApp(DashboardApp):
    """sora-tui: a live table of video jobs, a detail pane, and a status filter bar."""
