"""The app's features as one collection: each hook of tui/features/base.py called on all of
them, in the app's feature order."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

from textual.app import SystemCommand
from textual.message import Message

from tui.features.base import Feature
from tui.feed.store import StoreChange

FeatureType = TypeVar("FeatureType", bound=Feature)


class FeatureSet:
    def __init__(self, features: Iterable[Feature]) -> None:
        self._features = list(features)

    def __iter__(self) -> Iterator[Feature]:
        return iter(self._features)

    def of(self, kind: type[FeatureType]) -> FeatureType:
        return next(feature for feature in self._features if isinstance(feature, kind))

    def hear(self, message: Message) -> None:
        for feature in self._features:
            feature.hear(message)

    def mounted(self) -> None:
        for feature in self._features:
            feature.mounted()

    def store_changed(self, change: StoreChange) -> bool:
        """Every feature hears it; True when any may see its rows move."""
        moved = [feature.store_changed(change) for feature in self._features]
        return any(moved)

    def server_changed(self) -> None:
        for feature in self._features:
            feature.server_changed()

    def shape_view(self, ids: Sequence[str]) -> Sequence[str]:
        for feature in self._features:
            ids = feature.shape_view(ids)
        return ids

    def describe_view(self, what: str) -> str:
        for feature in self._features:
            what = feature.describe_view(what)
        return what

    def view_refreshed(self) -> None:
        for feature in self._features:
            feature.view_refreshed()

    def escape(self) -> bool:
        """Esc: True when a feature used it."""
        return any(feature.on_escape() for feature in self._features)

    def commands(self) -> Iterable[SystemCommand]:
        for feature in self._features:
            yield from feature.commands()
