"""One value from a lenient server read as a field's type (API.md §8), and `WireError`, the one
failure of a body that cannot be read.

The readers are the tolerance the wire records promise: open strings (null, numbers and unknown
values become text, kept verbatim), integer error codes as text, progress clamped to 0..100,
times from ints, floats or numeric strings. Only a few shapes are refused: a missing or
non-string id, a non-string where the API says string (``object``, the paging ids), a value that
is no boolean for ``has_more``. Enumerated text is interned (``sys.intern``): 100k loaded jobs
share one ``"completed"`` and one ``"sora-2"``.
"""

from __future__ import annotations

import sys
from typing import Any, Final

NOT_TEXT: Final = "input should be a valid string"
REQUIRED: Final = "field required"
NOT_BOOLEAN: Final = "input should be a valid boolean"
UNREADABLE_BOOLEAN: Final = "input should be a valid boolean, unable to interpret input"
_TRUE: Final = frozenset({"1", "on", "t", "true", "y", "yes"})
_FALSE: Final = frozenset({"0", "off", "f", "false", "n", "no"})
_intern = sys.intern


class WireError(ValueError):
    """A body that is not the shape asked for: where (keys and list indexes) and what."""

    def __init__(self, where: tuple[str | int, ...], problem: str) -> None:
        self.where = where
        self.problem = problem
        super().__init__(f"{'.'.join(str(part) for part in where) or 'body'} {problem}")

    def inside(self, *outer: str | int) -> WireError:
        """The same problem, found inside ``outer`` (a list's key and the item's index)."""
        return WireError((*outer, *self.where), self.problem)


def not_a_mapping(name: str) -> WireError:
    return WireError((), f"input should be a valid dictionary or instance of {name.lower()}")


def open_text(value: Any) -> str:
    """An enumerated field (model, status, size, seconds): any value is kept, as shared text."""
    if type(value) is str:
        return _intern(value)
    return "" if value is None else _intern(str(value))


def text(value: Any) -> str:
    """Free text that must not be null (an error's message): null is empty, anything else text."""
    if type(value) is str:
        return value
    return "" if value is None else str(value)


def text_or_none(value: Any) -> str | None:
    if value is None or type(value) is str:
        return value
    return str(value)


def strict_text(value: Any, name: str) -> str:
    """A field the API types as a string and nobody sends otherwise (ids, ``object``)."""
    if type(value) is str:
        return value
    if isinstance(value, str):
        return str(value)
    raise WireError((name,), NOT_TEXT)


def strict_text_or_none(value: Any, name: str) -> str | None:
    return None if value is None else strict_text(value, name)


def progress(value: Any) -> int:
    """0..100; an unreadable value is 0."""
    if type(value) is int:
        number = value
    else:
        try:
            number = int(float(value))
        except (TypeError, ValueError, OverflowError):
            return 0
    return 0 if number < 0 else min(number, 100)


def seconds_since_epoch(value: Any) -> int:
    """``created_at``: an unreadable value is 0 (the job still shows, at the bottom)."""
    if type(value) is int:
        return value
    try:
        return int(float(value))
    except (TypeError, ValueError, OverflowError):
        return 0


def seconds_or_none(value: Any) -> int | None:
    """``completed_at`` / ``expires_at``: null, ``""`` and anything unreadable are None."""
    if type(value) is int:
        return value
    if value is None or value == "":
        return None
    try:
        return int(float(value))
    except (TypeError, ValueError, OverflowError):
        return None


def boolean_or_none(value: Any, name: str) -> bool | None:
    """``has_more``: a JSON boolean, or 0/1 and the usual words ("true", "no", ...)."""
    if value is None or type(value) is bool:
        return value
    if isinstance(value, int):
        if value in (0, 1):
            return bool(value)
        raise WireError((name,), UNREADABLE_BOOLEAN)
    if isinstance(value, float):
        if value in (0.0, 1.0):
            return bool(value)
        raise WireError((name,), NOT_BOOLEAN)
    if isinstance(value, str):
        word = value.lower()
        if word in _TRUE or word in _FALSE:
            return word in _TRUE
        raise WireError((name,), UNREADABLE_BOOLEAN)
    raise WireError((name,), NOT_BOOLEAN)


def extras_of(
    value: dict[str, Any], known: frozenset[str], *, drop_null: bool = False
) -> dict[str, Any] | None:
    """Keys no field names, or None when there are none. ``drop_null`` (a Video's): those sent
    as null (LiteLLM's ``usage: null``) say nothing and are dropped, so the same job from a list
    and from a retrieve compares equal."""
    if value.keys() <= known:
        return None
    if drop_null:
        extra = {k: v for k, v in value.items() if k not in known and v is not None}
    else:
        extra = {k: v for k, v in value.items() if k not in known}
    return extra or None
