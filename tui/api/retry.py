"""When to retry and how long to wait, exactly as the official SDK does (API.md §5)."""

from __future__ import annotations

import email.utils
import math
import random
import time
from collections.abc import Callable, Mapping

INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
MAX_RETRY_AFTER = 120.0  # a server asking for longer than this cancels the retry
RETRY_STATUSES = frozenset({408, 409, 429})
_INF_LITERALS = frozenset({"inf", "+inf", "infinity", "+infinity"})


def _header(headers: Mapping[str, str] | None, name: str) -> str | None:
    if not headers:
        return None
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None


def parse_retry_after(
    headers: Mapping[str, str] | None, now: Callable[[], float] = time.time
) -> float | None:
    """Seconds the server asked us to wait: ``retry-after-ms``, then ``retry-after`` (seconds or date)."""
    for name, divisor in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        value = _header(headers, name)
        if value is None:
            continue
        try:
            delay = float(value)
        except ValueError:
            continue
        if delay == math.inf and value.strip().lower() not in _INF_LITERALS:
            # A numeric overflow ("1e999"): an excessive delay, not a malformed value.
            return MAX_RETRY_AFTER + 1
        return delay / divisor
    raw = _header(headers, "retry-after")
    if raw is None:
        return None
    try:
        parsed = email.utils.parsedate_tz(raw)
        if parsed is None:
            return None
        return float(email.utils.mktime_tz(parsed) - now())
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def should_retry(status: int, headers: Mapping[str, str] | None = None) -> bool:
    """Whether an HTTP error status is worth another attempt (``x-should-retry`` wins)."""
    override = (_header(headers, "x-should-retry") or "").strip().lower()
    if override == "true":
        return True
    if override == "false":
        return False
    return status in RETRY_STATUSES or status >= 500


def backoff(retries_taken: int, rng: Callable[[], float] = random.random) -> float:
    """``min(0.5 * 2**n, 8)`` seconds, reduced by a random 0-25 % jitter."""
    base = min(INITIAL_RETRY_DELAY * 2.0 ** min(retries_taken, 1000), MAX_RETRY_DELAY)
    return max(0.0, base * (1.0 - 0.25 * rng()))


def retry_delay(
    retries_taken: int,
    headers: Mapping[str, str] | None = None,
    rng: Callable[[], float] = random.random,
    now: Callable[[], float] = time.time,
) -> float | None:
    """Seconds to wait before the next attempt, or None when the server's wait is too long to honour."""
    asked = parse_retry_after(headers, now)
    if asked is not None and math.isfinite(asked):
        if asked > MAX_RETRY_AFTER:
            return None
        if asked > 0:
            return asked
    return backoff(retries_taken, rng)
