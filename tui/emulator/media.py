"""Per-job content: a real webp thumbnail, a jpeg spritesheet and a small MP4-shaped file."""

from __future__ import annotations

import io
import random
import struct
import zlib
from functools import lru_cache

from PIL import Image, ImageDraw

_SHEET_COLUMNS = 4
_SHEET_ROWS = 3


def _frame_size(size: str, long_side: int) -> tuple[int, int]:
    width, _, height = str(size).partition("x")
    portrait = width.isdigit() and height.isdigit() and int(height) > int(width)
    short = long_side * 9 // 16
    return (short, long_side) if portrait else (long_side, short)


def _rng(video_id: str) -> random.Random:
    return random.Random(zlib.crc32(video_id.encode()))


def _frame(video_id: str, size: str, long_side: int, step: int) -> Image.Image:
    """A seeded gradient with a few shapes; `step` moves the shapes, as frames of a clip."""
    rng = _rng(video_id)
    width, height = _frame_size(size, long_side)
    top = tuple(rng.randrange(256) for _ in range(3))
    bottom = tuple(rng.randrange(256) for _ in range(3))
    column = Image.new("RGB", (1, height))
    for row in range(height):
        t = row / max(1, height - 1)
        column.putpixel((0, row), tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))
    image = column.resize((width, height))
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(3, 6)):
        x, y = rng.uniform(0, width), rng.uniform(0, height)
        dx, dy = rng.uniform(-4, 4), rng.uniform(-3, 3)
        radius = rng.uniform(0.05, 0.2) * min(width, height)
        x, y = (x + dx * step) % width, (y + dy * step) % height
        colour = tuple(rng.randrange(256) for _ in range(3))
        box = (x - radius, y - radius, x + radius, y + radius)
        if rng.random() < 0.5:
            draw.ellipse(box, fill=colour)
        else:
            draw.rectangle(box, fill=colour)
    return image


@lru_cache(maxsize=256)
def thumbnail(video_id: str, size: str) -> bytes:
    """WEBP, 320x180 (or 180x320 for portrait sizes)."""
    out = io.BytesIO()
    _frame(video_id, size, 320, 0).save(out, format="WEBP", quality=70)
    return out.getvalue()


@lru_cache(maxsize=64)
def spritesheet(video_id: str, size: str) -> bytes:
    """JPEG grid of 4x3 frames (160x90 each, or 90x160 for portrait sizes)."""
    width, height = _frame_size(size, 160)
    sheet = Image.new("RGB", (width * _SHEET_COLUMNS, height * _SHEET_ROWS))
    for index in range(_SHEET_COLUMNS * _SHEET_ROWS):
        frame = _frame(video_id, size, 160, index * 4)
        sheet.paste(frame, ((index % _SHEET_COLUMNS) * width, (index // _SHEET_COLUMNS) * height))
    out = io.BytesIO()
    sheet.save(out, format="JPEG", quality=70)
    return out.getvalue()


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


@lru_cache(maxsize=64)
def video(video_id: str, size: str, seconds: str) -> bytes:
    """An MP4-shaped file: ftyp, moov/mvhd (with the right duration) and an mdat of seeded bytes.

    Players will not show a picture, but any tool that sniffs or parses the box structure is satisfied.
    """
    duration_ms = (int(seconds) if str(seconds).isdigit() else 4) * 1000
    ftyp = _box(b"ftyp", b"isom" + struct.pack(">I", 512) + b"isomiso2avc1mp41")
    matrix = struct.pack(">9I", 0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000)
    mvhd = _box(
        b"mvhd",
        struct.pack(">B3xIIII", 0, 0, 0, 1000, duration_ms)
        + struct.pack(">IH10x", 0x00010000, 0x0100)
        + matrix
        + bytes(24)
        + struct.pack(">I", 2),
    )
    moov = _box(b"moov", mvhd)
    noise = _rng(video_id).randbytes(16 * 1024)
    return ftyp + moov + _box(b"mdat", noise)


def content(variant: str, video_id: str, size: str, seconds: str) -> bytes:
    if variant == "thumbnail":
        return thumbnail(video_id, size)
    if variant == "spritesheet":
        return spritesheet(video_id, size)
    return video(video_id, size, seconds)
