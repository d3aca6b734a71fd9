"""The sora-tui application: the dashboard core plus its feature mixins.

Each feature is a mixin over DashboardApp with its own bindings, actions, handlers and
command-palette entries; Textual merges bindings and dispatches handlers along the MRO.
"""

from __future__ import annotations

from tui.dashboard import DashboardApp
from tui.features.find_order import FindOrderFeature
from tui.features.insights import InsightsFeature
from tui.features.job_actions import JobActionsFeature
from tui.features.notifications import NotificationsFeature
from tui.features.profiles import ProfilesFeature
from tui.features.thumbnails import ThumbnailsFeature


class SoraApp(
    FindOrderFeature,
    JobActionsFeature,
    NotificationsFeature,
    ProfilesFeature,
    ThumbnailsFeature,
    InsightsFeature,
    DashboardApp,
):
    """sora-tui: a live table of video jobs, a detail pane, and a status filter bar."""
