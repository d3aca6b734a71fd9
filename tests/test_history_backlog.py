"""The history's backlog (what waits while G loads, or while a new file is made): the latest
word on each job wins, and taking it empties it."""

from __future__ import annotations

from tui.api.models import Video
from tui.app.history_backlog import Backlog


def job(video_id: str, status: str = "completed") -> Video:
    return Video.model_validate({"id": video_id, "created_at": 1, "status": status})


def test_the_latest_word_on_a_job_wins() -> None:
    backlog = Backlog()
    assert not backlog
    backlog.add([job("a", "in_progress"), job("b")], [])
    backlog.add([job("a", "completed")], ["b"])  # a finished, b went
    backlog.add([], ["c"])
    backlog.add([job("c")], [])  # c came back
    seen, gone = backlog.take()
    assert {video.id: video.status for video in seen} == {"a": "completed", "c": "completed"}
    assert gone == ["b"]
    assert not backlog and backlog.take() == ([], [])
