"""Each flavour's quirks (API.md §8) are visible on the wire."""

from __future__ import annotations

import base64
import warnings
from collections.abc import Callable
from urllib.parse import quote

import httpx
import openai

from tui.emulator import EmulatorServer

Make = Callable[..., EmulatorServer]


def first(server: EmulatorServer, status: str) -> dict:  # type: ignore[type-arg]
    """The newest job in `status` (for completed: one whose content has not expired yet)."""
    now = server.world.now
    return next(
        v
        for v in server.world.snapshot()
        if v["status"] == status and (v["expires_at"] is None or v["expires_at"] > now)
    )


def test_vllm(make_emulator: Make) -> None:
    server = make_emulator(flavour="vllm", jobs=150, manual_clock=True)
    url = server.base_url + "/videos"
    everything = httpx.get(url).json()
    assert len(everything["data"]) == 150 and everything["has_more"] is False  # no default limit
    videos = everything["data"]
    assert all(v["id"].startswith("video_gen_") for v in videos)
    assert all({"quality", "media_type", "inference_time_s"} <= set(v) for v in videos)
    assert any(v["size"] is None for v in videos)
    failed = next(v for v in videos if v["status"] == "failed")
    assert isinstance(failed["error"]["code"], int)
    done = next(v for v in videos if v["status"] == "completed")
    assert done["inference_time_s"] > 0
    assert all(v["progress"] == 0 for v in videos if v["status"] == "in_progress")
    assert httpx.get(url, params={"after": "video_gen_missing"}).json()["data"] == []
    bad = httpx.get(url, params={"limit": 500})
    assert bad.status_code == 422 and isinstance(bad.json()["detail"], list)
    missing = httpx.get(url + "/video_gen_missing")
    assert missing.status_code == 404 and set(missing.json()) == {"detail"}
    busy = first(server, "in_progress")
    assert httpx.get(url + f"/{busy['id']}/content").json() == {
        "detail": "Generation is still in-progress"
    }
    assert httpx.delete(url + f"/{busy['id']}").json()["deleted"] is True  # deleting cancels


def test_sglang(make_emulator: Make) -> None:
    server = make_emulator(flavour="sglang", jobs=40, manual_clock=True)
    url = server.base_url + "/videos"
    page = httpx.get(url, params={"limit": 5}).json()
    assert set(page) == {"object", "data"} and len(page["data"]) == 5
    assert all(v["size"] == "" for v in page["data"])
    failed = first(server, "failed")
    assert httpx.get(url + f"/{failed['id']}").json()["error"] == {
        "message": failed["error"]["message"]
    }
    assert httpx.get(url, params={"limit": 0}).status_code == 422
    done = first(server, "completed")
    thumb = httpx.get(url + f"/{done['id']}/content", params={"variant": "thumbnail"})
    assert (
        thumb.headers["content-type"] == "video/mp4" and thumb.content[4:8] == b"ftyp"
    )  # variant ignored
    deleted = httpx.delete(url + f"/{done['id']}").json()
    assert deleted["status"] == "deleted" and deleted["object"] == "video"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        with openai.OpenAI(base_url=server.base_url, api_key="k", max_retries=0) as client:
            assert (
                len(list(client.videos.list(limit=10))) == 10
            )  # no has_more: the SDK stops after a page


def test_litellm_ids_need_percent_encoding(make_emulator: Make) -> None:
    server = make_emulator(flavour="litellm", jobs=60, manual_clock=True)
    video = first(server, "completed")
    raw = base64.b64decode(video["id"].removeprefix("video_")).decode()
    assert (
        raw.startswith("litellm:custom_llm_provider:openai;model_id:") and ";video_id:video_" in raw
    )
    ids = [v["id"] for v in server.world.snapshot()]
    assert all("+" in i and "/" in i and i.endswith("=") for i in ids)
    for prefix in (server.base_url, server.base_url.removesuffix("/v1")):
        encoded = quote(video["id"], safe="")
        assert httpx.get(f"{prefix}/videos/{encoded}").json()["id"] == video["id"]
        content = httpx.get(f"{prefix}/videos/{encoded}/content", params={"variant": "thumbnail"})
        assert content.headers["content-type"] == "video/mp4"
        assert content.headers["content-disposition"].startswith("attachment")
    assert (
        httpx.delete(f"{server.base_url}/videos/{quote(video['id'], safe='')}").status_code == 405
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        with openai.OpenAI(base_url=server.base_url, api_key="k", max_retries=0) as client:
            assert client.videos.retrieve(video["id"]).id == video["id"]
            remix = client.videos.remix(video["id"], prompt="again")
            assert remix.remixed_from_video_id == video["id"]
            assert [v.id for v in client.videos.list(limit=7)] == [
                v["id"] for v in server.world.snapshot()
            ]


def test_relay(make_emulator: Make) -> None:
    server = make_emulator(flavour="relay", jobs=80, manual_clock=True)
    videos = httpx.get(server.base_url + "/videos", params={"limit": 100}).json()["data"]
    statuses = {v["status"] for v in videos}
    assert "succeeded" in statuses and "completed" not in statuses
    assert "processing" in statuses or "queued" in statuses
    assert {v["size"] for v in videos} <= {"16:9", "9:16"}
    done = next(
        v for v in videos if v["status"] == "succeeded" and v["expires_at"] > server.world.now
    )
    assert done["url"] == done["video_url"] and done["url"].endswith(
        f"/v1/videos/{done['id']}/content"
    )
    assert httpx.get(done["url"]).content[4:8] == b"ftyp"
