"""SVG snapshots of the README's scenes (screenshots/scenes.py), one test per shot (a scene at a
terminal size: every scene at 160×45, the layout scenes at 80×24 too), so
the snapshots guard exactly the pictures the README shows and the layout at the smallest size it
holds. Regenerate after an intended change with `pytest tests/snapshots --snapshot-update`, look
at the SVGs, then `screenshots/generate.py`."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from screenshots.scenes import LAYOUT_SCENES, NARROW, SCENES, SHOTS, SIZE, frozen_time, make_app

SnapCompare = Callable[..., bool]


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    """The dashboard clock at the emulator's epoch; TZ=UTC (both restored afterwards)."""
    with frozen_time():
        yield


def test_layout_scenes_are_shot_at_both_sizes() -> None:
    for scene in LAYOUT_SCENES:
        assert {shot.size for shot in SHOTS.values() if shot.scene == scene} == {SIZE, NARROW}


@pytest.mark.parametrize("shot", list(SHOTS))
def test_scene(snap_compare: SnapCompare, shot: str) -> None:
    scene, size = SHOTS[shot]
    assert snap_compare(make_app(scene), terminal_size=size, run_before=SCENES[scene])
