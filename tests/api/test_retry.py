"""The retry rules of API.md §5, branch by branch (pure functions, no network)."""

from __future__ import annotations

import email.utils

import pytest

from tui.api.retry import backoff, parse_retry_after, retry_delay, should_retry

NOW = 1_800_000_000.0


def clock() -> float:
    return NOW


# --- should_retry --------------------------------------------------------------------


@pytest.mark.parametrize("status", [408, 409, 429, 500, 502, 503, 504, 599])
def test_retried_statuses(status: int) -> None:
    assert should_retry(status, {})


@pytest.mark.parametrize("status", [400, 401, 403, 404, 410, 422, 499])
def test_not_retried_statuses(status: int) -> None:
    assert not should_retry(status, {})


def test_x_should_retry_false_overrides_a_5xx() -> None:
    assert not should_retry(503, {"x-should-retry": "false"})


def test_x_should_retry_true_overrides_a_4xx() -> None:
    assert should_retry(400, {"X-Should-Retry": "true"})


def test_x_should_retry_other_values_fall_back_to_the_status_rule() -> None:
    assert should_retry(500, {"x-should-retry": "maybe"})
    assert not should_retry(400, {"x-should-retry": "maybe"})
    assert not should_retry(404, None)


# --- parse_retry_after ---------------------------------------------------------------


def test_retry_after_ms_is_milliseconds_and_wins_over_retry_after() -> None:
    assert parse_retry_after({"retry-after-ms": "250.5", "retry-after": "9"}) == pytest.approx(
        0.2505
    )


def test_retry_after_seconds_allows_floats() -> None:
    assert parse_retry_after({"Retry-After": "1.5"}) == 1.5


def test_retry_after_http_date() -> None:
    date = email.utils.formatdate(NOW + 30, usegmt=True)
    assert parse_retry_after({"retry-after": date}, now=clock) == pytest.approx(30.0)


def test_unparseable_ms_falls_through_to_seconds() -> None:
    assert parse_retry_after({"retry-after-ms": "soon", "retry-after": "3"}) == 3.0


def test_garbage_and_missing_retry_after_are_none() -> None:
    assert parse_retry_after({"retry-after": "whenever"}) is None
    assert parse_retry_after({}) is None
    assert parse_retry_after(None) is None


def test_numeric_overflow_counts_as_too_long() -> None:
    assert parse_retry_after({"retry-after": "1e999"}) == 121.0


# --- retry_delay ---------------------------------------------------------------------


def test_server_delay_within_120_s_is_used_as_is() -> None:
    assert retry_delay(0, {"retry-after-ms": "800"}, rng=lambda: 0.0) == pytest.approx(0.8)
    assert retry_delay(5, {"retry-after": "120"}, rng=lambda: 0.0) == 120.0


def test_server_delay_over_120_s_cancels_the_retry() -> None:
    assert retry_delay(0, {"retry-after": "121"}) is None
    assert retry_delay(0, {"retry-after-ms": "120001"}) is None
    assert retry_delay(0, {"retry-after": "1e999"}) is None


def test_http_date_delay_is_honoured() -> None:
    date = email.utils.formatdate(NOW + 10, usegmt=True)
    assert retry_delay(0, {"retry-after": date}, rng=lambda: 0.0, now=clock) == pytest.approx(10.0)


@pytest.mark.parametrize(
    "headers",
    [
        {"retry-after": "0"},
        {"retry-after": "-3"},
        {"retry-after": "inf"},
        {"retry-after": "nope"},
        {},
    ],
)
def test_zero_negative_infinite_or_bad_delays_fall_back_to_backoff(headers: dict[str, str]) -> None:
    assert retry_delay(0, headers, rng=lambda: 0.0) == 0.5


def test_past_http_date_falls_back_to_backoff() -> None:
    date = email.utils.formatdate(NOW - 10, usegmt=True)
    assert retry_delay(1, {"retry-after": date}, rng=lambda: 0.0, now=clock) == 1.0


@pytest.mark.parametrize(
    ("retries_taken", "low", "high"),
    [(0, 0.375, 0.5), (1, 0.75, 1.0), (2, 1.5, 2.0), (3, 3.0, 4.0), (4, 6.0, 8.0), (10, 6.0, 8.0)],
)
def test_backoff_doubles_from_half_a_second_capped_at_8_with_jitter(
    retries_taken: int, low: float, high: float
) -> None:
    assert backoff(retries_taken, rng=lambda: 0.0) == high
    assert backoff(retries_taken, rng=lambda: 1.0) == low
    delay = retry_delay(retries_taken)
    assert delay is not None and low <= delay <= high


def test_backoff_survives_huge_retry_counts() -> None:
    assert backoff(10**9, rng=lambda: 0.0) == 8.0
