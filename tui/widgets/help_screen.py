"""The help screen: every key binding of the screen beneath it, grouped by where it applies."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.actions import ActionError
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Static


@dataclass(frozen=True)
class BindingRow:
    keys: str
    description: str
    enabled: bool = True


@dataclass(frozen=True)
class BindingGroup:
    title: str
    rows: tuple[BindingRow, ...]


def _humanize_name(name: str) -> str:
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name.replace("_", " ")).split()
    return " ".join([words[0].capitalize(), *(w.lower() for w in words[1:])]) if words else name


def _title(node: DOMNode, focused: Widget | None) -> str:
    if node.BINDING_GROUP_TITLE:
        base = node.BINDING_GROUP_TITLE
    elif isinstance(node, App):
        return "Everywhere"
    elif isinstance(node, Screen):
        return "On this screen"
    else:
        base = _humanize_name(type(node).__name__)
    if node is focused:
        return f"{base} (focused)"
    return base if focused is not None and node in focused.ancestors else f"When {base} is focused"


def _description(binding: Binding) -> str:
    if binding.description:
        return binding.description
    action = binding.action.split("(", 1)[0].rsplit(".", 1)[-1]
    return _humanize_name(action) or binding.action


def _rows(node: DOMNode, app: App[object]) -> tuple[BindingRow, ...]:
    """One row per action: all its keys together. Actions the node hides (check_action False) are left out."""
    merged: dict[tuple[str, str], list[str]] = {}
    enabled: dict[tuple[str, str], bool] = {}
    # node._bindings: the merged (inherited + bound) map; _check_action_state: active_bindings' rule.
    for _key, binding in node._bindings:
        if binding.system:
            continue
        try:
            state = app._check_action_state(binding.action, node)
        except ActionError:  # an action the app cannot resolve still has a key worth listing
            state = True
        if state is False:
            continue
        ident = (binding.action, _description(binding))
        shown = app.get_key_display(binding)
        if shown not in merged.setdefault(ident, []):
            merged[ident].append(shown)
        enabled[ident] = enabled.get(ident, False) or bool(state)
    return tuple(
        BindingRow(", ".join(keys), desc, enabled[(action, desc)])
        for (action, desc), keys in merged.items()
    )


def collect_bindings(screen: Screen[object]) -> list[BindingGroup]:
    """The bindings of the focused widget and its ancestors, the screen and the app, then of every
    other focusable widget on the screen (what the user can press after moving focus there)."""
    app = screen.app
    focused = screen.focused
    chain: list[DOMNode] = (
        list(focused.ancestors_with_self) if focused is not None else [screen, app]
    )
    seen_types: set[type[DOMNode]] = set()
    others: list[DOMNode] = []
    for widget in screen.walk_children(Widget):
        if widget in chain or not widget.focusable or type(widget) in seen_types:
            continue
        seen_types.add(type(widget))
        others.append(widget)
    groups = [BindingGroup(_title(node, focused), _rows(node, app)) for node in [*chain, *others]]
    return [group for group in groups if group.rows]


def bindings_text(groups: list[BindingGroup]) -> Text:
    width = max((len(row.keys) for group in groups for row in group.rows), default=0)
    text = Text()
    for index, group in enumerate(groups):
        if index:
            text.append("\n")
        text.append(f"{group.title}\n", style="bold underline")
        for row in group.rows:
            style = "" if row.enabled else "dim"
            text.append(f"  {row.keys.rjust(width)}  ", style=f"bold {style}".strip())
            text.append(f"{row.description}\n", style=style)
    text.rstrip()
    return text


class HelpScreen(ModalScreen[None]):
    """Every key the user can press on the screen beneath; escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close help"),
    ]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > #help-dialog { width: auto; max-width: 90%; height: auto; max-height: 90%; }
    HelpScreen #help-scroll { height: auto; max-height: 100%; width: auto; }
    HelpScreen #help-bindings { width: auto; }
    """

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.groups: list[BindingGroup] = []

    def _screen_beneath(self) -> Screen[object]:
        stack = self.app.screen_stack
        index = stack.index(self) if self in stack else len(stack)
        return stack[index - 1] if index > 0 else self.app.screen

    def compose(self) -> ComposeResult:
        self.groups = collect_bindings(self._screen_beneath())
        with Vertical(id="help-dialog") as dialog:
            dialog.border_title = "Keys"
            dialog.border_subtitle = "escape · q · ? to close"
            with VerticalScroll(id="help-scroll"):
                yield Static(bindings_text(self.groups), id="help-bindings")

    def action_close(self) -> None:
        self.dismiss(None)
