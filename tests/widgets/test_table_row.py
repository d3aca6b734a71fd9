"""Short ids show the part of an id that differs: LiteLLM's decoded, others past a shared prefix."""

from __future__ import annotations

import base64
import random
from collections.abc import Callable

import httpx
from rich.style import Style

from tui.api.models import Video
from tui.emulator import EmulatorServer
from tui.widgets.table_cells import ID_CHARS, IdRange, shared_prefix_length, short_id
from tui.widgets.table_layout import Layout
from tui.widgets.table_row import Palette, render_row

NOW = 1_795_000_000.0
PALETTE = Palette(Style(), Style(bold=True), Style(reverse=True), True, Style(), Style(dim=True))


def row_text(video_id: str, video: Video | None, *, id_skip: int = 0) -> str:
    strip = render_row(
        video_id,
        video,
        Layout.for_width(140),
        PALETTE,
        NOW,
        cursor=False,
        flash=False,
        id_skip=id_skip,
    )
    return strip.text


def test_litellm_rows_show_the_upstream_id_and_differ(
    make_emulator: Callable[..., EmulatorServer],
) -> None:
    server = make_emulator(flavour="litellm", jobs=40, manual_clock=True)
    listed = httpx.get(server.base_url + "/videos", params={"limit": 40}).json()["data"]
    videos = [Video.model_validate(item) for item in listed]
    assert len({video.id[: ID_CHARS + 6] for video in videos}) == 1  # raw, they all look alike
    shorts = [short_id(video.id) for video in videos]
    assert len(set(shorts)) == len(videos)
    for video, short in zip(videos, shorts, strict=True):
        inner = base64.b64decode(video.id.removeprefix("video_")).decode()
        upstream = inner.rpartition(";video_id:")[2]
        assert short == upstream.removeprefix("video_")[:ID_CHARS]
        assert f" {short} " in row_text(video.id, video)
        assert f" {short} " in row_text(video.id, None)  # a placeholder row too
        assert short_id(video.id, skip=40) == short  # the skip is for other ids only
    # The longer id of a retrieve reply reads the same.
    long_id = httpx.get(f"{server.base_url}/videos/{listed[0]['id'].replace('/', '%2F')}").json()[
        "id"
    ]
    assert long_id != listed[0]["id"] and short_id(long_id) == shorts[0]


def test_other_ids_drop_the_prefix_they_all_share() -> None:
    ids = ["video_gen_aaaa0000111122223333", "video_gen_bbbb0000111122223333"]
    skip = shared_prefix_length(ids)
    assert skip == len("video_gen_")
    assert [short_id(i, skip) for i in ids] == ["aaaa00001111", "bbbb00001111"]
    assert [short_id(i) for i in ids] == ["gen_aaaa0000", "gen_bbbb0000"]  # today's default
    video = Video(id=ids[0], status="completed", progress=100, created_at=int(NOW) - 60)
    assert " aaaa00001111 " in row_text(ids[0], video, id_skip=skip)
    assert row_text(ids[0], video) == row_text(ids[0], video, id_skip=0)
    assert " gen_aaaa0000 " in row_text(ids[0], video)


def test_the_skip_never_hides_what_differs() -> None:
    # Ids that differ only at their end keep that end.
    ids = [f"video_{'0' * 26}{n:06d}" for n in range(3)]
    skip = shared_prefix_length(ids)
    assert len({short_id(i, skip) for i in ids}) == 3
    # One id is a prefix of another: the shorter one still shows something.
    skip = shared_prefix_length(["video_abc", "video_abcdef"])
    assert short_id("video_abc", skip) and short_id("video_abc", skip) != short_id(
        "video_abcdef", skip
    )
    # Nothing to tell apart: no skip beyond the default.
    assert shared_prefix_length([]) == 0
    assert shared_prefix_length(["video_abc"]) == 0
    assert shared_prefix_length(["video_abc", "video_abc"]) == 0
    assert shared_prefix_length(iter(["x1", "y2"])) == 0  # any iterable
    # Hostile text stays inert in the cell.
    assert "\x1b" not in short_id("video_gen_\x1b[2Jabc", 10)


def test_id_range_kept_as_ids_arrive_matches_measuring_all() -> None:
    rng = random.Random(3)
    ids = [f"video_gen_{rng.getrandbits(128):032x}" for _ in range(2_000)]
    kept = IdRange(ids[:10])
    for start in range(10, len(ids), 100):  # pages arriving
        kept.add(frozenset(ids[start : start + 100]))
    assert kept.skip == IdRange(ids).skip == shared_prefix_length(ids) == len("video_gen_")
    assert (kept.lowest, kept.highest) == (min(ids), max(ids))
    assert not kept.leaves([i for i in ids if i not in (min(ids), max(ids))][:50])
    assert kept.leaves([max(ids)])  # the range may shrink: measure again
    kept.add(frozenset({"video_abc"}))  # a shorter id of another kind widens it
    assert kept.skip == len("video_")


def test_a_faded_row_is_dimmed_in_one_colour() -> None:
    """A job from the history the server has not confirmed: the status colour yields to dim."""
    video = Video.model_validate(
        {"id": "video_faded", "status": "failed", "created_at": int(NOW) - 60, "model": "sora-2"}
    )
    layout = Layout.for_width(140)
    plain = render_row("video_faded", video, layout, PALETTE, NOW, cursor=False, flash=False)
    faded = render_row(
        "video_faded", video, layout, PALETTE, NOW, cursor=False, flash=False, faded=True
    )
    assert faded.text == plain.text
    assert {segment.style for segment in faded} == {PALETTE.base + PALETTE.dim}
    assert len({segment.style for segment in plain}) > 1  # the status has its own colour
