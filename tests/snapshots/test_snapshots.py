"""SVG snapshots of the README's scenes (screenshots/scenes.py): the main screen, a failed job's
detail, the Failed filter, and the help. Regenerate after an intended change with
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


def test_main_screen(snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=SCENES["main"])


def test_failed_job_detail(snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=SCENES["failed-detail"])


def test_failed_filter(snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=SCENES["filter-failed"])


def test_help_screen(snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=SCENES["help"])
