"""A job's thumbnail, or one line saying why there is none (a line of the pane's text).

The picture is drawn by textual-image: its ``Image`` picks the best protocol the terminal answered
for (sixel, kitty's graphics protocol, else coloured half cells). Headless apps (tests, snapshots)
always draw half cells, which depend on no terminal.

The image stack (Pillow and textual-image, a tenth of the start-up's imports) is loaded when the
first picture is shown, not at start: the widget is empty until then. One
exception: textual-image asks the terminal what it can draw when it is first imported, which
works only before Textual takes the terminal over, so on a terminal ``prepare_terminal`` (called
as the app is built) imports it up front. Headless or piped, it asks nothing and waits.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Final, Literal, NamedTuple

from rich.text import Text
from textual.containers import Vertical
from textual.widget import Widget

from tui.text import one_line

if TYPE_CHECKING:
    from PIL.Image import Image as Picture

Renderer = Literal["auto", "halfcell"]
State = Literal["empty", "loading", "image", "reason"]
LOADING: Final = "Loading thumbnail…"
_REASON_LIMIT: Final = 120
PICTURE_LINES: Final = 10  # the picture's height; its width follows from its shape


def prepare_terminal() -> None:
    """On a terminal, load the image stack now: textual-image asks the terminal what it can
    draw when first imported, and cannot once Textual reads the terminal's input."""
    stdout = sys.__stdout__
    if stdout is not None and stdout.isatty():
        import textual_image.widget  # noqa: F401  # the import is the question to the terminal


def load_image_stack() -> None:
    """Import Pillow and textual-image and register Pillow's formats. Slow the first time
    (~100 ms: the first ``Image.open`` loads every format plugin), so the thumbnails feature
    calls it in a thread before the first picture, never on the event loop."""
    import textual_image.widget  # noqa: F401
    from PIL import Image as PILImage

    PILImage.init()


def decode(data: bytes) -> Picture:
    """The picture in ``data``; ValueError (with a short reason) when it is not one."""
    from PIL import Image as PILImage  # here: the first picture pays for Pillow, not the start
    from PIL import UnidentifiedImageError

    try:
        picture = PILImage.open(io.BytesIO(data))
        picture.load()
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise ValueError(f"not an image ({len(data)} bytes: {type(error).__name__})") from error
    return picture


class Shown(NamedTuple):
    """What the slot puts into the pane's text: a note (loading, or why there is no picture;
    ``reason`` says which), and the lines the picture covers (0: no picture)."""

    note: Text | None = None
    reason: bool = False
    picture_lines: int = 0


class Thumbnail(Vertical):
    """Shows one job's picture, drawn over the top of the pane's text (.textual.css: a layer of
    the pane); its note is a line of that text. ``on_shown`` hears every change of either."""

    def __init__(
        self,
        *,
        on_shown: Callable[[Shown], None],
        renderer: Renderer | None = None,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._on_shown = on_shown
        self._renderer = renderer
        self._video_id: str | None = None
        self._state: State = "empty"
        self._note: Text | None = None
        self._picture: Widget | None = None  # the textual-image widget, from the first picture

    @property
    def video_id(self) -> str | None:
        """The job whose picture (or reason, or loading note) is on show."""
        return self._video_id

    @property
    def state(self) -> State:
        return self._state

    @property
    def note(self) -> Text | None:
        """The line shown instead of a picture (loading, or why there is none), or None."""
        return self._note

    @property
    def renderer(self) -> Renderer:
        """``halfcell`` when asked or when headless; else ``auto`` (the terminal's best)."""
        if self._renderer is not None:
            return self._renderer
        return "halfcell" if self.app.is_headless else "auto"

    @property
    def picture(self) -> Widget | None:
        """The textual-image widget (half cells, sixel or kitty graphics); None until the first
        picture is shown."""
        return self._picture

    def show_image(self, video_id: str, data: bytes) -> None:
        """Draw ``data`` (webp, png, jpeg…); bytes that are no image show why instead."""
        try:
            picture = decode(data)
        except ValueError as error:
            self.show_reason(video_id, str(error))
            return
        if self._picture is None:
            self._picture = self._mount_picture(picture)
        else:
            self._picture.image = picture  # type: ignore[attr-defined]  # every textual-image widget has it
        self._set(video_id, "image", None)
        self.add_class("-shown")

    def _mount_picture(self, picture: Picture) -> Widget:
        from textual_image.widget import HalfcellImage
        from textual_image.widget import Image as BestImage

        picture_class = HalfcellImage if self.renderer == "halfcell" else BestImage
        image_widget = picture_class(picture, id="thumbnail-picture")
        image_widget.styles.height = PICTURE_LINES
        self.mount(image_widget)
        return image_widget

    def show_loading(self, video_id: str) -> None:
        self._show_note(video_id, "loading", Text(LOADING))

    def show_reason(self, video_id: str, reason: str) -> None:
        """One line: why there is no picture (server text is kept inert and cut to one line)."""
        text = Text.assemble(("No thumbnail: ", "bold"), one_line(reason, limit=_REASON_LIMIT))
        self._show_note(video_id, "reason", text)

    def clear(self) -> None:
        """Show nothing (the widget takes no room)."""
        self.remove_class("-shown")
        self._set(None, "empty", None)

    def _show_note(self, video_id: str, state: State, text: Text) -> None:
        self.remove_class("-shown")  # a line of the pane's text, not this widget
        self._set(video_id, state, text)

    def _set(self, video_id: str | None, state: State, note: Text | None) -> None:
        self._video_id = video_id
        self._state = state
        self._note = note
        lines = PICTURE_LINES if state == "image" else 0
        self._on_shown(Shown(note, state == "reason", lines))
