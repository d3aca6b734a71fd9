"""A fleet's status line: each server's state in a few cells, fitted to the width."""

from __future__ import annotations

from dataclasses import replace

from tui.feed.poller import FeedReport
from tui.widgets.fleet_status_text import error_words, fleet_status_text

NOW = 1_000_000.0
LIVE = FeedReport(
    server="http://a/v1",
    state="live",
    last_success=NOW - 2,
    next_poll_at=NOW + 3,
    error=None,
    retry_at=None,
    loaded=10,
    end_reached=False,
    end_note=None,
    loading_page=False,
    in_flight=2,
)
RETRYING = replace(
    LIVE,
    state="retrying",
    error="503 Service Unavailable · busy (request req_1)",
    retry_at=NOW + 4,
)
DOWN = replace(LIVE, state="error", error="connection refused · http://c", retry_at=NOW + 9)


def test_each_server_says_its_state_error_and_retry() -> None:
    reports = [("a", LIVE), ("b", RETRYING), ("c", DOWN)]
    text = fleet_status_text(reports, LIVE, NOW).plain
    assert text.startswith("a ● live · b ⟳ 503 Service Unavailable retry in 4s · c ✖ ")
    assert "connection refused retry in 9s" in text
    assert "updated 2s ago" in text and "2 in flight" in text
    assert "req_1" not in text  # the request id is for the panel, not the line


def test_a_narrow_line_keeps_every_server_and_badge() -> None:
    reports = [("alpha", LIVE), ("beta", RETRYING), ("gamma", DOWN)]
    text = fleet_status_text(reports, LIVE, NOW, width=40).plain
    assert "alpha ●" in text and "beta ⟳" in text and "gamma ✖" in text
    assert len(text) <= 40


def test_server_text_is_inert_and_cut() -> None:
    words = error_words("\x1b[31m500\x1b[0m · x")
    assert "\x1b" not in words and "500" in words  # shown, never obeyed
    assert len(error_words("a" * 100)) == 24


def test_a_server_that_has_not_answered_since_the_start_says_it_is_offline() -> None:
    never = replace(DOWN, last_success=None)
    text = fleet_status_text([("a", LIVE), ("c", never)], LIVE, NOW).plain
    assert "c ✖ offline connection refused retry in 9s" in text
    assert "a ● live" in text and text.count("offline") == 1  # a server that answered: not
    assert "offline" not in fleet_status_text([("c", DOWN)], LIVE, NOW).plain
