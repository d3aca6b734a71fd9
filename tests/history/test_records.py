"""What goes in comes back: every field of a job, the order, paging, gone jobs, prune, stream."""

from __future__ import annotations

from tests.history.helpers import Clock, job, jobs
from tui import contract
from tui.api.models import Video
from tui.history import (
    GONE_DELETED_HERE,
    GONE_EXPIRED,
    GONE_NOT_LISTED,
    Download,
    GoneNote,
    History,
)


def every_field() -> Video:
    return Video.model_validate(
        {
            "id": "video_all_fields",
            "object": "video",
            "model": "sora-2-pro",
            "status": "rendering_frames",  # a status no typing knows
            "progress": 42,
            "created_at": 1_760_000_123,
            "completed_at": 1_760_000_200,
            "expires_at": 1_760_086_523,
            "prompt": 'a "quoted" prompt — with ünïcode\nand a second line',
            "size": "1792x1024",
            "seconds": "12",
            "remixed_from_video_id": "video_parent",
            "error": {"code": "moderation_blocked", "message": "Blocked", "param": "prompt"},
            "server_extra": {"nested": [1, 2, 3]},
        }
    )


def test_every_field_survives_a_round_trip(history: History) -> None:
    original = every_field()
    assert set(contract.VIDEO_FIELDS) <= set(original.model_dump())
    history.record([original])
    assert history.flush()
    (back,) = history.recent(10)
    assert back == original
    assert back.model_dump() == original.model_dump()  # the extras too, nested
    assert back.model_extra == {"server_extra": {"nested": [1, 2, 3]}}
    assert back.error is not None and back.error.model_extra == {"param": "prompt"}
    assert history.get(["video_all_fields"]) == {"video_all_fields": (original, None)}


def test_newest_first_and_paging_through_ties_in_one_second(history: History) -> None:
    same_second = [job(f"video_{name}", 1_760_000_500) for name in "bdac"]
    history.record([*jobs(5), *same_second])
    assert history.flush()
    pages: list[str] = []
    before = None
    while page := history.recent(3, before=before):
        pages.extend(video.id for video in page)
        before = (page[-1].created_at, page[-1].id)
    expected = sorted([*jobs(5), *same_second], key=lambda v: (v.created_at, v.id), reverse=True)
    assert pages == [video.id for video in expected]
    assert pages[:4] == ["video_d", "video_c", "video_b", "video_a"]  # ties: id descending
    assert [v.id for v in history.recent(2, before=(1_760_000_500, "video_c"))] == [
        "video_b",
        "video_a",
    ]


def test_recording_again_updates_every_field_and_keeps_one_row(history: History) -> None:
    history.record([job("video_1", status="queued", progress=0)])
    history.record([job("video_1", status="completed", progress=100, prompt="changed")])
    assert history.flush()
    (back,) = history.recent(10)
    assert (back.status, back.progress, back.prompt) == ("completed", 100, "changed")
    assert history.count() == 1


def test_gone_jobs_are_kept_apart_until_seen_again(history: History, clock: Clock) -> None:
    history.record(jobs(4), seen_at=100.0)
    history.mark_gone(["video_00001", "video_00002", "video_unknown"], reason=GONE_DELETED_HERE)
    assert history.flush()
    assert history.count() == 2
    assert history.gone_count() == 2
    assert [v.id for v in history.recent(10)] == ["video_00003", "video_00000"]
    gone = history.gone(10)
    assert [(v.id, note) for v, note in gone] == [
        ("video_00002", GoneNote(last_seen=100.0, gone_at=clock.now, reason=GONE_DELETED_HERE)),
        ("video_00001", GoneNote(last_seen=100.0, gone_at=clock.now, reason=GONE_DELETED_HERE)),
    ]
    assert [v.id for v, _ in history.gone(10, before=(gone[0][0].created_at, "video_00002"))] == [
        "video_00001"
    ]
    # Already gone: the first time and reason are kept.
    history.mark_gone(["video_00001"], reason=GONE_NOT_LISTED, at=clock.now + 50)
    history.record([job("video_00002", 1_760_000_120)], seen_at=200.0)  # seen again
    assert history.flush()
    found = history.get(["video_00001", "video_00002", "video_unknown"])
    assert set(found) == {"video_00001", "video_00002"}
    assert found["video_00001"][1] == GoneNote(100.0, clock.now, GONE_DELETED_HERE)
    assert found["video_00002"][1] is None
    assert history.count() == 3
    assert history.gone_count() == 1


def test_a_job_not_listed_after_its_expiry_is_marked_expired(history: History) -> None:
    history.record([job("video_old", expires_at=1_000), job("video_new", expires_at=5_000)])
    history.mark_gone(["video_old", "video_new"], reason=GONE_NOT_LISTED, at=2_000)
    history.mark_gone(["video_x"], reason=GONE_DELETED_HERE, at=2_000)
    assert history.flush()
    reasons = {video.id: note.reason for video, note in history.gone(10)}
    assert reasons == {"video_old": GONE_EXPIRED, "video_new": GONE_NOT_LISTED}


def test_first_seen_is_kept_and_last_seen_moves(history: History) -> None:
    history.record([job("video_1")], seen_at=10.0)
    history.record([job("video_1")], seen_at=20.0)
    history.mark_gone(["video_1"], reason=GONE_NOT_LISTED, at=30.0)
    assert history.flush()
    ((_, note),) = history.gone(1)
    assert (note.last_seen, note.gone_at) == (20.0, 30.0)


def test_prune_deletes_only_jobs_not_seen_for_long(history: History, clock: Clock) -> None:
    clock.now = 10_000.0
    history.record([job("video_old")], seen_at=1_000.0)
    history.record([job("video_kept")], seen_at=9_500.0)
    history.mark_gone(["video_old"], reason=GONE_NOT_LISTED, at=1_500.0)
    history.record_download(Download("video_old", "video", "/tmp/old.mp4", 1, 1_200.0))
    history.record_download(Download("video_kept", "video", "/tmp/kept.mp4", 1, 9_600.0))
    assert history.prune(older_than=1_000.0) == 1
    assert [v.id for v in history.recent(10)] == ["video_kept"]
    assert history.gone_count() == 0
    assert history.downloads("video_old") == []
    assert len(history.downloads("video_kept")) == 1
    assert history.search("old") == []
    assert history.prune(older_than=1_000.0) == 0


def test_all_jobs_streams_everything_newest_first(history: History) -> None:
    history.record(jobs(1_234))
    history.mark_gone(["video_00007"], reason=GONE_DELETED_HERE)
    assert history.flush()
    stream = history.all_jobs()
    first = next(stream)
    assert first[0].id == "video_01233"
    rest = list(stream)
    assert len(rest) == 1_233
    assert [v.id for v, _ in rest] == [f"video_{n:05d}" for n in range(1_232, -1, -1)]
    notes = {v.id: note for v, note in [first, *rest] if note is not None}
    assert list(notes) == ["video_00007"]
    assert notes["video_00007"].reason == GONE_DELETED_HERE


def test_get_reads_many_ids_at_once(history: History) -> None:
    history.record(jobs(1_200))
    assert history.flush()
    wanted = [f"video_{n:05d}" for n in range(0, 1_200, 1)] + ["video_nope"]
    found = history.get(wanted)
    assert len(found) == 1_200
    assert found["video_00999"][0].id == "video_00999"
