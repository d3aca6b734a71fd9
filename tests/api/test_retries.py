"""Each retry rule of API.md §5, exercised against emulator faults over loopback.

The client's sleep is a recorder (see conftest), so requested delays are asserted, never timed.
"""

from __future__ import annotations

import socket

import pytest

from tests.api.helpers import ClientFactory, SleepRecorder, api_requests
from tui.api.client import RetryNotice
from tui.api.errors import (
    ApiConnectionError,
    ApiResponseError,
    ApiTimeoutError,
    BadRequestError,
    NotFoundError,
    RateLimitError,
    ServerError,
)
from tui.emulator import EmulatorServer, Fault


@pytest.mark.parametrize("status", [408, 409, 429, 500, 502, 503])
async def test_retried_status_then_success(
    emulator: EmulatorServer,
    connect: ClientFactory,
    sleeps: SleepRecorder,
    status: int,
    notices: list[RetryNotice],
) -> None:
    emulator.faults.add(Fault(kind="status", status=status, count=1))
    page = await connect(emulator).list_videos(limit=5)
    assert len(page.data) == 5
    assert [r.status for r in (await api_requests(emulator, 2))] == [status, 200]
    assert len(sleeps.delays) == 1
    assert notices[0].attempt == 1 and notices[0].reason.startswith(str(status))


@pytest.mark.parametrize(("status", "error"), [(400, BadRequestError), (404, NotFoundError)])
async def test_client_errors_are_not_retried(
    emulator: EmulatorServer,
    connect: ClientFactory,
    sleeps: SleepRecorder,
    status: int,
    error: type[Exception],
) -> None:
    emulator.faults.add(Fault(kind="status", status=status, count=1))
    with pytest.raises(error):
        await connect(emulator).list_videos()
    assert len(await api_requests(emulator, 1)) == 1
    assert sleeps.delays == []


async def test_x_should_retry_false_stops_a_503(
    emulator: EmulatorServer, connect: ClientFactory, sleeps: SleepRecorder
) -> None:
    emulator.faults.add(Fault(kind="status", status=503, should_retry="false", count=1))
    with pytest.raises(ServerError):
        await connect(emulator).list_videos()
    assert sleeps.delays == []
    assert len(await api_requests(emulator, 1)) == 1


async def test_x_should_retry_true_retries_a_400(
    emulator: EmulatorServer, connect: ClientFactory, sleeps: SleepRecorder
) -> None:
    emulator.faults.add(Fault(kind="status", status=400, should_retry="true", count=1))
    await connect(emulator).list_videos()
    assert [r.status for r in (await api_requests(emulator, 2))] == [400, 200]


async def test_retry_after_ms_is_honoured(
    emulator: EmulatorServer,
    connect: ClientFactory,
    sleeps: SleepRecorder,
    notices: list[RetryNotice],
) -> None:
    emulator.faults.add(Fault(kind="status", status=429, retry_after_ms="250", count=1))
    await connect(emulator).list_videos()
    assert sleeps.delays == [pytest.approx(0.25)]
    assert [(n.attempt, n.reason) for n in notices] == [(1, "429 Too Many Requests")]
    assert notices[0].delay == pytest.approx(0.25)


async def test_retry_after_seconds_is_honoured(
    emulator: EmulatorServer, connect: ClientFactory, sleeps: SleepRecorder
) -> None:
    emulator.faults.add(Fault(kind="status", status=503, retry_after="7", count=1))
    await connect(emulator).list_videos()
    assert sleeps.delays == [7.0]
    assert len(await api_requests(emulator, 2)) == 2


async def test_retry_after_over_120_s_cancels_the_retry(
    emulator: EmulatorServer, connect: ClientFactory, sleeps: SleepRecorder
) -> None:
    emulator.faults.add(Fault(kind="status", status=429, retry_after="121", count=1))
    with pytest.raises(RateLimitError) as caught:
        await connect(emulator).list_videos()
    assert caught.value.retry_after == 121.0
    assert len(await api_requests(emulator, 1)) == 1 and sleeps.delays == []


async def test_backoff_without_headers(
    emulator: EmulatorServer, connect: ClientFactory, sleeps: SleepRecorder
) -> None:
    emulator.faults.add(Fault(kind="status", status=500, count=2))
    await connect(emulator).list_videos()
    first, second = sleeps.delays
    assert 0.375 <= first <= 0.5
    assert 0.75 <= second <= 1.0
    assert len(await api_requests(emulator, 3)) == 3


async def test_retries_exhausted_raise_the_typed_error(
    emulator: EmulatorServer,
    connect: ClientFactory,
    sleeps: SleepRecorder,
    notices: list[RetryNotice],
) -> None:
    emulator.faults.add(Fault(kind="status", status=503, count=-1))
    with pytest.raises(ServerError) as caught:
        await connect(emulator, max_retries=2).list_videos()
    error = caught.value
    assert error.status == 503
    assert str(error).startswith("503 Service Unavailable")
    assert len(await api_requests(emulator, 3)) == 3
    assert [n.attempt for n in notices] == [1, 2]
    assert {n.reason for n in notices} == {"503 Service Unavailable"}


async def test_max_retries_zero_means_one_attempt(
    emulator: EmulatorServer, connect: ClientFactory, sleeps: SleepRecorder
) -> None:
    emulator.faults.add(Fault(kind="status", status=503, count=1))
    with pytest.raises(ServerError):
        await connect(emulator, max_retries=0).list_videos()
    assert sleeps.delays == []
    assert len(await api_requests(emulator, 1)) == 1


async def test_connection_reset_is_retried(
    emulator: EmulatorServer,
    connect: ClientFactory,
    sleeps: SleepRecorder,
    notices: list[RetryNotice],
) -> None:
    emulator.faults.add(Fault(kind="reset", count=1))
    page = await connect(emulator).list_videos(limit=3)
    assert len(page.data) == 3
    assert len(sleeps.delays) == 1
    assert notices[0].reason == "connection reset"


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_connection_refused_after_retries(
    connect: ClientFactory, sleeps: SleepRecorder
) -> None:
    base_url = f"http://127.0.0.1:{closed_port()}/v1"
    with pytest.raises(ApiConnectionError) as caught:
        await connect(base_url, max_retries=2).list_videos()
    assert not isinstance(caught.value, ApiTimeoutError)
    assert str(caught.value) == f"connection refused to {base_url}"
    assert len(sleeps.delays) == 2


async def test_hang_longer_than_the_timeout(
    emulator: EmulatorServer,
    connect: ClientFactory,
    sleeps: SleepRecorder,
    notices: list[RetryNotice],
) -> None:
    emulator.faults.add(Fault(kind="hang", count=-1))
    with pytest.raises(ApiTimeoutError) as caught:
        await connect(emulator, timeout=0.5, max_retries=1).list_videos()
    assert "0.5 s" in str(caught.value)
    assert [n.reason for n in notices] == ["timed out"]


async def test_slow_answer_within_the_timeout_is_fine(
    emulator: EmulatorServer, connect: ClientFactory, sleeps: SleepRecorder
) -> None:
    emulator.faults.add(Fault(kind="slow", delay=0.1, count=1))
    await connect(emulator, timeout=5).list_videos()
    assert sleeps.delays == []


@pytest.mark.parametrize(
    ("kind", "problem"), [("truncated", "truncated JSON"), ("garbage", "not JSON")]
)
async def test_bad_200_bodies_are_response_errors_not_retried(
    emulator: EmulatorServer, connect: ClientFactory, sleeps: SleepRecorder, kind: str, problem: str
) -> None:
    emulator.faults.add(Fault(kind=kind, count=1))
    with pytest.raises(ApiResponseError) as caught:
        await connect(emulator).list_videos()
    assert caught.value.status == 200
    assert str(caught.value).startswith(f"invalid response from server (200, {problem}")
    assert len(await api_requests(emulator, 1)) == 1 and sleeps.delays == []


async def test_html_502_is_a_retried_server_error_with_a_clear_message(
    emulator: EmulatorServer, connect: ClientFactory, sleeps: SleepRecorder
) -> None:
    emulator.faults.add(Fault(kind="html", status=502, count=-1))
    with pytest.raises(ServerError) as caught:
        await connect(emulator, max_retries=1).list_videos()
    assert str(caught.value).startswith("502 Bad Gateway · HTML error page from a proxy")
    assert "<" not in str(caught.value)
    assert len(await api_requests(emulator, 2)) == 2


async def test_html_502_once_then_success(
    emulator: EmulatorServer, connect: ClientFactory, sleeps: SleepRecorder
) -> None:
    emulator.faults.add(Fault(kind="html", status=502, count=1))
    await connect(emulator).list_videos()
    assert len(await api_requests(emulator, 2)) == 2
