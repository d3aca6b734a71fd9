"""SVG snapshots of the README's scenes (screenshots/scenes.py), one test per scene, so the
snapshots guard exactly the pictures the README shows. Regenerate after an intended change with
`pytest tests/snapshots --snapshot-update`, look at the SVGs, then `screenshots/generate.py`."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from screenshots.scenes import SCENES, SIZE, frozen_time, make_app

SnapCompare = Callable[..., bool]


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    """The dashboard clock at the emulator's epoch; TZ=UTC (both restored afterwards)."""
    with frozen_time():
        yield


@pytest.mark.parametrize("scene", list(SCENES))
def test_scene(snap_compare: SnapCompare, scene: str) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=SCENES[scene])
