"""The ShortAPI client over its aiohttp transport against a stub server: envelopes, quirks and
every error path."""

import base64
import json
import os
from decimal import Decimal

import httpx
import pytest

from bot.veo import (
    MODELS,
    APICodeError,
    APIConnectionError,
    APIResponseError,
    APIStatusError,
    APITimeoutError,
    InlineImage,
    Mode,
    ShortAPIClient,
    VideoOptions,
)
from tests.shortapi_stub import STUB_BASE, ShortAPIStubs

BASE = STUB_BASE
KEY = "sk-unit-test-key"
_stubs: ShortAPIStubs | None = None


@pytest.fixture(autouse=True)
async def stubs():
    """The stub servers each test opens, closed after it."""
    global _stubs
    _stubs = ShortAPIStubs()
    yield
    await _stubs.close()


async def client_for(handler, **kwargs) -> ShortAPIClient:
    assert _stubs is not None
    return await _stubs.client(handler, api_key=KEY, backoff=0.001, **kwargs)


async def test_create_sends_the_documented_request_and_reads_data_job_id():
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"code": 0, "data": {"amount": "0.64", "job_id": "j1"}})

    api = await client_for(handler)
    created = await api.create(
        VideoOptions(mode=Mode.QUALITY, duration=4, audio=True),
        prompt="a cat",
        image="data:image/png;base64,AAAA",
    )
    assert created.job_id == "j1"
    assert created.amount == Decimal("0.64")
    (request,) = seen
    assert request.method == "POST"
    assert str(request.url) == f"{BASE}/api/v1/job/create"
    assert request.headers["authorization"] == f"Bearer {KEY}"
    assert json.loads(request.content) == {
        "model": "google/veo-3.1/image-to-video",
        "args": {
            "mode": "quality",
            "prompt": "a cat",
            "image": "data:image/png;base64,AAAA",
            "duration": "4",
            "aspect_ratio": "16:9",
            "resolution": "720p",
            "generate_audio": True,
        },
    }


async def test_create_ignores_a_top_level_job_id_outside_the_envelope():
    # The seed's examples read job_id at the top level; the documented envelope is data.job_id.
    api = await client_for(
        lambda r: httpx.Response(200, json={"code": 0, "job_id": "x", "data": {}})
    )
    with pytest.raises(APIResponseError):
        await api.create(VideoOptions(), prompt="p", image="data:image/png;base64,AA")


@pytest.mark.parametrize("key", ["message", "msg", "info"])
async def test_code_not_zero_is_an_error_with_its_text(key):
    api = await client_for(
        lambda r: httpx.Response(200, json={"code": 4001, key: "balance too low"})
    )
    with pytest.raises(APICodeError) as caught:
        await api.create(VideoOptions(), prompt="p", image="data:image/png;base64,AA")
    assert caught.value.code == 4001
    assert caught.value.message == "balance too low"


async def test_create_is_never_retried():
    calls = []

    def handler(request):
        calls.append(request)
        return httpx.Response(503, json={"code": 503, "message": "busy"})

    api = await client_for(handler)
    with pytest.raises(APIStatusError) as caught:
        await api.create(VideoOptions(), prompt="p", image="data:image/png;base64,AA")
    assert caught.value.status_code == 503
    assert len(calls) == 1


async def test_create_timeout_after_sending_says_the_request_may_have_arrived():
    def handler(request):
        raise httpx.ReadTimeout("slow", request=request)

    api = await client_for(handler)
    with pytest.raises(APITimeoutError) as caught:
        await api.create(VideoOptions(), prompt="p", image="data:image/png;base64,AA")
    assert caught.value.request_sent is True


async def test_connection_refused_says_nothing_was_sent():
    assert _stubs is not None
    api = _stubs.unreachable(api_key=KEY)
    with pytest.raises(APIConnectionError) as caught:
        await api.create(VideoOptions(), prompt="p", image="data:image/png;base64,AA")
    assert caught.value.request_sent is False
    assert KEY not in str(caught.value)


@pytest.mark.parametrize(
    "result",
    [
        {"images": [{"url": "https://cdn.test/v.mp4"}]},
        {"videos": [{"url": "https://cdn.test/v.mp4"}]},
        {"video": {"url": "https://cdn.test/v.mp4"}},
        {"url": "https://cdn.test/v.mp4"},
    ],
)
async def test_query_success_accepts_each_result_shape(result):
    seen = []

    def handler(request):
        seen.append(request)
        return httpx.Response(200, json={"code": 0, "data": {"status": 2, "result": result}})

    state = await (await client_for(handler)).query("job-9")
    assert state.succeeded and state.video_url == "https://cdn.test/v.mp4"
    assert str(seen[0].url) == f"{BASE}/api/v1/job/query?id=job-9"
    assert seen[0].headers["authorization"] == f"Bearer {KEY}"


@pytest.mark.parametrize(
    ("status", "in_progress"), [(0, True), (1, True), (3, False), (-1, False)]
)
async def test_query_statuses(status, in_progress):
    body = {"code": 0, "data": {"status": status, "error": "policy"}}
    state = await (await client_for(lambda r: httpx.Response(200, json=body))).query("j")
    assert state.in_progress is in_progress
    assert not state.succeeded
    if not in_progress:
        assert state.error == "policy"


async def test_query_success_without_url_is_a_malformed_answer():
    body = {"code": 0, "data": {"status": 2, "result": {"images": []}}}
    with pytest.raises(APIResponseError):
        await (await client_for(lambda r: httpx.Response(200, json=body), query_attempts=1)).query(
            "j"
        )


@pytest.mark.parametrize(
    "failure",
    [
        httpx.Response(500, text="oops"),
        httpx.Response(429, json={"code": 429, "message": "slow down"}),
        httpx.Response(200, text="<html>not json</html>"),
        "timeout",
    ],
)
async def test_query_retries_transient_failures_then_succeeds(failure):
    calls = []

    def handler(request):
        calls.append(request)
        if len(calls) < 3:
            if failure == "timeout":
                raise httpx.ReadTimeout("slow", request=request)
            return failure
        return httpx.Response(200, json={"code": 0, "data": {"status": 1}})

    state = await (await client_for(handler)).query("j")
    assert state.status == 1
    assert len(calls) == 3


async def test_query_gives_up_after_its_attempts():
    calls = []

    def handler(request):
        calls.append(request)
        return httpx.Response(502, text="bad gateway")

    with pytest.raises(APIStatusError):
        await (await client_for(handler, query_attempts=3)).query("j")
    assert len(calls) == 3


async def test_query_does_not_retry_a_client_error():
    calls = []

    def handler(request):
        calls.append(request)
        return httpx.Response(401, json={"code": 401, "message": "invalid api key"})

    with pytest.raises(APIStatusError) as caught:
        await (await client_for(handler)).query("j")
    assert caught.value.message == "invalid api key"
    assert len(calls) == 1


@pytest.mark.parametrize("size", [0, 1, 2, 3, 196_607, 196_608, 196_609, 1_000_003])
async def test_an_inline_image_is_streamed_as_the_exact_data_uri(size):
    seen = []

    async def handler(request: httpx.Request) -> httpx.Response:
        seen.append((request, await request.aread()))
        return httpx.Response(200, json={"code": 0, "data": {"job_id": "j1"}})

    data = bytearray(os.urandom(size))
    prompt = 'Лиса 🦊 says "hi" \\ image-0'
    await (await client_for(handler)).create(
        VideoOptions(), prompt=prompt, image=InlineImage(data, "image/webp"), callback_url="u"
    )
    ((request, body),) = seen
    assert int(request.headers["content-length"]) == len(body)
    assert "transfer-encoding" not in request.headers
    assert request.headers["content-type"] == "application/json"
    sent = json.loads(body)
    assert sent["args"]["image"] == "data:image/webp;base64," + base64.b64encode(data).decode()
    assert sent["args"]["prompt"] == prompt and sent["callback_url"] == "u"


async def test_several_inline_images_are_each_streamed_in_their_place():
    # A video between two photos: the photo and the last frame, each its own data URI, in the
    # order the model declares them whatever order they were given in; the words as they are.
    seen = []

    async def handler(request: httpx.Request) -> httpx.Response:
        seen.append((request, await request.aread()))
        return httpx.Response(200, json={"code": 0, "data": {"job_id": "j1"}})

    first, last = os.urandom(200_001), os.urandom(7)
    frames = MODELS["google/veo-3.1/first-last-frame-to-video"]
    await (await client_for(handler)).create(
        frames.defaults(),
        prompt="p",
        image=InlineImage(first, "image/jpeg"),
        inputs={"image_tail": InlineImage(last, "image/png")},
    )
    ((request, body),) = seen
    assert int(request.headers["content-length"]) == len(body)
    args = json.loads(body)["args"]
    assert args["image"] == "data:image/jpeg;base64," + base64.b64encode(first).decode()
    assert args["image_tail"] == "data:image/png;base64," + base64.b64encode(last).decode()
    assert list(args)[:3] == ["prompt", "image", "image_tail"]
