"""Regenerate the README's screenshots: `.venv/bin/python screenshots/generate.py [SHOT...]`.

Drives SoraApp headless against the seeded demo (see scenes.py: fixed seed and epoch, frozen
clock, UTC), saves one SVG per shot (a scene at a size: `main`, `main-80x24`, …), and a PNG
beside each when `rsvg-convert` is installed (Debian/Ubuntu: `apt-get install librsvg2-bin`).
The same shots are the snapshot tests'.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run as a script: make `screenshots` and `tui` importable

from screenshots.scenes import SCENES, SHOTS, Shot, frozen_time, make_app
from tui.history import HISTORY_DIR_ENV


async def shoot(name: str, shot: Shot) -> Path:
    app = make_app(shot.scene)
    async with app.run_test(size=shot.size) as pilot:
        await SCENES[shot.scene](pilot)
        svg = app.export_screenshot(title=f"sora-tui — {name}")
    path = HERE / f"{name}.svg"
    path.write_text(svg, encoding="utf-8")
    return path


def to_png(svg: Path, converter: str) -> Path:
    """The SVG drawn to a PNG. Rich writes every run of cells as one <text> whose spaces are
    no-break spaces; librsvg drops them at the start and end of a run unless told to keep
    whitespace, which shifts text by a cell (a leading space lost, "$1.20A jazz" for
    "$1.20 A jazz"), so the root element is given xml:space="preserve" first."""
    png = svg.with_suffix(".png")
    source = svg.read_text(encoding="utf-8").replace("<svg ", '<svg xml:space="preserve" ', 1)
    subprocess.run(
        [converter, "--zoom", "1", "-o", str(png), "/dev/stdin"],
        input=source.encode("utf-8"),
        check=True,
    )
    return png


def main(argv: list[str] | None = None) -> int:
    """Every shot, or only those named on the command line."""
    names = argv if argv else list(SHOTS)
    unknown = [name for name in names if name not in SHOTS]
    if unknown:
        print(f"unknown shot(s): {', '.join(unknown)}; known: {', '.join(SHOTS)}")
        return 2
    converter = shutil.which("rsvg-convert")
    # The offline scene writes a history first: into a folder of this run, never the user's.
    os.environ[HISTORY_DIR_ENV] = tempfile.mkdtemp(prefix="sora-tui-screenshots-")
    with frozen_time():
        for name in names:
            svg = asyncio.run(shoot(name, SHOTS[name]))
            made = [svg] + ([to_png(svg, converter)] if converter else [])
            print(" ".join(str(p.relative_to(HERE.parent)) for p in made))
    if converter is None:
        print("rsvg-convert not found: SVGs only (apt-get install librsvg2-bin for PNGs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
