"""A job's thumbnail, or one line saying why there is none.

The picture is drawn by textual-image: its ``Image`` picks the best protocol the terminal answered
for (sixel, kitty's graphics protocol, else coloured half cells). Headless apps (tests, snapshots)
always draw half cells, which depend on no terminal.

The image stack (Pillow and textual-image, a tenth of the start-up's imports) is loaded when the
first picture is shown, not at start: the widget holds only its note line until then. One
exception: textual-image asks the terminal what it can draw when it is first imported, which
works only before Textual takes the terminal over, so on a terminal ``prepare_terminal`` (called
as the app is built) imports it up front. Headless or piped, it asks nothing and waits.
"""

from __future__ import annotations

import io
import sys
from typing import TYPE_CHECKING, Final, Literal

from rich.text import Text
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static

from tui.text import one_line

if TYPE_CHECKING:
    from PIL.Image import Image as Picture
    from textual.app import ComposeResult

Renderer = Literal["auto", "halfcell"]
State = Literal["empty", "loading", "image", "reason"]
LOADING: Final = "Loading thumbnail…"
_REASON_LIMIT: Final = 120


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


class Thumbnail(Vertical):
    """Shows one job's picture; hidden until asked to show something."""

    def __init__(
        self,
        *,
        renderer: Renderer | None = None,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._renderer = renderer
        self._video_id: str | None = None
        self._state: State = "empty"
        self._picture: Widget | None = None  # the textual-image widget, from the first picture

    @property
    def video_id(self) -> str | None:
        """The job whose picture (or reason, or loading note) is on show."""
        return self._video_id

    @property
    def state(self) -> State:
        return self._state

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

    def compose(self) -> ComposeResult:
        yield Static("", id="thumbnail-note")

    def show_image(self, video_id: str, data: bytes) -> None:
        """Draw ``data`` (webp, png, jpeg…); bytes that are no image show why instead."""
        try:
            picture = decode(data)
        except ValueError as error:
            self.show_reason(video_id, str(error))
            return
        self._set(video_id, "image")
        if self._picture is None:
            self._picture = self._mount_picture(picture)
        else:
            self._picture.image = picture  # type: ignore[attr-defined]  # every textual-image widget has it
        self._picture.display = True
        self.query_one("#thumbnail-note", Static).display = False

    def _mount_picture(self, picture: Picture) -> Widget:
        from textual_image.widget import HalfcellImage
        from textual_image.widget import Image as BestImage

        picture_class = HalfcellImage if self.renderer == "halfcell" else BestImage
        image_widget = picture_class(picture, id="thumbnail-picture")
        self.mount(image_widget, before=self.query_one("#thumbnail-note"))
        return image_widget

    def show_loading(self, video_id: str) -> None:
        self._note(video_id, "loading", Text(LOADING, style="dim italic"))

    def show_reason(self, video_id: str, reason: str) -> None:
        """One line: why there is no picture (server text is kept inert and cut to one line)."""
        text = Text.assemble(("No thumbnail: ", "bold"), one_line(reason, limit=_REASON_LIMIT))
        self._note(video_id, "reason", text)

    def clear(self) -> None:
        """Show nothing (the widget takes no room)."""
        self._video_id = None
        self._state = "empty"
        self.remove_class("-shown")

    def _note(self, video_id: str, state: State, text: Text) -> None:
        self._set(video_id, state)
        if self._picture is not None:
            self._picture.display = False
        note = self.query_one("#thumbnail-note", Static)
        # One line of the pane's width (.textual.css): new words never move the layout, and a
        # layout of the screen is a full repaint (each job the cursor rests on says "loading…").
        note.update(text, layout=False)
        note.display = True

    def _set(self, video_id: str, state: State) -> None:
        self._video_id = video_id
        self._state = state
        self.set_class(state == "reason", "-reason")
        self.add_class("-shown")
