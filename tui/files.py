"""Saving a job's content to disk: where it goes, and an atomic write fed chunk by chunk.

The file appears under its final name only when every byte is on disk (a temporary file in
the same folder, then ``os.replace``), so a cancelled or failed download never leaves a
half-written ``<id>.mp4`` that looks complete.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import tempfile
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import IO, Final, Protocol

EXTENSIONS: Final = {"video": "mp4", "thumbnail": "webp", "spritesheet": "jpg"}
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


class ContentChunks(Protocol):
    """What `save_content` reads: `tui.api.client.ContentStream`."""

    def aiter_bytes(self, chunk_size: int | None = None) -> AsyncIterator[bytes]: ...


def default_folder() -> Path:
    """``~/Downloads`` when it exists, else the current directory."""
    downloads = Path.home() / "Downloads"
    return downloads if downloads.is_dir() else Path.cwd()


def file_name(video_id: str, variant: str) -> str:
    """``<id>.<ext>``; characters a file name should not hold (ids may carry ``/``) become ``_``."""
    stem = _UNSAFE.sub("_", video_id).lstrip(".") or "video"
    return f"{stem}.{EXTENSIONS.get(variant, 'bin')}"


def target_path(folder: str, video_id: str, variant: str) -> Path:
    return Path(folder).expanduser() / file_name(video_id, variant)


async def save_content(chunks: ContentChunks, target: Path, on_chunk: Callable[[int], None]) -> int:
    """Write every chunk to ``target`` atomically; ``on_chunk(len)`` after each. Returns the size.

    File calls run in a thread so a slow disk never stalls the screen.
    """
    folder = target.parent
    if not await asyncio.to_thread(folder.is_dir):
        raise FileNotFoundError(f"no such folder: {folder}")
    handle = await asyncio.to_thread(_open_temporary, target)
    written = 0
    try:
        async for chunk in chunks.aiter_bytes():
            await asyncio.to_thread(handle.write, chunk)
            written += len(chunk)
            on_chunk(len(chunk))
        await asyncio.to_thread(_finish, handle)
        await asyncio.to_thread(os.replace, handle.name, target)
    except BaseException:
        await asyncio.to_thread(_discard, handle)
        raise
    return written


def _open_temporary(target: Path) -> IO[bytes]:
    """A new file beside ``target`` (same file system: the rename is atomic), hidden by its dot."""
    return tempfile.NamedTemporaryFile(
        dir=target.parent, prefix=f".{target.name}.", suffix=".part", delete=False
    )


def _finish(handle: IO[bytes]) -> None:
    handle.flush()
    os.fsync(handle.fileno())
    handle.close()


def _discard(handle: IO[bytes]) -> None:
    handle.close()
    with contextlib.suppress(FileNotFoundError):
        os.unlink(handle.name)
