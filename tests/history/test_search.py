"""Search over the whole history, with FTS5 and with the LIKE fallback: the same answers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.history.helpers import Clock, job, opened
from tui.history import GONE_DELETED_HERE, History, search

PROMPTS = {
    "video_cat": "A Cat playing the PIANO in a jazz bar",
    "video_dog": "a dog surfing at sunset",
    "video_quote": 'she says "hello" -- and OR NEAR( the * end',
    "video_cafe": "Café terrace at night",
}


@pytest.fixture(params=["fts5", "like"])
def searched(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[History]:
    if request.param == "like":
        monkeypatch.setattr(search, "fts5_available", lambda: False)
    elif not search.fts5_available():
        pytest.skip("this Python's SQLite has no FTS5")
    with opened(tmp_path / "search.sqlite3", Clock()) as history:
        assert history.fts is (request.param == "fts5")
        created = 1_760_000_000
        for offset, (job_id, prompt) in enumerate(PROMPTS.items()):
            history.record([job(job_id, created + offset, prompt=prompt)])
        history.record(
            [
                job(
                    "video_failed",
                    created - 10,
                    model="sora-2-pro",
                    status="failed",
                    size="1792x1024",
                    error={"code": "moderation_blocked", "message": "Your request was Rejected"},
                )
            ]
        )
        assert history.flush()
        yield history


def test_every_word_must_match_any_case(searched: History) -> None:
    assert searched.search("cat") == ["video_cat"]
    assert searched.search("PIANO jazz") == ["video_cat"]
    assert searched.search("piano dog") == []
    assert searched.search("  Cat   PLAYING ") == ["video_cat"]


def test_a_word_matches_as_a_prefix(searched: History) -> None:
    assert searched.search("surf") == ["video_dog"]
    assert searched.search("pian") == ["video_cat"]


def test_fields_beside_the_prompt(searched: History) -> None:
    assert searched.search("video_dog") == ["video_dog"]
    assert searched.search("sora-2-pro") == ["video_failed"]
    assert searched.search("1792x1024") == ["video_failed"]
    assert searched.search("moderation_blocked") == ["video_failed"]
    assert searched.search("rejected") == ["video_failed"]
    assert searched.search("failed rejected") == ["video_failed"]


def test_newest_first_and_limited(searched: History) -> None:
    everyone = ["video_cafe", "video_quote", "video_dog", "video_cat", "video_failed"]
    assert searched.search("video") == everyone
    assert searched.search("video", limit=2) == everyone[:2]


def test_quotes_and_fts_syntax_are_taken_literally(searched: History) -> None:
    assert searched.search('"hello"') == ["video_quote"]
    assert searched.search('"') == ["video_quote"]
    assert searched.search("--") == ["video_quote"]
    assert searched.search("*") == ["video_quote"]
    assert "video_quote" in searched.search("OR")
    assert searched.search("NEAR(") == ["video_quote"]
    assert searched.search("near( or") == ["video_quote"]
    assert searched.search("-dog") == []  # not "without dog"
    assert searched.search("dog OR cat") == []  # not a union
    assert searched.search('hello" OR "dog') == []
    for text in ('"', "(", ")", "^", ":", "'", "%", "_", "\\", "AND", "NOT", "NEAR(a b)", "a:b"):
        searched.search(text)  # never an SQLite error


def test_like_wildcards_are_literal(searched: History) -> None:
    assert searched.search("%") == []
    assert searched.search("c_t") == []


def test_non_ascii_case(searched: History) -> None:
    assert searched.search("CAFÉ") == ["video_cafe"]


def test_gone_jobs_are_searched_too(searched: History) -> None:
    searched.mark_gone(["video_dog"], reason=GONE_DELETED_HERE)
    assert searched.flush()
    assert searched.search("surfing") == ["video_dog"]


def test_a_changed_prompt_is_searched_by_its_new_words(searched: History) -> None:
    searched.record([job("video_dog", 1_760_000_001, prompt="a horse in the snow")])
    assert searched.flush()
    assert searched.search("surfing") == []
    assert searched.search("horse") == ["video_dog"]
