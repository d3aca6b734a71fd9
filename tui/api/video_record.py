"""A job as the dashboard holds it: `Video` (and its `VideoError`), a compact immutable record.

A record is a tuple with named fields (``typing.NamedTuple``): one small object per loaded job,
where a pydantic model was several (100k jobs are tens of MB, not hundreds). It is read by a
hand-written decoder, ``model_validate(dict)`` (the constructor takes the same fields as
keywords), with the tolerance of `tui.api.wire_values`; enumerated text is interned, keys no
field names are kept in ``model_extra`` (None when there are none). The pydantic names the
layers above use (``model_dump``, ``model_copy``, ``model_extra``, ``model_fields``) are kept.
A record is not re-read when copied: ``model_copy(update=...)`` takes the values as given.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Any, ClassVar, Final, NamedTuple, Self, TypeVar

from tui import contract
from tui.api.ids import canonical_id
from tui.api.wire_values import (
    REQUIRED,
    WireError,
    extras_of,
    not_a_mapping,
    open_text,
    progress,
    seconds_or_none,
    seconds_since_epoch,
    strict_text,
    text,
    text_or_none,
)

_VIDEO_KEYS: Final = frozenset(contract.VIDEO_FIELDS)
_ERROR_KEYS: Final = frozenset(("code", "message"))
_R = TypeVar("_R", bound=tuple[Any, ...])
_intern = sys.intern


def rebuild(cls: type[_R], values: tuple[Any, ...]) -> _R:
    """A record from its values as they are (for copy and pickle: nothing to re-read)."""
    return tuple.__new__(cls, values)


class _VideoErrorFields(NamedTuple):
    code: str | None
    message: str
    model_extra: dict[str, Any] | None


class VideoError(_VideoErrorFields):
    """``video.error`` on a failed job. Some servers send an int code or no code at all."""

    __slots__ = ()
    model_fields: ClassVar = ("code", "message")

    def __new__(cls, **fields: Any) -> Self:
        return cls.model_validate(fields)

    @classmethod
    def model_validate(cls, value: Any) -> Self:
        if isinstance(value, cls):
            return value
        if not isinstance(value, dict):
            raise not_a_mapping(cls.__name__)
        get = value.get
        extra = extras_of(value, _ERROR_KEYS)
        return tuple.__new__(cls, (text_or_none(get("code")), text(get("message")), extra))

    def model_dump(self, *, mode: str = "python") -> dict[str, Any]:
        return {"code": self.code, "message": self.message, **(self.model_extra or {})}

    def __hash__(self) -> int:
        return hash(self[:2])

    def __reduce__(self) -> tuple[Any, ...]:
        return rebuild, (type(self), tuple(self))


def _error(value: Any) -> VideoError | None:
    """``error``: null, ``""`` and ``{}`` say no error; a bare string is its message."""
    if value is None or value == "" or value == {}:
        return None
    if isinstance(value, str):
        return tuple.__new__(VideoError, (None, value, None))
    try:
        return VideoError.model_validate(value)
    except WireError as error:
        raise error.inside("error") from None


class _VideoFields(NamedTuple):
    id: str
    object: str
    model: str
    status: str
    progress: int
    created_at: int
    completed_at: int | None
    expires_at: int | None
    prompt: str | None
    size: str
    seconds: str
    remixed_from_video_id: str | None
    error: VideoError | None
    model_extra: dict[str, Any] | None


class Video(_VideoFields):
    """One video-generation job: the 13 fields of API.md §2, in the order of
    ``tui.contract.VIDEO_FIELDS`` (``model_fields``), then ``model_extra``. ``id`` is canonical
    (``tui.api.ids.canonical_id``): LiteLLM's longer retrieve/create id becomes its list id."""

    __slots__ = ()
    model_fields: ClassVar = contract.VIDEO_FIELDS

    def __new__(cls, **fields: Any) -> Self:
        return cls.model_validate(fields)

    @classmethod
    def model_validate(cls, value: Any) -> Self:
        if isinstance(value, cls):
            return value
        if not isinstance(value, dict):
            raise not_a_mapping(cls.__name__)
        get = value.get
        video_id = get("id")
        if type(video_id) is not str:
            if video_id is None and "id" not in value:
                raise WireError(("id",), REQUIRED)
            video_id = strict_text(video_id, "id")
        kind, model, status, size = get("object", "video"), get("model"), get("status"), get("size")
        seconds, done, expires, prompt = (
            get("seconds"),
            get("completed_at"),
            get("expires_at"),
            get("prompt"),
        )
        share, percent, created = _intern, get("progress", 0), get("created_at", 0)
        remixed, error = get("remixed_from_video_id"), get("error")
        # The common shapes inline (this runs for every job of every page); the readers of
        # `tui.api.wire_values` for anything else, with the same result.
        values = (
            canonical_id(video_id),
            share(kind) if type(kind) is str else open_text(strict_text(kind, "object")),
            share(model) if type(model) is str else open_text(model),
            share(status) if type(status) is str else open_text(status),
            percent if type(percent) is int and 0 <= percent <= 100 else progress(percent),
            created if type(created) is int else seconds_since_epoch(created),
            done if done is None or type(done) is int else seconds_or_none(done),
            expires if expires is None or type(expires) is int else seconds_or_none(expires),
            prompt if prompt is None or type(prompt) is str else str(prompt),
            share(size) if type(size) is str else open_text(size),
            share(seconds) if type(seconds) is str else open_text(seconds),
            remixed if remixed is None or type(remixed) is str else str(remixed),
            None if error is None else _error(error),
            None if value.keys() <= _VIDEO_KEYS else extras_of(value, _VIDEO_KEYS, drop_null=True),
        )
        return tuple.__new__(cls, values)

    def model_dump(self, *, mode: str = "python") -> dict[str, Any]:
        """The 13 fields in order (``error`` as a dict), then the extra keys."""
        dumped = dict(zip(contract.VIDEO_FIELDS, self, strict=False))
        if self.error is not None:
            dumped["error"] = self.error.model_dump()
        if self.model_extra:
            dumped.update(self.model_extra)
        return dumped

    def model_copy(self, *, update: Mapping[str, Any] | None = None) -> Video:
        """This job with some fields replaced as given (not re-read); unknown keys go to extras."""
        if not update:
            return self
        fields = {k: v for k, v in update.items() if k in _VIDEO_KEYS}
        extra = {k: v for k, v in update.items() if k not in _VIDEO_KEYS}
        if extra:
            fields["model_extra"] = {**(self.model_extra or {}), **extra}
        return self._replace(**fields)

    @property
    def in_flight(self) -> bool:
        return self.status in contract.IN_FLIGHT_STATUSES

    def __hash__(self) -> int:
        return hash(self[:13])

    def __reduce__(self) -> tuple[Any, ...]:
        return rebuild, (type(self), tuple(self))
