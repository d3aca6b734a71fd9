"""What the help lists: rows of keys in groups, the sections known actions go to, and how a
binding without a section is named (after where it applies)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, NamedTuple

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget

from tui.actions import APP, FIND, NAVIGATION


class Entry(NamedTuple):
    section: str
    description: str | None = None  # None: the binding's own description


# The sections of actions the app's registry (tui/actions.py) does not declare: Textual's own,
# a widget's local ones (the search bar's Esc), and the usual cursor names of any app without a
# registry. By action name (no namespace, no arguments); the order is the rows' within a section.
ACTIONS: Final[dict[str, Entry]] = {
    "cursor_up": Entry(NAVIGATION),
    "cursor_down": Entry(NAVIGATION),
    "cursor_top": Entry(NAVIGATION),
    "cursor_bottom": Entry(NAVIGATION),
    "page_up": Entry(NAVIGATION),
    "page_down": Entry(NAVIGATION),
    "select": Entry(NAVIGATION),
    "focus_table": Entry(NAVIGATION),
    "focus_next": Entry(NAVIGATION, "Next / previous pane"),
    "focus_previous": Entry(NAVIGATION, "Next / previous pane"),
    "clear": Entry(FIND),
    "command_palette": Entry(APP, "Command palette"),
    "help": Entry(APP),
    "quit": Entry(APP),
}
# Textual's own bindings that a user of this app needs; every other framework binding is hidden.
FRAMEWORK_SHOWN: Final = frozenset({"focus_next", "focus_previous", "quit", "command_palette"})
ORDER: Final = {name: index for index, name in enumerate(ACTIONS)}


@dataclass(frozen=True)
class BindingRow:
    keys: str
    description: str
    enabled: bool = True
    where: str = ""  # the widget it needs focused, when that is not the focused one


@dataclass(frozen=True)
class BindingGroup:
    title: str
    rows: tuple[BindingRow, ...]

    @property
    def height(self) -> int:
        return 1 + len(self.rows)


def humanize_name(name: str) -> str:
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name.replace("_", " ")).split()
    return " ".join([words[0].capitalize(), *(w.lower() for w in words[1:])]) if words else name


def action_name(action: str) -> str:
    """``app.filter('all')`` → ``filter``."""
    return action.split("(", 1)[0].rsplit(".", 1)[-1]


def widget_name(node: DOMNode) -> str:
    return node.BINDING_GROUP_TITLE or humanize_name(type(node).__name__)


def fallback_title(node: DOMNode, focused: Widget | None) -> str:
    """The group of an action with no section: named after where it applies."""
    if isinstance(node, App):
        return "Other keys"
    if isinstance(node, Screen):
        return node.BINDING_GROUP_TITLE or "On this screen"
    base = widget_name(node)
    if node is focused:
        return f"{base} (focused)"
    return base if focused is not None and node in focused.ancestors else f"When {base} is focused"


def where_needed(node: DOMNode, focused: Widget | None) -> str:
    """For a sectioned row: the widget that must have focus, unless it (or a child) has it."""
    if isinstance(node, (App, Screen)) or node is focused:
        return ""
    if focused is not None and node in focused.ancestors:
        return ""
    return widget_name(node).lower()


def description_of(binding: Binding) -> str:
    return binding.description or humanize_name(action_name(binding.action)) or binding.action
