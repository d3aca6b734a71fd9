"""The thumbnail's half cells: drawn off the event loop as lines of the pane's text, the same
cells textual-image's widget paints, and shown, swapped or hidden without a layout."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from PIL import Image as PILImage
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual_image.widget import HalfcellImage

from tests.widgets.test_detail_pane import Clock, PaneApp, make_video
from tui.style import stylesheet_path
from tui.widgets.detail_pane import DetailPane
from tui.widgets.thumbnail import PICTURE_LINES, decode, halfcell_lines, prepare


def picture_bytes(width: int = 320, height: int = 180, dot: tuple[int, int] = (60, 40)) -> bytes:
    """A gradient with a dark dot at ``dot``: every cell of it a colour of its own."""
    picture = PILImage.new("RGB", (width, height))
    picture.putdata(
        [(x * 255 // width, y * 255 // height, 90) for y in range(height) for x in range(width)]
    )
    left, top = dot
    picture.paste((10, 10, 10), (left, top, left + 30, top + 30))
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()


class WidgetApp(App[None]):
    """textual-image's own half-cell widget, as the pane drew pictures before."""

    CSS = f"HalfcellImage {{ width: auto; height: {PICTURE_LINES}; }}"

    def __init__(self, data: bytes) -> None:
        super().__init__()
        self.data = data

    def compose(self) -> ComposeResult:
        yield HalfcellImage(decode(self.data))


@pytest.mark.parametrize("shape", [(320, 180), (180, 320), (400, 400)])
async def test_half_cells_are_the_cells_textual_images_widget_paints(
    shape: tuple[int, int],
) -> None:
    data = picture_bytes(*shape)
    async with WidgetApp(data).run_test(size=(100, 30)) as pilot:
        widget = pilot.app.query_one(HalfcellImage)
        width, height = widget.size
        theirs = widget.render_lines(Region(0, 0, width, height))
    ours = halfcell_lines(decode(data), 100)
    assert len(ours) == PICTURE_LINES == height
    assert [line.cell_length for line in ours] == [width] * height
    for mine, painted in zip(ours, theirs, strict=True):
        cells = [(s.text, s.style.color, s.style.bgcolor) for s in mine if s.style]
        their_cells = [(s.text, s.style.color, s.style.bgcolor) for s in painted if s.style]
        assert cells == their_cells
    assert halfcell_lines(decode(data), 12)[0].cell_length <= 12  # never wider than the text


def test_bytes_that_are_no_picture_are_refused_with_a_reason() -> None:
    with pytest.raises(ValueError, match="not an image"):
        prepare(b"<html>no</html>", width=40)


FRESH_PILLOW = """
import sys
from PIL import Image
from tui.widgets.thumbnail import decode, load_image_stack
load_image_stack()
print(" ".join(sorted(Image.ID)))
pictures = sys.stdin.buffer.read().split(b"--picture--")
print(" ".join(f"{picture.format}:{picture.size[0]}" for picture in map(decode, pictures)))
"""


def test_the_image_stack_loads_the_formats_servers_send_and_opens_any_other() -> None:
    pictures = []
    for kind in ("WEBP", "PNG", "JPEG", "TIFF"):
        out = io.BytesIO()
        PILImage.open(io.BytesIO(picture_bytes(64, 36))).save(out, format=kind)
        pictures.append(out.getvalue())
    done = subprocess.run(
        [sys.executable, "-c", FRESH_PILLOW],
        input=b"--picture--".join(pictures),
        capture_output=True,
        check=True,
    )
    loaded, opened = done.stdout.decode().splitlines()
    assert {"WEBP", "PNG", "JPEG", "GIF"} <= set(loaded.split())
    assert "TIFF" not in loaded.split()  # not every plugin up front: Image.open finds the rest
    assert opened.split() == ["WEBP:64", "PNG:64", "JPEG:64", "TIFF:64"]


async def test_a_picture_is_shown_swapped_and_hidden_without_a_layout() -> None:
    """Lines of the pane's text: the picture scrolls with it, and showing another or none
    repaints the pane; the screen is never laid out (a layout cost 4 ms, and the frame that
    carried it 16-22 ms, on every cursor move onto a completed job)."""
    async with PaneApp(Clock()).run_test(size=(160, 45)) as pilot:
        pane = pilot.app.query_one(DetailPane)
        video = make_video()
        pane.show(video)
        await pilot.pause()
        await pilot.app.screen.wait_for_refresh()
        layouts: list[object] = []
        pilot.app.screen.screen_layout_refresh_signal.subscribe(pane, layouts.append)
        fields, thumbnail = pane.fields, pane.thumbnail
        assert thumbnail.draws_lines
        first = prepare(picture_bytes(dot=(30, 30)), width=fields.text_width)
        second = prepare(picture_bytes(dot=(250, 120)), width=fields.text_width)
        for prepared in (first, second, first):
            thumbnail.show_picture(video.id, prepared)
            await pilot.app.screen.wait_for_refresh()
            shown = [line.text for line in prepared.lines]
            assert fields.row_lines("picture")[:-1] == [
                line.ljust(fields.text_width) for line in shown
            ]
            assert [fields.render_line(y).text.rstrip() for y in range(3)] == shown[:3]
        assert not thumbnail.overlaid and thumbnail.picture is None  # no widget was mounted
        thumbnail.clear()
        await pilot.app.screen.wait_for_refresh()
        assert not fields.shown("picture")
        assert fields.render_line(0).text.split() == ["id"]  # the text starts at its first field
        assert layouts == []


class NarrowApp(App[None]):
    CSS_PATH = stylesheet_path()

    def compose(self) -> ComposeResult:
        yield DetailPane()


async def test_a_picture_drawn_wider_than_the_text_is_cut_to_it() -> None:
    async with NarrowApp().run_test(size=(30, 30)) as pilot:
        pane = pilot.app.query_one(DetailPane)
        video = make_video()
        pane.show(video)
        await pilot.pause()
        pane.thumbnail.show_picture(video.id, prepare(picture_bytes(), width=80))
        await pilot.app.screen.wait_for_refresh()
        width = pane.fields.text_width
        assert width < 30
        assert all(len(line) == width for line in pane.fields.row_lines("picture"))
