"""The envelopes around jobs: a list page (`VideoList`) and a delete's answer (`DeletedVideo`),
records read like `tui.api.video_record.Video`. SGLang omits the paging keys; they are None
('unknown'), and ``next_cursor`` follows the SDK's rule.
"""

from __future__ import annotations

from typing import Any, Final, NamedTuple, Self

from tui.api.ids import canonical_id
from tui.api.video_record import Video, rebuild
from tui.api.wire_values import (
    NOT_BOOLEAN,
    REQUIRED,
    WireError,
    boolean_or_none,
    extras_of,
    not_a_mapping,
    strict_text,
    strict_text_or_none,
)

_LIST_KEYS: Final = frozenset(("object", "data", "first_id", "last_id", "has_more"))
_DELETED_KEYS: Final = frozenset(("id", "object", "deleted"))


def _videos(data: Any) -> list[Video]:
    if data is None:
        return []
    if not isinstance(data, (list, tuple)):
        raise WireError(("data",), "input should be a valid list")
    read = Video.model_validate
    try:
        return [read(item) for item in data]
    except WireError:
        for index, item in enumerate(data):  # the rare bad page: say which item
            try:
                read(item)
            except WireError as error:
                raise error.inside("data", index) from None
        raise


class _VideoListFields(NamedTuple):
    object: str
    data: list[Video]
    first_id: str | None
    last_id: str | None
    has_more: bool | None
    model_extra: dict[str, Any] | None


class VideoList(_VideoListFields):
    """``GET /videos`` envelope. SGLang omits the paging keys; they default to 'unknown'."""

    __slots__ = ()

    def __new__(cls, **fields: Any) -> Self:
        return cls.model_validate(fields)

    @classmethod
    def model_validate(cls, value: Any) -> Self:
        if isinstance(value, cls):
            return value
        if not isinstance(value, dict):
            raise not_a_mapping(cls.__name__)
        get = value.get
        values = (
            strict_text(get("object", "list"), "object"),
            _videos(get("data")),
            strict_text_or_none(get("first_id"), "first_id"),
            strict_text_or_none(get("last_id"), "last_id"),
            boolean_or_none(get("has_more"), "has_more"),
            extras_of(value, _LIST_KEYS),
        )
        return tuple.__new__(cls, values)

    @property
    def next_cursor(self) -> str | None:
        """The ``after`` for the next page, by the SDK's rule (API.md §3), or None at the end."""
        if not self.data or self.has_more is False:
            return None
        return self.last_id or None

    def __reduce__(self) -> tuple[Any, ...]:
        return rebuild, (type(self), tuple(self))


class _DeletedVideoFields(NamedTuple):
    id: str
    object: str
    deleted: bool
    model_extra: dict[str, Any] | None


class DeletedVideo(_DeletedVideoFields):
    """``DELETE /videos/{id}``. SGLang answers with a Video whose status is ``deleted``: its
    fields are extras, and ``deleted`` is True when the body does not say."""

    __slots__ = ()

    def __new__(cls, **fields: Any) -> Self:
        return cls.model_validate(fields)

    @classmethod
    def model_validate(cls, value: Any) -> Self:
        if isinstance(value, cls):
            return value
        if not isinstance(value, dict):
            raise not_a_mapping(cls.__name__)
        if "id" not in value:
            raise WireError(("id",), REQUIRED)
        video_id = canonical_id(strict_text(value["id"], "id"))
        kind = strict_text(value.get("object", "video.deleted"), "object")
        deleted = boolean_or_none(value.get("deleted", True), "deleted")
        if deleted is None:
            raise WireError(("deleted",), NOT_BOOLEAN)
        return tuple.__new__(cls, (video_id, kind, deleted, extras_of(value, _DELETED_KEYS)))

    def __reduce__(self) -> tuple[Any, ...]:
        return rebuild, (type(self), tuple(self))
