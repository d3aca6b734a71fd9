"""Fault injection: each kind does what it says on the wire."""

from __future__ import annotations

import json
import time
from collections.abc import Callable

import httpx
import pytest

from tui.emulator import EmulatorServer, Fault, FaultPlan


def test_status_fault_with_retry_headers(emulator: EmulatorServer, http: httpx.Client) -> None:
    emulator.faults.add(
        Fault("status", status=503, retry_after="2", retry_after_ms="1500", should_retry="true")
    )
    response = http.get("videos")
    assert response.status_code == 503
    assert response.headers["retry-after"] == "2"
    assert response.headers["retry-after-ms"] == "1500"
    assert response.headers["x-should-retry"] == "true"
    assert response.headers["x-request-id"].startswith("req_")
    error = response.json()["error"]
    assert set(error) == {"message", "type", "param", "code"} and error["type"] == "server_error"
    assert http.get("videos").status_code == 200  # count=1: only the first request


def test_rate_limit_fault(emulator: EmulatorServer, http: httpx.Client) -> None:
    emulator.faults.add(Fault("status", status=429, retry_after="1"))
    response = http.get("videos")
    assert response.status_code == 429 and response.json()["error"]["code"] == "rate_limit_exceeded"


def test_count_and_forever(emulator: EmulatorServer, http: httpx.Client) -> None:
    emulator.faults.add(Fault("status", status=500, count=3))
    assert [http.get("videos").status_code for _ in range(4)] == [500, 500, 500, 200]
    emulator.faults.add(Fault("status", status=502, count=-1))
    assert [http.get("videos").status_code for _ in range(5)] == [502] * 5
    emulator.faults.clear()
    assert http.get("videos").status_code == 200


def test_path_and_method_filters(emulator: EmulatorServer, http: httpx.Client) -> None:
    video_id = emulator.world.snapshot()[0]["id"]
    emulator.faults.add(Fault("status", status=500, path=f"/v1/videos/{video_id}", method="GET"))
    assert http.get("videos").status_code == 200
    assert http.get(f"videos/{video_id}").status_code == 500


def test_html_fault(emulator: EmulatorServer, http: httpx.Client) -> None:
    emulator.faults.add(Fault("html"))
    response = http.get("videos")
    assert response.status_code == 502
    assert response.headers["content-type"].startswith("text/html")
    assert "<h1>502 Bad Gateway</h1>" in response.text


def test_truncated_fault(emulator: EmulatorServer, http: httpx.Client) -> None:
    emulator.faults.add(Fault("truncated"))
    response = http.get("videos")
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    assert int(response.headers["content-length"]) == len(response.content) > 0
    with pytest.raises(json.JSONDecodeError):
        json.loads(response.content)
    assert response.text == http.get("videos").text[: len(response.text)]


def test_garbage_fault(emulator: EmulatorServer, http: httpx.Client) -> None:
    emulator.faults.add(Fault("garbage"))
    response = http.get("videos")
    assert response.status_code == 200
    with pytest.raises(ValueError):
        json.loads(response.content)


def test_reset_fault_drops_the_connection(emulator: EmulatorServer, http: httpx.Client) -> None:
    emulator.faults.add(Fault("reset"))
    with pytest.raises((httpx.ReadError, httpx.RemoteProtocolError)):
        http.get("videos")
    assert http.get("videos").status_code == 200  # the server is fine afterwards
    assert [r.status for r in emulator.requests][-2:] == [0, 200]


def test_reset_drops_only_the_connection_it_hits(
    emulator: EmulatorServer, client_for: Callable[..., httpx.Client]
) -> None:
    bystander, victim = client_for(emulator), client_for(emulator)
    assert bystander.get("videos").status_code == 200  # a keep-alive connection, open
    emulator.faults.add(Fault("reset"))
    with pytest.raises(httpx.ReadError, match="reset"):  # a real TCP RST, not a clean close
        victim.get("videos")
    assert len(emulator.connections.transports) == 1  # the bystander's connection is still up
    assert bystander.get("videos").status_code == 200


def test_slow_fault(emulator: EmulatorServer, http: httpx.Client) -> None:
    emulator.faults.add(Fault("slow", delay=0.3))
    started = time.monotonic()
    response = http.get("videos")
    assert time.monotonic() - started >= 0.3
    assert response.status_code == 200 and len(response.json()["data"]) == 20


def test_hang_fault_until_the_client_gives_up(emulator: EmulatorServer, http: httpx.Client) -> None:
    emulator.faults.add(Fault("hang"))
    with pytest.raises(httpx.ReadTimeout):
        http.get("videos", timeout=0.3)
    assert http.get("videos").status_code == 200


def test_random_faults_are_seeded(make_emulator: Callable[..., EmulatorServer]) -> None:
    def outcomes(server: EmulatorServer) -> list[str]:
        results = []
        with httpx.Client(base_url=server.base_url + "/", timeout=5) as http:
            for _ in range(60):
                try:
                    results.append(str(http.get("videos", params={"limit": 1}).status_code))
                except httpx.TransportError as error:
                    results.append(type(error).__name__)
        return results

    first = outcomes(make_emulator(jobs=5, fault_rate=0.3, seed=4, manual_clock=True))
    second = outcomes(make_emulator(jobs=5, fault_rate=0.3, seed=4, manual_clock=True))
    assert first == second
    assert 5 <= sum(result != "200" for result in first) <= 35


def test_plan_matching_and_validation() -> None:
    plan = FaultPlan()
    plan.add(Fault("reset", path="/v1/videos/", method="delete"))
    assert plan.take("GET", "/v1/videos/x") is None
    assert plan.take("DELETE", "/v1/videos/x") is not None
    assert plan.take("DELETE", "/v1/videos/x") is None and plan.pending() == []
    with pytest.raises(ValueError):
        Fault("explode")
    with pytest.raises(ValueError):
        Fault("status", count=0)


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("503:retry_after=2", Fault("status", status=503, retry_after="2")),
        ("reset", Fault("reset")),
        ("slow:delay=2,count=-1", Fault("slow", delay=2.0, count=-1)),
        ("truncated", Fault("truncated")),
        (
            "429:retry_after_ms=250,should_retry=False,path=/v1/videos/",
            Fault(
                "status", status=429, retry_after_ms="250", should_retry="false", path="/v1/videos/"
            ),
        ),
    ],
)
def test_fault_specs(spec: str, expected: Fault) -> None:
    assert Fault.parse(spec) == expected


def test_runtime_control_over_http(emulator: EmulatorServer, http: httpx.Client) -> None:
    root = emulator.base_url.removesuffix("/v1")
    added = httpx.post(
        f"{root}/_emulator/faults", json={"kind": "status", "status": 418, "count": 2}
    )
    assert added.status_code == 200 and added.json()["faults"][0]["status"] == 418
    assert http.get("videos").status_code == 418
    assert (
        httpx.get(f"{root}/_emulator/state").status_code == 200
    )  # the control plane is never faulted
    assert httpx.delete(f"{root}/_emulator/faults").json() == {"faults": []}
    assert http.get("videos").status_code == 200
    assert httpx.post(f"{root}/_emulator/faults", json={"kind": "nope"}).status_code == 400


def test_state_and_advance_endpoints(emulator: EmulatorServer) -> None:
    root = emulator.base_url.removesuffix("/v1")
    state = httpx.get(f"{root}/_emulator/state").json()
    assert state["jobs"] == 120 and sum(state["by_status"].values()) == 120
    assert state["manual_clock"] is True and state["clock"] == emulator.world.now
    later = httpx.post(f"{root}/_emulator/advance", json={"seconds": 600}).json()
    assert later["clock"] == state["clock"] + 600
    assert later["by_status"].get("queued", 0) + later["by_status"].get("in_progress", 0) == 0
