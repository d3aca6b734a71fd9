"""The detail pane: every field of one job, exact and humanised, with server text kept inert."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import ClassVar, Final

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.strip import Strip
from textual.timer import Timer
from textual.widgets import Static

from tui.api.models import Video
from tui.clock import to_next_second
from tui.widgets.detail_fields import (
    CLOCK_ROWS,
    COST,
    EXTRA,
    FAILURE,
    FIELDS,
    JOB_ROWS,
    TIME_FIELDS,
    WIDE_FIELDS,
    field_value,
    row_text,
    same_row,
)
from tui.widgets.field_list import FieldList, Row
from tui.widgets.thumbnail import Shown, Thumbnail

PLACEHOLDER: Final = "No job selected.\nPick a job in the list to see every detail of it here."
HISTORY: Final = "history"  # what the history says: gone, unconfirmed, downloads
PICTURE_NOTE: Final = "thumbnail"  # "Loading thumbnail…"
PICTURE_REASON: Final = "thumbnail-reason"  # why there is no picture
PICTURE: Final = "picture"  # the picture's half cells, or the blank lines it is drawn over
LOOP_TURN_SECONDS: Final = 0.001  # a followed job is painted this long after the table's frame


def _rows() -> tuple[Row, ...]:
    """The pane's rows: the failure, the history's note, the picture's (its note, its lines, or
    the blank lines it is drawn over), the 13 fields with the cost after the length, the rest."""
    rows = [
        Row(FAILURE, kind="box", look="field-list--box"),
        Row(HISTORY, kind="note", look="field-list--warning"),
        Row(PICTURE_NOTE, kind="note", look="field-list--muted"),
        Row(PICTURE_REASON, kind="note", look="field-list--warning"),
        Row(PICTURE, kind="lines"),
    ]
    for name in FIELDS:
        rows.append(Row(name, wide=name in WIDE_FIELDS, strong=name == "id"))
        if name == "seconds":
            rows.append(Row(COST))
    rows.append(Row(EXTRA, wide=True, label="Other fields"))
    return tuple(rows)


ROWS: Final = _rows()


class DetailPane(Vertical):
    """Shows one Video. ``show(video)`` again for the same id updates in place (scroll position
    kept). Its text is one widget that scrolls (``fields``). A half-cell picture is lines of that
    text; a sixel or kitty picture is drawn over its top, on a layer of its own (.textual.css),
    and scrolls with it."""

    TICK_SECONDS: ClassVar[float] = 1.0  # how often the relative times and the ETA move on

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
        self._shown = False  # on screen (the clock ticks only then)
        self._live = True  # False: the job as the history last saw it (no estimate runs)
        self._given: dict[str, Text | None] = {}  # each row's text as last handed to the list
        self._rendered: Video | None = None  # the job (as it was) whose rows are on the list
        self._history: Text | None = None
        self._picture_top = 0  # the picture's offset: minus the text's scroll
        self._deferred_picture: Shown | None = None  # the slot's change, until the next paint
        self._fields = FieldList(ROWS, id="detail-fields")
        self._thumbnail = Thumbnail(id="detail-thumbnail", on_shown=self._thumbnail_shown)
        # Placeholder or text: shown by `display`, not by a class on the pane (a class change
        # re-applies the stylesheet to every widget in the pane).
        self._placeholder = Static(PLACEHOLDER, id="detail-placeholder")
        self._fields.display = False

    @property
    def fields(self) -> FieldList:
        """The pane's text: its rows (``value_text``, ``label_text``, ``shown``), scrolled."""
        return self._fields

    @property
    def video(self) -> Video | None:
        """The job on show (after ``follow``, painted once the screen has refreshed), or None."""
        return self._video

    def compose(self) -> ComposeResult:
        yield self._placeholder
        yield self._fields
        yield self._thumbnail

    def focus(self, scroll_visible: bool = True) -> DetailPane:
        """Focus the pane's text (the widget that scrolls)."""
        self._fields.focus(scroll_visible)
        return self

    def show_history(self, text: Text | None, *, live: bool = True) -> None:
        """What the history says of the job on show (tui/widgets/history_note.py); None: nothing.
        ``live`` False: the job is as the history last saw it (no time-left estimate)."""
        if live != self._live:
            self._live = live
            video = self._video
            if video is not None and self.is_mounted and not self._paint_pending:
                self._set("progress", field_value(video, "progress", self._clock(), live=live))
        self._history = text
        if self.is_mounted:
            self._set(HISTORY, text)

    @property
    def history_text(self) -> str:
        return "" if self._history is None else self._history.plain

    @property
    def thumbnail(self) -> Thumbnail:
        """The slot for the job's picture (filled by the thumbnails feature; hidden otherwise)."""
        return self._thumbnail

    def _thumbnail_shown(self, shown: Shown) -> None:
        """The picture's slot changed: its note is a line of the text, its half cells are
        lines of it, textual-image's widget is drawn over blank lines at its top. While a
        followed job waits to be painted, the change waits with it: one repaint of the pane,
        not one for the note and another for the job (the thumbnails feature hears the cursor
        move before the pane paints)."""
        if self._paint_pending:
            self._deferred_picture = shown
            return
        self._show_picture(shown)

    def _show_picture(self, shown: Shown) -> None:
        fields = self._fields
        fields.set_value(PICTURE_REASON, shown.note if shown.reason else None)
        fields.set_value(PICTURE_NOTE, None if shown.reason else shown.note)
        covered = shown.picture_lines
        blank = tuple(Strip.blank(1) for _ in range(covered))
        fields.set_lines(PICTURE, shown.lines or blank or None)
        if covered:
            self._follow_scroll(fields.scroll_y)

    def _follow_scroll(self, scroll_y: float) -> None:
        """Keep the picture over its lines as the text scrolls (a layout: only with a picture)."""
        top = -round(scroll_y)
        if self._thumbnail.overlaid and top != self._picture_top:
            self._picture_top = top
            self._thumbnail.styles.offset = (0, top)

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self._fields.scroll_down()  # the wheel over the picture scrolls the text under it

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self._fields.scroll_up()

    def on_mount(self) -> None:
        self.watch(self._fields, "scroll_y", self._follow_scroll, init=False)
        self.set_timer(to_next_second(), self._start_clock)
        self._set(HISTORY, self._history)
        if self._video is not None:
            self._paint()

    def _start_clock(self) -> None:
        self._ticker = self.set_interval(
            self.TICK_SECONDS, self._tick, name="detail-clock", pause=not self._shown
        )

    def on_show(self) -> None:
        self._shown = True
        if self._ticker is not None:
            self._ticker.resume()

    def on_hide(self) -> None:
        self._shown = False
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
        self.call_after_refresh(self._paint_next)

    def _paint_next(self) -> None:
        """After the table's frame, let the event loop run before the pane is painted, so the
        pane's repaint is a frame of its own rather than part of the table's."""
        self.set_timer(LOOP_TURN_SECONDS, self._paint_followed)

    def _paint_followed(self) -> None:
        if self._paint_pending:  # else show() painted meanwhile
            self._paint_pending = False
            self._paint()

    def _paint(self) -> None:
        video = self._video
        empty = video is None
        self._placeholder.display = empty
        self._fields.display = not empty
        if (shown := self._deferred_picture) is not None:  # first: the job may clear it
            self._deferred_picture = None
            self._show_picture(shown)
        if video is None:
            self._painted_id = None
            return
        self._render_video(video)
        if self._painted_id != video.id:
            self._painted_id = video.id
            self._fields.scroll_home(animate=False, immediate=True)

    def _render_video(self, video: Video) -> None:
        """The job's rows; the same job again: only the rows its change (or the clock) moved."""
        rendered, self._rendered = self._rendered, video
        before = rendered if rendered is not None and rendered.id == video.id else None
        now, live = self._clock(), self._live
        for name in JOB_ROWS:
            if before is None or name in CLOCK_ROWS or not same_row(before, video, name):
                self._set(name, row_text(video, name, now, live=live))
        thumbnail = self.thumbnail
        if thumbnail.video_id not in (None, video.id):  # never a picture of another job
            thumbnail.clear()

    def _tick(self) -> None:
        """Move the relative times and the ETA along; nothing else changes with the clock."""
        video = self._video
        if video is None or not self.display or self._paint_pending:
            return
        now = self._clock()
        for name in (*TIME_FIELDS, "progress"):
            self._set(name, field_value(video, name, now, live=self._live))

    def _set(self, name: str, text: Text | None) -> None:
        """Hand the row its text, unless it has it ("3 min ago" for another minute: no
        conversion, no repaint)."""
        given = self._given
        if name in given and _same_text(given[name], text):
            return
        given[name] = text
        self._fields.set_value(name, text)


def _same_text(old: Text | None, new: Text | None) -> bool:
    if old is None or new is None:
        return old is new
    return old.plain == new.plain and old.style == new.style and old.spans == new.spans
