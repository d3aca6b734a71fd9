"""What the app is made of: its features, the messages they hear, and its actions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from tui.actions import CORE_ACTIONS, Action
from tui.features.base import Feature
from tui.features.copying import Copying
from tui.features.deleting import Deleting
from tui.features.downloading import Downloading
from tui.features.find_order import FindOrder
from tui.features.insights import Insights
from tui.features.launching import Launching
from tui.features.notifications import Notifications
from tui.features.profiles import Profiles
from tui.features.remembering import Remembering
from tui.features.servers import Servers
from tui.features.thumbnails import Thumbnails
from tui.messages import FeedChanged, JobDownloaded, JobLaunched
from tui.screens import download_request, job_request
from tui.settings import Settings
from tui.widgets.search_bar import SearchBar
from tui.widgets.server_bar import ServerBar
from tui.widgets.video_table import VideoTable

# The features, in the order they shape the rows (watch, search, sort) and hear messages; the
# footer lists their keys the other way round (the summary first, search last).
FEATURES: Final[tuple[type[Feature], ...]] = (
    Servers,  # a fleet's server filter: it narrows first
    FindOrder,
    Copying,
    Notifications,
    Launching,
    Deleting,
    Downloading,
    Profiles,
    Thumbnails,
    Insights,
    Remembering,
)
# What the app hands to its features (``Feature.hear``); each feature takes the ones it names.
# (VideoTable.Highlighted too, after the detail pane has followed the cursor.)
FEATURE_MESSAGES: Final = (
    FeedChanged,
    JobLaunched,
    JobDownloaded,
    VideoTable.NewAbove,
    VideoTable.NearEnd,  # the history's older rows (the app pages the server)
    SearchBar.Changed,
    SearchBar.Submitted,
    SearchBar.Cleared,
    download_request.Submitted,  # DownloadDialog.Submitted, without loading the dialog
    job_request.Submitted,  # JobForm.Submitted
    ServerBar.Chosen,
)


def all_actions(features: Sequence[type[Feature]]) -> tuple[Action, ...]:
    """The core's actions and the features' (the table's and filter bar's are bound there),
    in the footer's order."""
    ordered = (action for feature in reversed(features) for action in feature.ACTIONS)
    return (*CORE_ACTIONS, *ordered)


def subtitle(
    settings: Settings, label: str | None, url: str | None, fleet: Sequence[str] = ()
) -> str:
    """The header's second line: the profile, read-only, then which server (its label, else its
    URL; demo mode says so). The URL goes last: a narrow header cuts the end. A fleet: its
    profiles' names."""
    if fleet:
        return f"fleet · {', '.join(fleet)}"
    if settings.runs_demo:
        where = label or ("embedded emulator" + (f" at {url}" if url else ""))
        where = f"DEMO · {where}"
    else:
        where = label or url or ""
    facts = [settings.profile or "", "read-only" if settings.read_only else "", where]
    return " · ".join(part for part in facts if part)
