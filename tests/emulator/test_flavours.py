"""Each flavour's quirks (API.md §8) are visible on the wire."""

from __future__ import annotations

import base64
import string
import warnings
from collections.abc import Callable
from urllib.parse import quote

import httpx
import openai
import pytest

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


def inner(video_id: str) -> str:
    """The text inside a LiteLLM id (decoded here by hand, not by the code under test)."""
    return base64.b64decode(video_id.removeprefix("video_")).decode()


def test_litellm_ids_need_percent_encoding(make_emulator: Make) -> None:
    server = make_emulator(flavour="litellm", jobs=60, manual_clock=True)
    video = first(server, "completed")
    raw = inner(video["id"])
    assert (
        raw.startswith("litellm:custom_llm_provider:openai;model_id:") and ";video_id:video_" in raw
    )
    assert "deployment_id" not in raw  # the list form
    ids = [v["id"] for v in server.world.snapshot()]
    assert all("+" in i and "/" in i and i.endswith("=") for i in ids)
    for prefix in (server.base_url, server.base_url.removesuffix("/v1")):
        encoded = quote(video["id"], safe="")
        got = httpx.get(f"{prefix}/videos/{encoded}").json()
        assert inner(got["id"]).startswith(raw + ";deployment_id:")
        content = httpx.get(f"{prefix}/videos/{encoded}/content", params={"variant": "thumbnail"})
        assert content.headers["content-type"] == "video/mp4"
        assert content.headers["content-disposition"].startswith("attachment")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        with openai.OpenAI(base_url=server.base_url, api_key="k", max_retries=0) as client:
            long_id = client.videos.retrieve(video["id"]).id
            assert long_id != video["id"] and inner(long_id).startswith(raw + ";deployment_id:")
            assert client.videos.retrieve(long_id).created_at == video["created_at"]
            remix = client.videos.remix(long_id, prompt="again")
            assert (
                remix.remixed_from_video_id == raw.rpartition(";video_id:")[2]
            )  # the raw upstream id
            assert [v.id for v in client.videos.list(limit=7)] == [
                v["id"] for v in server.world.snapshot()
            ]


def test_litellm_replies_about_one_video_carry_the_longer_id(make_emulator: Make) -> None:
    """Retrieve, create and remix name a video `list id + ;deployment_id:<hex>`; list does not;
    they drop the prompt and add usage: null; the proxy accepts both ids everywhere."""
    server = make_emulator(flavour="litellm", jobs=30, manual_clock=True)
    url = server.base_url + "/videos"
    created = httpx.post(url, files={"prompt": (None, "a red kite"), "seconds": (None, "4")}).json()
    assert created["prompt"] is None and created["usage"] is None
    list_form = inner(created["id"]).partition(";deployment_id:")
    assert list_form[1] and list_form[2] and set(list_form[2]) <= set(string.hexdigits)
    listed = httpx.get(url).json()["data"][0]
    assert inner(listed["id"]) == list_form[0]
    assert listed["prompt"] == "a red kite" and "usage" not in listed
    for video_id in (listed["id"], created["id"]):
        got = httpx.get(f"{url}/{quote(video_id, safe='')}").json()
        assert got["id"] == created["id"]
        assert got["prompt"] is None and got["usage"] is None
    done = first(server, "completed")
    remix = httpx.post(f"{url}/{quote(done['id'], safe='')}/remix", json={"prompt": "b"}).json()
    assert ";deployment_id:" in inner(remix["id"]) and remix["prompt"] is None
    assert remix["remixed_from_video_id"] == inner(done["id"]).rpartition(";video_id:")[2]
    assert remix["remixed_from_video_id"].startswith("video_")
    listed_remix = httpx.get(url).json()["data"][0]
    assert listed_remix["remixed_from_video_id"] == remix["remixed_from_video_id"]
    long_done = httpx.get(f"{url}/{quote(done['id'], safe='')}").json()["id"]
    for variant in ("video", "thumbnail", "spritesheet", "anything"):
        content = httpx.get(
            f"{url}/{quote(long_done, safe='')}/content", params={"variant": variant}
        )
        assert content.status_code == 200 and content.content[4:8] == b"ftyp"  # not forwarded
        assert content.headers["content-type"] == "video/mp4"
    missing = httpx.get(f"{url}/{quote('video_' + 'A' * 40, safe='')}")
    assert missing.status_code == 404


def test_litellm_has_no_delete_route(make_emulator: Make) -> None:
    server = make_emulator(flavour="litellm", jobs=10, manual_clock=True)
    done = first(server, "completed")
    for prefix in (server.base_url, server.base_url.removesuffix("/v1")):
        answer = httpx.delete(f"{prefix}/videos/{quote(done['id'], safe='')}")
        assert answer.status_code == 405 and answer.json() == {"detail": "Method Not Allowed"}
    assert server.world.get(done["id"]) is not None
    assert httpx.get(server.base_url + "/nowhere").json() == {"detail": "Not Found"}


def test_litellm_ignoring_paging_repeats_the_first_page(make_emulator: Make) -> None:
    server = make_emulator(
        flavour="litellm", jobs=45, manual_clock=True, litellm_ignores_paging=True
    )
    url = server.base_url + "/videos"
    newest = [v["id"] for v in server.world.snapshot()[:20]]
    first_page = httpx.get(url).json()
    assert [v["id"] for v in first_page["data"]] == newest and first_page["has_more"] is True
    queries: list[dict[str, str | int]] = [
        {"after": first_page["last_id"]},
        {"limit": 5},
        {"limit": 500},  # not even validated: never forwarded
        {"order": "asc"},
        {"after": "video_unknown", "limit": 100, "order": "asc"},
    ]
    for query in queries:
        again = httpx.get(url, params=query).json()
        assert [v["id"] for v in again["data"]] == newest, query
        assert again["has_more"] is True and again["last_id"] == first_page["last_id"]
    small = make_emulator(
        flavour="litellm", jobs=12, manual_clock=True, litellm_ignores_paging=True
    )
    assert httpx.get(small.base_url + "/videos").json()["has_more"] is False  # nothing more exists
    # Without the switch the same flavour pages.
    paging = make_emulator(flavour="litellm", jobs=45, manual_clock=True)
    page = httpx.get(paging.base_url + "/videos", params={"limit": 5, "order": "asc"}).json()
    assert [v["id"] for v in page["data"]] == [v["id"] for v in paging.world.snapshot()[::-1][:5]]


def test_only_litellm_ignores_paging() -> None:
    from tui.emulator import EmulatorConfig

    with pytest.raises(ValueError, match="litellm"):
        EmulatorConfig(flavour="openai", litellm_ignores_paging=True)


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
