"""Where the app's stylesheet is: the repository's `.textual.css`, or the copy a wheel carries."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
# pyproject.toml force-includes the root `.textual.css` into the wheel at this path.
PACKAGED = _PACKAGE / "_style" / "app.tcss"
SOURCE = _PACKAGE.parent / ".textual.css"


def stylesheet_path() -> Path:
    """The stylesheet of an installed wheel if present, else the one in the source tree."""
    return PACKAGED if PACKAGED.is_file() else SOURCE
