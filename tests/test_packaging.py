"""The stylesheet lives at the repository root and must also be found from an installed wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_carries_the_stylesheet_and_the_app_finds_it(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path / "dist"),
            str(ROOT),
        ],
        check=True,
    )
    (wheel,) = (tmp_path / "dist").glob("sora_tui-*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    # Run from an unrelated folder with only the unpacked wheel on the path, as an installed copy.
    found = subprocess.run(
        [sys.executable, "-c", "import tui.style as s; print(s.stylesheet_path())"],
        cwd=tmp_path,
        env={"PYTHONPATH": str(site), "PATH": ""},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(found).is_relative_to(site)
    assert Path(found).read_text() == (ROOT / ".textual.css").read_text()


def test_source_tree_uses_the_root_stylesheet() -> None:
    from tui.style import SOURCE, stylesheet_path

    assert SOURCE == ROOT / ".textual.css"
    assert stylesheet_path() == SOURCE
