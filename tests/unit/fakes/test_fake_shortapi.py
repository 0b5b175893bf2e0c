"""FakeShortAPI through httpx: it must answer like the documented API (auth, validation,
prices, scripts, faults, downloads), and serve its videos to Telegram."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from telegram import Bot
from telegram.error import BadRequest, RetryAfter

from tests.fakes import FakeShortAPI, FakeTelegram, price
from tests.fakes._video import real_mp4
from tests.unit.fakes.calls import KEY, MODEL, USER_ID, body, create, query

pytestmark = pytest.mark.asyncio


async def test_shortapi_auth(api: FakeShortAPI) -> None:
    async with httpx.AsyncClient(base_url=api.base_url) as anon:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": KEY}):
            r = await anon.post("/api/v1/job/create", json=body(), headers=headers)
            assert (r.status_code, r.json()) == (401, {"code": 401, "message": "invalid api key"})
        r = await anon.get("/api/v1/job/query", params={"id": "x"})
        assert r.status_code == 401
    assert [c.auth for c in api.creates] == [None, "Bearer wrong", KEY]
    assert not api.jobs


@pytest.mark.parametrize(
    "payload",
    [
        {**body(), "model": "google/veo-3/image-to-video"},
        {"model": MODEL},
        body(mode="turbo"),
        body(prompt=""),
        body(image="not a url"),
        body(image="data:image/gif;base64,R0lGOD=="),
        body(image="data:image/png;base64,@@@"),
        body(duration=8),
        body(duration="5"),
        body(aspect_ratio="1:1"),
        body(resolution="1440p"),
        body(generate_audio="true"),
        body(seed=3),
        {**body(), "callback_url": "ftp://x"},
    ],
)
async def test_shortapi_validation(http: httpx.AsyncClient, payload: dict[str, Any]) -> None:
    answer = await create(http, payload)
    assert answer["code"] != 0 and "data" not in answer and answer["message"]


async def test_shortapi_prices(http: httpx.AsyncClient, api: FakeShortAPI) -> None:
    assert (await create(http, body()))["data"]["amount"] == "0.64"
    quality = body(mode="quality", resolution="4k", generate_audio=True, duration="8")
    assert (await create(http, quality))["data"]["amount"] == "3.84"
    assert price("fast", "1080p", True, "4") == "0.48"
    assert price("quality", "720p", False, "6") == "0.96"
    assert len(api.jobs) == 2 and api.creates[1].body == quality


@pytest.mark.parametrize("shape", ["images", "videos", "video", "url"])
async def test_shortapi_script_shapes_and_download(
    http: httpx.AsyncClient, api: FakeShortAPI, shape: str
) -> None:
    api.result_shape = shape
    job_id = (await create(http, body()))["data"]["job_id"]
    statuses = [(await query(http, job_id))["data"] for _ in range(4)]
    assert [s["status"] for s in statuses] == [0, 1, 2, 2]
    result = statuses[2]["result"]
    url = {
        "images": lambda: result["images"][0]["url"],
        "videos": lambda: result["videos"][0]["url"],
        "video": lambda: result["video"]["url"],
        "url": lambda: result["url"],
    }[shape]()
    r = await http.get(url)
    assert r.headers["content-type"] == "video/mp4"
    assert r.content == api.jobs[job_id].video_content()
    assert r.content == real_mp4() and r.content[4:8] == b"ftyp"  # a real, decodable MP4
    assert api.queries == [job_id] * 4


async def test_shortapi_custom_scripts_and_videos(http: httpx.AsyncClient, api: FakeShortAPI):
    api.script([0, 3])
    failed = (await create(http, body()))["data"]["job_id"]
    assert [(await query(http, failed))["data"] for _ in range(2)][1] == {
        "status": 3,
        "error": "content policy violation",
    }
    api.script([{"status": 7, "weird": True}])
    odd = (await create(http, body()))["data"]["job_id"]
    assert (await query(http, odd))["data"] == {"status": 7, "weird": True}
    assert await query(http, "missing") == {"code": 404, "message": "job not found"}
    api.script([2])
    api.video_size = 3 * 1024 * 1024 + 5
    big = (await create(http, body()))["data"]["job_id"]
    url = (await query(http, big))["data"]["result"]["images"][0]["url"]
    async with http.stream("GET", url) as r:
        assert int(r.headers["content-length"]) == 3 * 1024 * 1024 + 5
        content = b"".join([chunk async for chunk in r.aiter_bytes()])
    assert content == api.jobs[big].video_content()
    api.video_size, api.video_bytes = None, b"tiny"
    tiny = (await create(http, body()))["data"]["job_id"]
    url = (await query(http, tiny))["data"]["result"]["images"][0]["url"]
    assert (await http.get(url)).content == b"tiny"


async def test_shortapi_faults(http: httpx.AsyncClient, api: FakeShortAPI) -> None:
    api.fail_next_create(code=402, message="insufficient balance")
    assert await create(http, body()) == {"code": 402, "message": "insufficient balance"}
    api.fail_next_create(http_status=503, times=1)
    assert (await http.post("/api/v1/job/create", json=body())).status_code == 503
    job_id = (await create(http, body()))["data"]["job_id"]
    api.fail_next_query(500)
    api.fail_next_query(429)
    api.fail_next_query(502, body="<html>Bad Gateway</html>")
    r1, r2, r3 = [await http.get("/api/v1/job/query", params={"id": job_id}) for _ in range(3)]
    assert (r1.status_code, r2.status_code, r2.headers["retry-after"]) == (500, 429, "1")
    assert r3.status_code == 502 and r3.text.startswith("<html>")
    api.fail_next_query(500, delay=0.5)
    with pytest.raises(httpx.ReadTimeout):
        await http.get("/api/v1/job/query", params={"id": job_id}, timeout=0.1)
    # Failed queries did not consume the script.
    assert (await query(http, job_id))["data"] == {"status": 0}
    waiter = asyncio.create_task(api.wait_for(lambda: len(api.queries) >= 6, timeout=2))
    await query(http, job_id)
    assert await waiter


async def test_shortapi_drops_a_create_after_reading_it(
    http: httpx.AsyncClient, api: FakeShortAPI
) -> None:
    api.fail_next_create(disconnect=True)
    with pytest.raises(httpx.RemoteProtocolError):
        await http.post("/api/v1/job/create", json=body(prompt="dropped"))
    [record] = api.creates
    assert record.body["args"]["prompt"] == "dropped" and record.http_status == 0
    assert not api.jobs
    api.fail_next_query(disconnect=True)
    with pytest.raises(httpx.RemoteProtocolError):
        await http.get("/api/v1/job/query", params={"id": "x"})
    assert (await create(http, body()))["code"] == 0


async def test_shortapi_serves_results_without_content_length(
    http: httpx.AsyncClient, api: FakeShortAPI
) -> None:
    api.script([2])
    api.video_size = 3 * 1024 * 1024 + 5
    api.content_length = False
    job_id = (await create(http, body()))["data"]["job_id"]
    url = (await query(http, job_id))["data"]["result"]["images"][0]["url"]
    async with http.stream("GET", url) as r:
        assert "content-length" not in r.headers
        assert r.headers["transfer-encoding"] == "chunked"
        content = b"".join([chunk async for chunk in r.aiter_bytes()])
    assert content == api.jobs[job_id].video_content()
    # A client that stops reading half-way leaves the fake able to serve the next one.
    async with http.stream("GET", url) as r:
        async for _ in r.aiter_bytes():
            break
    assert (await http.get(url)).content == content


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_flood_control_and_video_by_url(
    tg: FakeTelegram, ptb: Bot, ann: dict, api: FakeShortAPI, http: httpx.AsyncClient
) -> None:
    tg.flood_control(3, per_seconds=60)
    for _ in range(3):
        await ptb.send_message(USER_ID, "tick")
    with pytest.raises(RetryAfter):
        await ptb.edit_message_text("tock", USER_ID, 2)
    tg.flood_control(None)
    # Telegram fetches a URL itself (here: the fake ShortAPI's result file).
    job_id = (await create(http, body()))["data"]["job_id"]
    url = f"{api.base_url}/files/{api.jobs[job_id].file_name}"
    msg = await ptb.send_video(USER_ID, url)
    assert tg.uploads[-1].data == api.jobs[job_id].video_content() and tg.uploads[-1].resent
    assert msg.video.file_size == len(tg.uploads[-1].data)
    with pytest.raises(BadRequest, match=r"(?i)failed to get HTTP URL content"):
        await ptb.send_video(USER_ID, f"{api.base_url}/files/nope.mp4")


async def test_a_second_port_serves_the_same_fake_and_queries_say_which_port(shortapi):
    other = await shortapi.listen_also()
    headers = {"Authorization": f"Bearer {shortapi.api_key}"}
    async with httpx.AsyncClient(headers=headers) as http:
        for base in (shortapi.base_url, other):
            answer = await http.get(f"{base}/api/v1/job/query", params={"id": "nope"})
            assert answer.json()["code"] == 404
    ports = [port for _, _, port in shortapi.query_log]
    assert ports == [shortapi.port, int(other.rsplit(":", 1)[1])]
