"""The help screen: the keys of the screen beneath it, in sections by what they do.

What it lists, and how:
- the bindings of the focused widget and its ancestors, the screen and the app, then of every other
  widget on the screen that declares its own (what the user can press after moving focus there);
- the keys in force: for the focused chain, ``Screen.active_bindings`` (the keymap applied, as the
  Footer shows them); for other widgets their declared BINDINGS with the app's keymap
  (``keymap``: what the app gave ``App.set_keymap``) applied;
- the app's registry of actions (tui/actions.py, by binding id) names each one's section and
  words; Textual's own actions go to fixed sections (Navigation, App); an action neither knows
  still shows, in a group named after where it applies;
- Textual's own bindings (scrolling, text editing, copy) are left out unless the app relies on them
  (tab to move focus, ctrl+q to quit, the command palette): they are noise in a dashboard's help;
- actions the node hides (``check_action`` False) are left out and disabled ones (None) are dim,
  like the Footer.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import NamedTuple

from textual.actions import ActionError, parse
from textual.binding import Binding, BindingsMap, BindingType
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget

from tui.actions import SECTIONS, Action
from tui.widgets.help_rows import (
    ACTIONS,
    FRAMEWORK_SHOWN,
    ORDER,
    BindingGroup,
    BindingRow,
    Entry,
    action_name,
    description_of,
    fallback_title,
    where_needed,
)


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


def _declared_bindings(node: DOMNode, keymap: Mapping[str, str]) -> BindingsMap:
    """What the node's classes declare in BINDINGS (the subclass wins a key), keymap applied."""
    declared: list[BindingType] = []
    for cls in reversed(type(node).__mro__):
        declared.extend(cls.__dict__.get("BINDINGS", ()))
    bindings = BindingsMap(declared)
    if keymap:
        bindings.apply_keymap(dict(keymap))
    return bindings


def _bindings_in_force(
    node: DOMNode, active: Mapping[str, tuple[DOMNode, Binding]], keymap: Mapping[str, str]
) -> list[tuple[str, Binding]]:
    """The node's keys as the user can press them: the screen's active bindings where the node
    is in the focused chain (``active``: key → (node, binding)), else its declared ones."""
    mine = [(key, binding) for key, (owner, binding) in active.items() if owner is node]
    if mine or any(owner is node for owner, _binding in active.values()):
        return mine
    return list(_declared_bindings(node, keymap))


def _action_state(node: DOMNode, binding: Binding) -> bool | None:
    """What the node's ``check_action`` says of the binding's action (True: shown, enabled)."""
    namespace, name, parameters = parse(binding.action)
    target: DOMNode = node.app if namespace == "app" else node
    return target.check_action(name, parameters)


class _Row:
    """A row being collected: its keys in order, and whether any of its bindings is enabled."""

    def __init__(self, order: tuple[int, int]) -> None:
        self.order = order
        self.keys: list[str] = []  # the app's own keys first
        self.later_keys: list[str] = []  # then Textual's (ctrl+q beside q) and remapped ones
        self.enabled = False


def collect_bindings(
    screen: Screen[object],
    registry: Mapping[str, Action] | None = None,
    keymap: Mapping[str, str] | None = None,
) -> list[BindingGroup]:
    """The keys the user can press on ``screen``: sections first (in SECTIONS order), then the
    groups of actions without a section, focused widget first. ``registry``: the app's actions
    by binding id (their section and words); ``keymap``: what the app gave set_keymap."""
    app = screen.app
    registry = registry or {}
    keymap = keymap or {}
    focused = screen.focused
    active = {key: (a.node, a.binding) for key, a in screen.active_bindings.items()}
    ranks = {action_id: index for index, action_id in enumerate(registry)}
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
        for key_index, (key, binding) in enumerate(_bindings_in_force(node, active, keymap)):
            name = action_name(binding.action)
            is_framework = binding.action in declared.framework_actions
            if binding.system or (is_framework and name not in FRAMEWORK_SHOWN):
                continue
            try:
                state = _action_state(node, binding)
            except ActionError:  # an action the app cannot resolve still has a key worth listing
                state = True
            if state is False:
                continue
            action = registry.get(binding.id or "")
            entry = Entry(action.section, action.description) if action else ACTIONS.get(name)
            if entry is not None:
                title = entry.section
                description = entry.description or description_of(binding)
                where = where_needed(node, focused)
                # The registry's order first, then Textual's own actions in ACTIONS order.
                rank = ranks.get(binding.id or "", len(ranks) + ORDER.get(name, len(ORDER)))
                order = (rank, node_index)
            else:
                title = fallback_title(node, focused)
                description, where = description_of(binding), ""
                order = (len(ORDER) + node_index, key_index)
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
