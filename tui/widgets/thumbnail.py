"""A job's thumbnail, or one line saying why there is none (a line of the pane's text).

The picture is drawn by textual-image in the best form the terminal answered for: sixel or
kitty's graphics protocol, else coloured half cells. Headless apps (tests, snapshots) always draw
half cells, which depend on no terminal.

Half cells are plain lines of text, so they are painted as lines of the pane's text
(``Prepared.lines``): they scroll with it, and showing, swapping or hiding one repaints the pane
and never lays the screen out. ``prepare`` draws them (textual-image's half-cell renderable,
5-10 ms of Python for 10 lines) in the thumbnails feature's thread, not on the event loop.
Sixel and kitty pictures need textual-image's widget: this one holds it, drawn over blank lines
at the top of the pane's text (a layer of the pane), and each change of it is a layout.

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

from rich.console import Console
from rich.text import Text
from textual.containers import Vertical
from textual.strip import Strip
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
    """Import Pillow and textual-image and register the formats servers send (WebP, the API's,
    and PNG, JPEG, GIF). Slow the first time (~35 ms), so the thumbnails feature calls it in a
    thread before the first picture, never on the event loop. Not Pillow's every plugin
    (``Image.init``: 25 ms more of the thread holding the GIL while the table loads pages);
    ``Image.open`` loads them itself for a picture in any other format."""
    import textual_image.widget  # noqa: F401
    from PIL import Image as PILImage
    from PIL import WebPImagePlugin  # noqa: F401  # registers itself

    PILImage.preinit()


def draws_lines(renderer: Renderer) -> bool:
    """Pictures are half cells, painted as lines of the pane's text: asked for, or the best this
    terminal can draw (textual-image asked it when first imported)."""
    if renderer == "halfcell":
        return True
    from textual_image.renderable import HalfcellImage
    from textual_image.renderable import Image as BestRenderable

    return BestRenderable is HalfcellImage


class Prepared(NamedTuple):
    """A picture ready to show: its half-cell lines (``lines``), or, for textual-image's widget
    (sixel, kitty graphics), the decoded picture (``image``)."""

    lines: tuple[Strip, ...] = ()
    image: Picture | None = None


def prepare(data: bytes, *, width: int | None) -> Prepared:
    """``data`` decoded and, given the text's ``width``, drawn as half-cell lines at most that
    wide (None: decoded only, for the widget). Slow: the thumbnails feature calls it in a
    thread. ValueError (with a short reason) when ``data`` is no picture."""
    picture = decode(data)
    if width is None:
        return Prepared(image=picture)
    return Prepared(lines=halfcell_lines(picture, max(1, width)))


def halfcell_lines(picture: Picture, width: int) -> tuple[Strip, ...]:
    """``picture`` as ``PICTURE_LINES`` lines of half cells, its shape kept, at most ``width``
    wide: what textual-image's half-cell widget paints at that size."""
    from textual_image.renderable.halfcell import Image as Halfcells

    console = Console(
        width=width, height=PICTURE_LINES, file=io.StringIO(), color_system="truecolor"
    )
    options = console.options.update(width=width, height=PICTURE_LINES)
    lines = console.render_lines(Halfcells(picture, "auto", PICTURE_LINES), options, pad=False)
    return tuple(Strip(line) for line in lines)


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
    ``reason`` says which), the picture's half-cell lines, or the number of blank lines
    textual-image's widget is drawn over (0: none)."""

    note: Text | None = None
    reason: bool = False
    picture_lines: int = 0
    lines: tuple[Strip, ...] = ()


class Thumbnail(Vertical):
    """Shows one job's picture: half cells as lines of the pane's text (handed on through
    ``on_shown``), a sixel or kitty picture in textual-image's widget, drawn over the top of that
    text (.textual.css: a layer of the pane). Its note is a line of the text. ``on_shown`` hears
    every change."""

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
    def draws_lines(self) -> bool:
        """Pictures are half-cell lines of the pane's text (``prepare`` them with a width)."""
        return draws_lines(self.renderer)

    @property
    def picture(self) -> Widget | None:
        """textual-image's widget (sixel or kitty graphics); None until it first shows one."""
        return self._picture

    @property
    def overlaid(self) -> bool:
        """textual-image's widget is on show, drawn over the pane's text."""
        return self.has_class("-shown")

    def show_picture(self, video_id: str, prepared: Prepared) -> None:
        """Show a picture ``prepare`` made."""
        if prepared.image is None:
            self.remove_class("-shown")
            self._set(video_id, "image", None, prepared.lines)
            return
        if self._picture is None:
            self._picture = self._mount_picture(prepared.image)
        else:
            self._picture.image = prepared.image  # type: ignore[attr-defined]  # every textual-image widget has it
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

    def _set(
        self, video_id: str | None, state: State, note: Text | None, lines: tuple[Strip, ...] = ()
    ) -> None:
        self._video_id = video_id
        self._state = state
        self._note = note
        covered = PICTURE_LINES if state == "image" and not lines else 0
        self._on_shown(Shown(note, state == "reason", covered, lines))
