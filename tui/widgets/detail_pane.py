"""The detail pane: every field of one job, exact and humanised, with server text kept inert."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any, Final

import humanize
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Static

from tui.api.models import FAILED, Video
from tui.cost import FAILED_NOTE, estimate
from tui.text import literal, one_line
from tui.widgets.progress_text import eta_text, progress_bar
from tui.widgets.status_style import look
from tui.widgets.thumbnail import Thumbnail

FIELDS: Final = (
    "id",
    "object",
    "model",
    "status",
    "progress",
    "created_at",
    "completed_at",
    "expires_at",
    "size",
    "seconds",
    "remixed_from_video_id",
    "error",
    "prompt",
)
TIME_FIELDS: Final = ("created_at", "completed_at", "expires_at")
# Label above, value below at full width: values too long for the label column's side
# (a full id is 38 characters) or labels too long for it.
WIDE_FIELDS: Final = ("id", "remixed_from_video_id", "prompt")
PLACEHOLDER: Final = "No job selected.\nPick a job in the list to see every detail of it here."
NONE: Final = "—"
NO_CODE: Final = "(no code)"
_DIM: Final = "dim"
_ERROR_ROW_LIMIT: Final = 100


def exact_time(stamp: int) -> str:
    """Local time, ISO 8601 with its UTC offset: 2026-11-25T09:14:03+01:00."""
    return datetime.fromtimestamp(stamp).astimezone().isoformat(timespec="seconds")


def relative_time(stamp: int, now: float) -> str:
    """'3 minutes ago' / '2 hours from now'."""
    return str(
        humanize.naturaltime(datetime.fromtimestamp(stamp), when=datetime.fromtimestamp(now))
    )


def expiry_text(stamp: int, now: float) -> str:
    """'expires in 23 hours' / 'expired 2 hours ago'."""
    delta = stamp - now
    if delta > 0:
        return f"expires in {humanize.naturaldelta(delta)}"
    return f"expired {humanize.naturaldelta(-delta)} ago"


def _time_value(stamp: int | None, now: float, *, expiry: bool = False) -> Text:
    if stamp is None or stamp <= 0:
        return Text(NONE, style=_DIM)
    human = expiry_text(stamp, now) if expiry else relative_time(stamp, now)
    style = "red" if expiry and stamp <= now else ""
    # Two lines: side by side they take 43 columns and would wrap mid-phrase in a narrow pane.
    return Text.assemble(exact_time(stamp), "\n", (human, style or _DIM))


def _text_or_none(value: str | None) -> Text:
    if value is None:
        return Text(NONE, style=_DIM)
    if value == "":
        return Text('""', style=_DIM)
    return literal(value)


def _progress_value(video: Video, now: float) -> Text:
    text = Text.assemble(
        (progress_bar(video.progress), look(video.status).style), f" {video.progress}%"
    )
    if video.in_flight:
        text.append(f"\n{eta_text(video.created_at, video.progress, now)}", style=_DIM)
    return text


def _status_value(status: str) -> Text:
    status_look = look(status)
    return Text.assemble(
        (f"{status_look.symbol} ", status_look.style),
        literal(status or "(none)", style=status_look.style, keep_newlines=False),
    )


def _error_value(video: Video) -> Text:
    if video.error is None:
        return Text(NONE, style=_DIM)
    code = one_line(video.error.code, limit=80) or NO_CODE
    message = one_line(video.error.message, limit=_ERROR_ROW_LIMIT + 1)
    if len(message) > _ERROR_ROW_LIMIT:  # the box above holds all of it
        message = message[: _ERROR_ROW_LIMIT - 1] + "…"
    return Text.assemble((code, "bold red"), (f": {message}" if message else "", ""))


def field_value(video: Video, name: str, now: float) -> Text:
    """The displayed value of one of the 13 fields."""
    if name in TIME_FIELDS:
        return _time_value(getattr(video, name), now, expiry=name == "expires_at")
    if name == "status":
        return _status_value(video.status)
    if name == "progress":
        return _progress_value(video, now)
    if name == "error":
        return _error_value(video)
    if name == "prompt":
        return _text_or_none(video.prompt)
    return _text_or_none(getattr(video, name))


def error_box_text(video: Video) -> Text | None:
    """'Failed: <code>' and the full message, or None when the job has no failure to report."""
    if video.error is None and video.status != FAILED:
        return None
    code = one_line(video.error.code, limit=200) if video.error else ""
    heading = "Failed" if video.status == FAILED else "Error"
    text = Text.assemble((f"{heading}: ", "bold red"), (code or NO_CODE, "bold red"), "\n")
    message = video.error.message if video.error else ""
    text.append_text(
        literal(message) if message else Text("The server gave no reason.", style=_DIM)
    )
    return text


def cost_text(video: Video) -> Text:
    """'$0.80 (8 s × $0.10/s, sora-2 720p)'; struck through for a failed job; '?' and why when unknown."""
    cost = estimate(video)
    line = one_line(cost.explain(video.size), limit=200)
    if not cost.known:
        return Text(line, style=_DIM)
    if cost.failed:
        return Text.assemble((line, "dim strike"), (f"  ({FAILED_NOTE})", _DIM))
    return Text(line)


def extra_fields_text(video: Video) -> Text | None:
    """Fields the server sent beyond the 13, as literal 'key: value' lines."""
    extra: dict[str, Any] = dict(video.model_extra or {})
    if not extra:
        return None
    text = Text()
    for index, (key, value) in enumerate(sorted(extra.items())):
        shown = (
            value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
        )
        text.append_text(literal(f"{key}: ", style="bold", keep_newlines=False))
        text.append_text(literal(shown))
        if index < len(extra) - 1:
            text.append("\n")
    return text


class _Value(Static):
    """A Static that skips repaints when its text did not change, and the screen's re-layout when
    the new text takes the rows the old one took (the cursor moving from job to job, the
    1-second tick): a layout pass walks every widget on the screen, a repaint only this one."""

    def set_text(self, text: Text) -> None:
        if text == self.content:
            return
        # The width is the row's (1fr), never the text's: only the height can move the layout.
        width, height = self.content_size
        self.update(text, layout=False)
        # The rows it takes, counted as Widget.get_content_height counts them.
        rows = self.visual.get_height(self.styles, width) if width > 0 else None  # type: ignore[arg-type]
        if not (self.display and rows == height):
            self.refresh(layout=True)


class FieldRow(Vertical):
    """One labelled field: the label, then its value (side by side unless the row is -wide)."""

    def __init__(self, name: str, *, wide: bool = False) -> None:
        super().__init__(id=f"field-{name}", classes="field-row -wide" if wide else "field-row")
        self.field_name = name
        self._value = _Value("", classes="field-value")

    def compose(self) -> ComposeResult:
        yield Static(self.field_name, classes="field-label")
        yield self._value

    def set_value(self, text: Text) -> None:
        self._value.set_text(text)


class DetailPane(VerticalScroll):
    """Shows one Video. ``show(video)`` again for the same id updates in place (scroll position kept)."""

    DEFAULT_CSS = """
    DetailPane > #detail-body { height: auto; }
    DetailPane .field-row { layout: horizontal; height: auto; }
    DetailPane .field-row.-wide { layout: vertical; }
    DetailPane .field-label { width: 13; }
    DetailPane .field-row.-wide .field-label { width: auto; }
    DetailPane .field-value { width: 1fr; height: auto; }
    DetailPane #detail-error { height: auto; }
    """

    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.time,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._clock = clock
        self._video: Video | None = None
        self._painted_id: str | None = None  # the job whose fields are on screen
        self._paint_pending = False  # follow() asked for a paint after the next refresh
        self._ticker: Timer | None = None
        self._error = _Value("", id="detail-error")
        self._extra_label = Static("Other fields", id="detail-extra-label", classes="field-label")
        self._extra = _Value("", id="detail-extra")
        self._rows = {name: FieldRow(name, wide=name in WIDE_FIELDS) for name in (*FIELDS, "cost")}
        self._thumbnail = Thumbnail(id="detail-thumbnail")
        # Placeholder or body: shown by `display`, not by a class on the pane (a class change
        # re-applies the stylesheet to every one of the pane's ~50 widgets).
        self._placeholder = Static(PLACEHOLDER, id="detail-placeholder")
        self._body = Vertical(id="detail-body")
        self._body.display = False

    @property
    def video(self) -> Video | None:
        """The job on show (after ``follow``, painted once the screen has refreshed), or None."""
        return self._video

    def compose(self) -> ComposeResult:
        yield self._placeholder
        with self._body:
            yield self._error
            yield self._thumbnail
            for name in FIELDS:
                yield self._rows[name]
                if name == "seconds":
                    yield self._rows["cost"]
            yield self._extra_label
            yield self._extra

    @property
    def thumbnail(self) -> Thumbnail:
        """The slot for the job's picture (filled by the thumbnails feature; hidden otherwise)."""
        return self._thumbnail

    def on_mount(self) -> None:
        self._ticker = self.set_interval(1.0, self._tick, name="detail-clock", pause=True)
        if self._video is not None:
            self._paint()

    def on_show(self) -> None:
        if self._ticker is not None:
            self._ticker.resume()

    def on_hide(self) -> None:
        if self._ticker is not None:
            self._ticker.pause()

    def show(self, video: Video | None) -> None:
        """Show ``video`` (None: the placeholder) now. Same id as before: update in place."""
        self._video = video
        self._paint_pending = False
        if self.is_mounted:
            self._paint()

    def follow(self, video: Video | None) -> None:
        """The cursor landed on ``video``: show it once the screen has refreshed (the table's
        cursor row first, then the pane). Moves that come faster than the screen refreshes
        (a held key) are painted once, for the last job; ``video`` is the pane's job at once."""
        self._video = video
        if not self.is_mounted or self._paint_pending:
            return
        self._paint_pending = True
        self.call_after_refresh(self._paint_followed)

    def _paint_followed(self) -> None:
        if self._paint_pending:  # else show() painted meanwhile
            self._paint_pending = False
            self._paint()

    def _paint(self) -> None:
        video = self._video
        empty = video is None
        self._placeholder.display = empty
        self._body.display = not empty
        if video is None:
            self._painted_id = None
            return
        self._render_video(video)
        if self._painted_id != video.id:
            self._painted_id = video.id
            self.scroll_home(animate=False, immediate=True)

    def _render_video(self, video: Video) -> None:
        now = self._clock()
        error = error_box_text(video)
        self._error.display = error is not None
        if error is not None:
            self._error.set_text(error)
        for name in FIELDS:
            self._rows[name].set_value(field_value(video, name, now))
        self._rows["cost"].set_value(cost_text(video))
        thumbnail = self.thumbnail
        if thumbnail.video_id not in (None, video.id):  # never a picture of another job
            thumbnail.clear()
        extra = extra_fields_text(video)
        self._extra_label.display = extra is not None
        self._extra.display = extra is not None
        if extra is not None:
            self._extra.set_text(extra)

    def _tick(self) -> None:
        """Move the relative times and the ETA along; nothing else changes with the clock."""
        video = self._video
        if video is None or not self.display or self._paint_pending:
            return
        now = self._clock()
        for name in (*TIME_FIELDS, "progress"):
            self._rows[name].set_value(field_value(video, name, now))
