"""The help screen: the keys of the screen beneath it, in sections by what they do.

What it lists, and how:
- the bindings of the focused widget and its ancestors, the screen and the app, then of every other
  widget on the screen that declares its own (what the user can press after moving focus there);
- the keys in force: the app's keymap (``App.set_keymap``, the config file's ``[keys]``) is applied,
  as the Footer does, so a remapped binding shows its new key;
- known actions go to fixed sections (Navigation, Filters, Find & order, Job actions, View, App);
  an action this module does not know still shows, in a group named after where it applies;
- Textual's own bindings (scrolling, text editing, copy) are left out unless the app relies on them
  (tab to move focus, ctrl+q to quit, the command palette): they are noise in a dashboard's help;
- actions the node hides (``check_action`` False) are left out and disabled ones (None) are dim,
  like the Footer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar, Final, NamedTuple

from rich.text import Text
from textual import events
from textual.actions import ActionError
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingsMap, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Static


class Entry(NamedTuple):
    section: str
    description: str | None = None  # None: the binding's own description


NAVIGATION: Final = "Navigation"
FILTERS: Final = "Filters"
FIND: Final = "Find & order"
JOB: Final = "Job actions"
VIEW: Final = "View"
APP: Final = "App"
SECTIONS: Final = (NAVIGATION, FILTERS, FIND, JOB, VIEW, APP)

# Action name (without namespace and arguments) → its section. The order here is the order of the
# rows within a section. Only the app's own bindings and the framework ones named here are looked up.
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
    "filter": Entry(FILTERS),
    "previous_tab": Entry(FILTERS),
    "next_tab": Entry(FILTERS),
    "filter_step": Entry(FILTERS, "Previous / next filter"),
    "search": Entry(FIND),
    "clear": Entry(FIND),
    "sort_next": Entry(FIND),
    "sort_reverse": Entry(FIND),
    "toggle_watching": Entry(FIND),
    "copy": Entry(JOB),
    "download": Entry(JOB),
    "delete_job": Entry(JOB),
    "remix_job": Entry(JOB),
    "new_job": Entry(JOB),
    "toggle_follow": Entry(JOB),
    "refresh": Entry(VIEW),
    "toggle_pause": Entry(VIEW),
    "toggle_thumbnails": Entry(VIEW),
    "insights": Entry(VIEW),
    "pick_profile": Entry(APP),
    "command_palette": Entry(APP, "Command palette"),
    "help": Entry(APP),
    "quit": Entry(APP),
}
# Textual's own bindings that a user of this app needs; every other framework binding is hidden.
FRAMEWORK_SHOWN: Final = frozenset({"focus_next", "focus_previous", "quit", "command_palette"})
_ORDER: Final = {name: index for index, name in enumerate(ACTIONS)}


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


def _humanize_name(name: str) -> str:
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name.replace("_", " ")).split()
    return " ".join([words[0].capitalize(), *(w.lower() for w in words[1:])]) if words else name


def _action_name(action: str) -> str:
    """``app.filter('all')`` → ``filter``."""
    return action.split("(", 1)[0].rsplit(".", 1)[-1]


def _widget_name(node: DOMNode) -> str:
    return node.BINDING_GROUP_TITLE or _humanize_name(type(node).__name__)


def _fallback_title(node: DOMNode, focused: Widget | None) -> str:
    """The group of an action with no section: named after where it applies."""
    if isinstance(node, App):
        return "Other keys"
    if isinstance(node, Screen):
        return node.BINDING_GROUP_TITLE or "On this screen"
    base = _widget_name(node)
    if node is focused:
        return f"{base} (focused)"
    return base if focused is not None and node in focused.ancestors else f"When {base} is focused"


def _where(node: DOMNode, focused: Widget | None) -> str:
    """For a sectioned row: the widget that must have focus, unless it (or a child) has it."""
    if isinstance(node, (App, Screen)) or node is focused:
        return ""
    if focused is not None and node in focused.ancestors:
        return ""
    return _widget_name(node).lower()


def _description(binding: Binding) -> str:
    return binding.description or _humanize_name(_action_name(binding.action)) or binding.action


class _Declared(NamedTuple):
    framework_actions: frozenset[str]  # bound only by Textual's own classes, not by this app
    own_keys: frozenset[str]  # keys this app's classes bind


@lru_cache(maxsize=64)
def _declared(node_type: type[DOMNode]) -> _Declared:
    """Who declared what in ``node_type``'s MRO: Textual's classes or the app's."""
    framework: set[str] = set()
    own: set[str] = set()
    own_keys: set[str] = set()
    for cls in node_type.__mro__:
        declared = cls.__dict__.get("BINDINGS")
        if not declared:
            continue
        bindings = list(BindingsMap(declared))
        if cls.__module__.split(".", 1)[0] == "textual":
            framework.update(binding.action for _key, binding in bindings)
        else:
            own.update(binding.action for _key, binding in bindings)
            own_keys.update(key for key, _binding in bindings)
    return _Declared(frozenset(framework - own), frozenset(own_keys))


def _bindings_in_force(node: DOMNode, app: App[object]) -> BindingsMap:
    """The node's bindings with the app's keymap applied, as Screen._binding_chain does for the
    Footer (``node._bindings`` alone still holds the keys from BINDINGS)."""
    bindings = node._bindings.copy()
    keymap = getattr(app, "_keymap", None)  # what App.set_keymap stored; no public getter
    if keymap:
        bindings.apply_keymap(keymap)
    return bindings


class _Row:
    """A row being collected: its keys in order, and whether any of its bindings is enabled."""

    def __init__(self, order: tuple[int, int]) -> None:
        self.order = order
        self.keys: list[str] = []  # the app's own keys first
        self.later_keys: list[str] = []  # then Textual's (ctrl+q beside q) and remapped ones
        self.enabled = False


def collect_bindings(screen: Screen[object]) -> list[BindingGroup]:
    """The keys the user can press on ``screen``: sections first (in SECTIONS order), then the
    groups of actions without a section, focused widget first."""
    app = screen.app
    focused = screen.focused
    chain: list[DOMNode] = (
        list(focused.ancestors_with_self) if focused is not None else [screen, app]
    )
    seen_types = {type(node) for node in chain}
    for widget in screen.walk_children(Widget):
        if type(widget) in seen_types:
            continue
        seen_types.add(type(widget))
        chain.append(widget)

    # group title → (description, where) → row; groups keep their first-seen order.
    rows: dict[str, dict[tuple[str, str], _Row]] = {}
    for node_index, node in enumerate(chain):
        declared = _declared(type(node))
        for key_index, (key, binding) in enumerate(_bindings_in_force(node, app)):
            name = _action_name(binding.action)
            is_framework = binding.action in declared.framework_actions
            if binding.system or (is_framework and name not in FRAMEWORK_SHOWN):
                continue
            try:
                state = app._check_action_state(binding.action, node)
            except ActionError:  # an action the app cannot resolve still has a key worth listing
                state = True
            if state is False:
                continue
            entry = ACTIONS.get(name)
            if entry is not None:
                title = entry.section
                description = entry.description or _description(binding)
                where = _where(node, focused)
                order = (_ORDER[name], node_index)
            else:
                title = _fallback_title(node, focused)
                description, where = _description(binding), ""
                order = (len(_ORDER) + node_index, key_index)
            row = rows.setdefault(title, {}).setdefault((description, where), _Row(order))
            shown = app.get_key_display(binding)
            listed = row.keys if key in declared.own_keys else row.later_keys
            if shown not in row.keys and shown not in row.later_keys:
                listed.append(shown)
            row.enabled = row.enabled or bool(state)

    def group(title: str) -> BindingGroup:
        ordered = sorted(rows[title].items(), key=lambda item: item[1].order)
        return BindingGroup(
            title,
            tuple(
                BindingRow(", ".join(row.keys + row.later_keys), desc, row.enabled, where)
                for (desc, where), row in ordered
            ),
        )

    sectioned = [group(title) for title in SECTIONS if title in rows]
    others = [group(title) for title in rows if title not in SECTIONS]
    return [*sectioned, *others]


def split_columns(groups: list[BindingGroup], columns: int) -> list[list[BindingGroup]]:
    """Groups dealt into at most ``columns`` columns, in order, as even in height as they go."""
    if columns <= 1 or len(groups) <= 1:
        return [groups]
    heights = [group.height + 1 for group in groups]  # a blank line between groups
    total = sum(heights)
    best, best_cut = total, len(groups)
    running = 0
    for cut in range(1, len(groups)):
        running += heights[cut - 1]
        tallest = max(running, total - running)
        if tallest < best:
            best, best_cut = tallest, cut
    return [groups[:best_cut], groups[best_cut:]]


def _key_width(groups: list[BindingGroup]) -> int:
    return max((len(row.keys) for group in groups for row in group.rows), default=0)


def bindings_text(groups: list[BindingGroup]) -> Text:
    width = _key_width(groups)
    text = Text()
    for index, group in enumerate(groups):
        if index:
            text.append("\n")
        text.append(f"{group.title}\n", style="bold underline")
        for row in group.rows:
            style = "" if row.enabled else "dim"
            text.append(f"  {row.keys.rjust(width)}  ", style=f"bold {style}".strip())
            text.append(row.description, style=style)
            if row.where:
                text.append(f"  ({row.where})", style="dim italic")
            text.append("\n")
    text.rstrip()
    return text


def _text_width(text: Text) -> int:
    return max((line.cell_len for line in text.split("\n")), default=0)


def side_by_side(columns: list[Text], gap: int) -> Text:
    """Texts laid next to each other, line by line, each padded to its widest line."""
    split = [column.split("\n", allow_blank=True) for column in columns]
    widths = [_text_width(column) for column in columns]
    out = Text()
    for index in range(max((len(lines) for lines in split), default=0)):
        if index:
            out.append("\n")
        line = Text()
        for number, (lines, width) in enumerate(zip(split, widths, strict=True)):
            if number:
                line.append(" " * gap)
            part = lines[index].copy() if index < len(lines) else Text()
            part.pad_right(width - part.cell_len)
            line.append_text(part)
        line.rstrip()
        out.append_text(line)
    return out


class HelpScreen(ModalScreen[None]):
    """Every key the user can press on the screen beneath; escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close help"),
    ]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > #help-dialog { width: auto; max-width: 96%; height: auto; max-height: 94%; }
    HelpScreen #help-scroll { height: auto; max-height: 100%; width: auto; }
    HelpScreen #help-bindings { width: auto; }
    """
    COLUMN_GAP: ClassVar[int] = 6
    DIALOG_CHROME: ClassVar[tuple[int, int]] = (6, 2)  # border and padding: (width, height)

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.groups: list[BindingGroup] = []
        self.columns = 1

    def _screen_beneath(self) -> Screen[object]:
        stack = self.app.screen_stack
        index = stack.index(self) if self in stack else len(stack)
        return stack[index - 1] if index > 0 else self.app.screen

    def _layout(self) -> tuple[int, Text]:
        """One column when it fits the terminal's height (or two would not fit its width),
        else two: (columns, text)."""
        width, height = self.app.size
        chrome_width, chrome_height = self.DIALOG_CHROME
        one = bindings_text(self.groups)
        if len(one.split("\n")) + chrome_height <= int(height * 0.94):
            return 1, one
        two = side_by_side(
            [bindings_text(column) for column in split_columns(self.groups, 2)], self.COLUMN_GAP
        )
        if _text_width(two) + chrome_width <= int(width * 0.96):
            return 2, two
        return 1, one  # too narrow for two: one column, scrolled

    def compose(self) -> ComposeResult:
        self.groups = collect_bindings(self._screen_beneath())
        self.columns, text = self._layout()
        with Vertical(id="help-dialog") as dialog:
            dialog.border_title = "Keys"
            dialog.border_subtitle = "escape · q · ? to close"
            with VerticalScroll(id="help-scroll"):
                yield Static(text, id="help-bindings")

    def on_resize(self, event: events.Resize) -> None:
        columns, text = self._layout()
        if columns != self.columns:
            self.columns = columns
            self.query_one("#help-bindings", Static).update(text)

    def action_close(self) -> None:
        self.dismiss(None)
