"""Running the registry's actions: what is allowed, what a key does, what the palette offers.

Every app-scoped binding runs ``run('<action id>')``; this decides whether the action is allowed
(a feature of this app handles it; read-only mode refuses what changes the server) and calls
its handler. The keymap (binding id → keys, what the config's ``[keys]`` gave ``set_keymap``)
is kept here too, so a refused key can say why it did nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import partial

from textual.app import SystemCommand

from tui.actions import READ_ONLY_NOTE, Action
from tui.features.base import Feature


class Dispatch:
    def __init__(
        self,
        actions: Mapping[str, Action],
        features: Iterable[Feature],
        *,
        read_only: Callable[[], bool],
        refuse: Callable[[str], None],
    ) -> None:
        self.actions = dict(actions)
        self.keymap: dict[str, str] = {}
        self._read_only = read_only
        self._refuse = refuse  # says why an action was refused
        self._handlers: dict[str, Callable[[], object]] = {
            action.id: partial(feature.run, action.id)
            for feature in features
            for action in feature.ACTIONS
        }

    def allowed(self, action_id: str) -> bool:
        action = self.actions.get(action_id)
        if action is None or action_id not in self._handlers:
            return False  # bound by the class, but this app has no feature that handles it
        return not (action.changes_server and self._read_only())

    def run(self, action_id: str) -> None:
        action = self.actions.get(action_id)
        if action is not None and action.changes_server and self._read_only():
            self._refuse(READ_ONLY_NOTE)
            return
        handler = self._handlers.get(action_id)
        if handler is not None:
            handler()

    def key_pressed(self, key: str) -> None:
        """A key of an action read-only mode turns off does nothing at all: say why."""
        if self._read_only() and any(
            action.changes_server and key in action.keys_in_force(self.keymap)
            for action in self.actions.values()
        ):
            self._refuse(READ_ONLY_NOTE)

    def commands(self) -> Iterable[SystemCommand]:
        for action in self.actions.values():
            if action.palette and self.allowed(action.id):
                yield SystemCommand(
                    action.palette, action.palette_help, partial(self.run, action.id)
                )
