"""Every action of the app, declared once: its id, keys, words, help section, and whether it
changes the server.

Everything else is derived from this list: the bindings (the app's, the table's, the filter
bar's), the ``?`` help, the command palette, the keymap a config file's ``[keys]`` table
remaps (by action id, Textual's binding id), and ``--read-only`` (actions that change the server
are hidden and refused). A feature declares the actions it handles in its ``ACTIONS``; the app
binds them and sends them to the feature's ``do_<id>`` method.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final

from textual.binding import Binding

NAVIGATION: Final = "Navigation"
FILTERS: Final = "Filters"
FIND: Final = "Find & order"
JOB: Final = "Job actions"
VIEW: Final = "View"
APP: Final = "App"
SECTIONS: Final = (NAVIGATION, FILTERS, FIND, JOB, VIEW, APP)

APP_SCOPE: Final = "app"  # bound on the app, handled by a feature (or the app's core)
TABLE_SCOPE: Final = "table"  # bound on the video table, handled by the table itself
FILTER_BAR_SCOPE: Final = "filter bar"  # bound on the filter bar, when it has focus

READ_ONLY_NOTE: Final = "read-only mode: jobs cannot be created, remixed or deleted"


@dataclass(frozen=True)
class Action:
    """One thing the user can do, and everything said about it."""

    id: str  # the binding id: what a config's [keys] table names, unique in the app
    keys: str  # Textual key names, comma separated ("D,delete")
    description: str  # the footer's and the help's words
    section: str = VIEW
    changes_server: bool = False  # refused and hidden in read-only mode
    show: bool = True  # in the footer
    key_display: str | None = None
    palette: str | None = None  # the command palette's title; None: not in the palette
    palette_help: str = ""
    scope: str = APP_SCOPE
    call: str | None = None  # the Textual action a widget-scoped binding runs ("cursor_up")

    @property
    def textual_action(self) -> str:
        """What the binding runs: app actions all go through ``App.action_run``."""
        if self.scope == APP_SCOPE:
            return f"run('{self.id}')"
        return self.call or self.id

    def binding(self) -> Binding:
        return Binding(
            self.keys,
            self.textual_action,
            self.description,
            show=self.show,
            key_display=self.key_display,
            id=self.id,
        )

    def keys_in_force(self, keymap: Mapping[str, str]) -> list[str]:
        """Its keys, as the keymap (binding id → keys) remaps them."""
        keys = keymap.get(self.id, self.keys)
        return [key.strip() for key in keys.split(",") if key.strip()]


def bindings(actions: Iterable[Action], scope: str = APP_SCOPE) -> list[Binding]:
    """The Textual bindings of the actions bound in ``scope``."""
    return [action.binding() for action in actions if action.scope == scope]


def _filter(number: int, bucket: str, words: str) -> Action:
    return Action(
        f"filter_{bucket}",
        str(number),
        f"Show {words}",
        FILTERS,
        show=False,
        palette=f"Show {words}",
        palette_help=f"Filter the table ({number})",
    )


# The dashboard's own actions (its core, the table and the filter bar); features add theirs.
CORE_ACTIONS: Final[tuple[Action, ...]] = (
    Action("cursor_up", "up,k", "Up", NAVIGATION, show=False, scope=TABLE_SCOPE),
    Action("cursor_down", "down,j", "Down", NAVIGATION, show=False, scope=TABLE_SCOPE),
    Action("cursor_top", "home,g", "Top", NAVIGATION, show=False, scope=TABLE_SCOPE),
    Action("cursor_bottom", "end,G", "Bottom", NAVIGATION, show=False, scope=TABLE_SCOPE),
    Action("page_up", "pageup", "Page up", NAVIGATION, show=False, scope=TABLE_SCOPE),
    Action("page_down", "pagedown", "Page down", NAVIGATION, show=False, scope=TABLE_SCOPE),
    Action("select", "enter", "Details", NAVIGATION, scope=TABLE_SCOPE),
    Action("focus_table", "escape", "Back to table", NAVIGATION, show=False),
    _filter(1, "all", "all"),
    _filter(2, "queued", "queued"),
    _filter(3, "in_progress", "in progress"),
    _filter(4, "completed", "completed"),
    _filter(5, "failed", "failed"),
    _filter(6, "other", "other"),
    _filter(7, "gone", "jobs gone from the server (history)"),
    Action(
        "previous_tab",
        "left",
        "Previous filter",
        FILTERS,
        show=False,
        scope=FILTER_BAR_SCOPE,
        call="previous_tab",
    ),
    Action(
        "next_tab",
        "right",
        "Next filter",
        FILTERS,
        show=False,
        scope=FILTER_BAR_SCOPE,
        call="next_tab",
    ),
    Action("quit", "q", "Quit", APP),
    Action("help", "question_mark", "Help", APP, key_display="?"),
    Action(
        "previous_filter",
        "left",
        "Previous / next filter",
        FILTERS,
        show=False,
        scope=TABLE_SCOPE,
        call="filter_step(-1)",
    ),
    Action(
        "next_filter",
        "right",
        "Previous / next filter",
        FILTERS,
        show=False,
        scope=TABLE_SCOPE,
        call="filter_step(1)",
    ),
    Action(
        "refresh",
        "r",
        "Refresh",
        VIEW,
        palette="Refresh now",
        palette_help="Poll the server at once (r); while paused, one fetch",
    ),
    Action(
        "pause",
        "p",
        "Pause",
        VIEW,
        palette="Pause / resume polling",
        palette_help="No requests while paused (p)",
    ),
)


def by_id(actions: Iterable[Action]) -> dict[str, Action]:
    """Actions by id; two actions with one id are a mistake caught at start."""
    found: dict[str, Action] = {}
    for action in actions:
        if action.id in found:
            raise ValueError(f"two actions are named {action.id!r}")
        found[action.id] = action
    return found
