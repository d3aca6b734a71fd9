"""A job's thumbnail, or one line saying why there is none.

The picture is drawn by textual-image: its ``Image`` picks the best protocol the terminal answered
for (sixel, kitty's graphics protocol, else coloured half cells). Headless apps (tests, snapshots)
always draw half cells, which depend on no terminal. textual-image asks the terminal what it can do
when it is first imported, which must happen before Textual takes over the terminal: importing this
module does that, and ``tui.app`` imports it before the app runs.
"""

from __future__ import annotations

import io
from typing import Final, Literal

from PIL import Image as PILImage
from PIL import UnidentifiedImageError
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static
from textual_image.widget import HalfcellImage
from textual_image.widget import Image as BestImage

from tui.text import one_line

Renderer = Literal["auto", "halfcell"]
State = Literal["empty", "loading", "image", "reason"]
LOADING: Final = "Loading thumbnail…"
_REASON_LIMIT: Final = 120


def decode(data: bytes) -> PILImage.Image:
    """The picture in ``data``; ValueError (with a short reason) when it is not one."""
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
    def picture(self) -> Widget:
        """The textual-image widget (half cells, sixel or kitty graphics)."""
        return self.query_one("#thumbnail-picture")

    def compose(self) -> ComposeResult:
        picture_class = HalfcellImage if self.renderer == "halfcell" else BestImage
        yield picture_class(id="thumbnail-picture")
        yield Static("", id="thumbnail-note")

    def show_image(self, video_id: str, data: bytes) -> None:
        """Draw ``data`` (webp, png, jpeg…); bytes that are no image show why instead."""
        try:
            picture = decode(data)
        except ValueError as error:
            self.show_reason(video_id, str(error))
            return
        self._set(video_id, "image")
        image_widget = self.picture
        image_widget.image = picture  # type: ignore[attr-defined]  # every textual-image widget has it
        image_widget.display = True
        self.query_one("#thumbnail-note", Static).display = False

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
        self.picture.display = False
        note = self.query_one("#thumbnail-note", Static)
        note.update(text)
        note.display = True

    def _set(self, video_id: str, state: State) -> None:
        self._video_id = video_id
        self._state = state
        self.set_class(state == "reason", "-reason")
        self.add_class("-shown")
