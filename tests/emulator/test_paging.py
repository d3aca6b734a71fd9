"""GET /v1/videos cursor paging (API.md §3) against a real server."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from tui.emulator import EmulatorConfig, EmulatorServer

ENVELOPE_KEYS = {"object", "data", "first_id", "last_id", "has_more"}


def walk(http: httpx.Client, *, limit: int | None, order: str | None) -> list[str]:
    """Follow the cursor like the SDK: next after = envelope last_id, until has_more is false."""
    ids: list[str] = []
    params: dict[str, Any] = {}
    if limit is not None:
        params["limit"] = limit
    if order is not None:
        params["order"] = order
    for _ in range(2000):
        response = http.get("videos", params=params)
        assert response.status_code == 200, response.text
        page = response.json()
        assert set(page) == ENVELOPE_KEYS
        data = page["data"]
        ids += [video["id"] for video in data]
        if data:
            assert page["first_id"] == data[0]["id"]
            assert page["last_id"] == data[-1]["id"]
        if not page["has_more"]:
            return ids
        params["after"] = page["last_id"]
    raise AssertionError("paging never ended")


@pytest.fixture(scope="module")
def big() -> Iterator[EmulatorServer]:
    with EmulatorServer(EmulatorConfig(jobs=1000, seed=11, manual_clock=True)) as server:
        yield server


@pytest.mark.parametrize(
    ("limit", "order"),
    [
        (1, "desc"),
        (1, "asc"),
        (7, None),
        (7, "asc"),
        (100, "desc"),
        (100, "asc"),
        (None, None),
        (None, "asc"),
    ],
)
def test_every_job_exactly_once(big: EmulatorServer, limit: int | None, order: str | None) -> None:
    expected = [video["id"] for video in big.world.snapshot()]  # newest first
    if order == "asc":
        expected.reverse()
    with httpx.Client(base_url=big.base_url + "/") as http:
        got = walk(http, limit=limit, order=order)
    assert len(got) == len(set(got)) == 1000
    assert got == expected


def test_default_limit_and_order(emulator: EmulatorServer, http: httpx.Client) -> None:
    page = http.get("videos").json()
    snapshot = emulator.world.snapshot()
    assert [v["id"] for v in page["data"]] == [v["id"] for v in snapshot[:20]]
    assert page["has_more"] is True
    created = [v["created_at"] for v in page["data"]]
    assert created == sorted(created, reverse=True)


def test_configured_default_limit(make_emulator: Callable[..., EmulatorServer]) -> None:
    server = make_emulator(jobs=30, default_limit=5, manual_clock=True)
    assert len(httpx.get(server.base_url + "/videos").json()["data"]) == 5


def test_after_is_exclusive(emulator: EmulatorServer, http: httpx.Client) -> None:
    ids = [v["id"] for v in emulator.world.snapshot()]
    page = http.get("videos", params={"after": ids[9], "limit": 3}).json()
    assert [v["id"] for v in page["data"]] == ids[10:13]
    page = http.get("videos", params={"after": ids[9], "limit": 3, "order": "asc"}).json()
    assert [v["id"] for v in page["data"]] == ids[8:5:-1]


def test_last_page_has_no_more(emulator: EmulatorServer, http: httpx.Client) -> None:
    ids = [v["id"] for v in emulator.world.snapshot()]
    page = http.get("videos", params={"after": ids[-4], "limit": 3}).json()
    assert [v["id"] for v in page["data"]] == ids[-3:]
    assert page["has_more"] is False
    end = http.get("videos", params={"after": ids[-1]}).json()
    assert end == {
        "object": "list",
        "data": [],
        "first_id": None,
        "last_id": None,
        "has_more": False,
    }


def test_limit_zero_is_an_empty_page(http: httpx.Client) -> None:
    page = http.get("videos", params={"limit": 0}).json()
    assert page["data"] == [] and page["first_id"] is None and page["last_id"] is None


@pytest.mark.parametrize(
    ("params", "param", "code"),
    [
        ({"limit": 101}, "limit", "integer_above_max_value"),
        ({"limit": -1}, "limit", "integer_below_min_value"),
        ({"limit": "abc"}, "limit", "invalid_type"),
        ({"limit": "2.5"}, "limit", "invalid_type"),
        ({"order": "up"}, "order", "invalid_value"),
        ({"after": "video_doesnotexist"}, "after", "invalid_value"),
    ],
)
def test_bad_parameters_are_400_envelopes(
    http: httpx.Client, params: dict[str, Any], param: str, code: str
) -> None:
    response = http.get("videos", params=params)
    assert response.status_code == 400
    error = response.json()["error"]
    assert set(error) == {"message", "type", "param", "code"}
    assert error["type"] == "invalid_request_error"
    assert error["param"] == param and error["code"] == code
    assert error["message"]


def test_order_message_matches_openai(http: httpx.Client) -> None:
    message = http.get("videos", params={"order": "up"}).json()["error"]["message"]
    assert message == "Invalid value: 'up'. Supported values are: 'asc' and 'desc'."


def test_new_and_deleted_jobs_show_up(emulator: EmulatorServer, http: httpx.Client) -> None:
    emulator.world.advance(3600)
    created = emulator.world.create("a brand new clip")
    first = http.get("videos", params={"limit": 1}).json()["data"][0]
    assert first["id"] == created["id"] and first["status"] == "queued"
    victim = emulator.world.snapshot()[5]["id"]
    assert emulator.world.delete(victim)
    ids = walk(http, limit=50, order="desc")
    assert victim not in ids and len(ids) == len(emulator.world)
