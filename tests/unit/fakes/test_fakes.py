"""Tests of the fake servers themselves: PTB must understand FakeTelegram, and FakeShortAPI
must answer like the documented API. If these fail, end-to-end results mean nothing."""

from __future__ import annotations

import asyncio
import datetime as dtm
import io
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
import pytest_asyncio
import telegram
from aiohttp import web
from multidict import CIMultiDict
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, ReplyParameters
from telegram.error import BadRequest, Conflict, Forbidden, NetworkError, RetryAfter

from tests.fakes import FakeShortAPI, FakeTelegram, WebhookDelivery, price
from tests.fakes._video import real_mp4
from tests.fakes.telegram import DEFAULT_TOKEN
from tests.images import png

pytestmark = pytest.mark.asyncio

TOKEN = DEFAULT_TOKEN  # the `tg` fixture's (tests/conftest.py)
USER_ID = 111
PNG_HEADER = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + (640).to_bytes(4, "big") + (480).to_bytes(4, "big")
)


def keyboard(*data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(d, callback_data=d)] for d in data])


@pytest.fixture
def ann(tg: FakeTelegram) -> dict[str, Any]:
    """A user who has started the bot (so their private chat exists)."""
    user = tg.user(USER_ID, "Ann", username="ann")
    tg.send_text(USER_ID, user, "/start")
    return user


# -- FakeTelegram through python-telegram-bot ----------------------------------------------


async def test_get_me_and_auth(tg: FakeTelegram, ptb: Bot) -> None:
    me = await ptb.get_me()
    assert (me.id, me.username, me.is_bot) == (123456, "veo_test_bot", True)
    async with httpx.AsyncClient(base_url=tg.base_url) as anon:
        r = await anon.post("/bot123456:WRONG/getMe")
    assert (r.status_code, r.json()["description"]) == (401, "Unauthorized")
    async with httpx.AsyncClient(base_url=f"{tg.base_url}/bot{TOKEN}") as http:
        r = await http.get("/noSuchMethod")
        assert (r.status_code, r.json()) == (
            404,
            {"ok": False, "error_code": 404, "description": "Not Found"},
        )
        # JSON body, query string and form all work; values are typed like the real server.
        assert (await http.post("/getme")).json()["result"]["id"] == 123456
        await http.post(
            "/setMyCommands", json={"commands": [{"command": "a", "description": "A"}]}
        )
        await http.get("/sendChatAction", params={"chat_id": "5", "action": "typing"})
    assert tg.commands == [{"command": "a", "description": "A"}]
    assert tg.calls_of("sendChatAction")[0].params["chat_id"] == 5


async def test_message_keyboard_edit_and_not_modified(
    tg: FakeTelegram, ptb: Bot, ann: dict[str, Any]
) -> None:
    sent = await ptb.send_message(USER_ID, "Pick one", reply_markup=keyboard("a", "b"))
    assert sent.reply_markup == keyboard("a", "b")
    assert sent.chat.type == "private" and sent.from_user.id == 123456
    with pytest.raises(BadRequest, match=r"(?i)not modified"):
        await ptb.edit_message_text(
            "Pick one", USER_ID, sent.message_id, reply_markup=keyboard("a", "b")
        )
    edited = await ptb.edit_message_text("Done", USER_ID, sent.message_id)
    assert edited.text == "Done" and edited.reply_markup is None  # omitted = removed
    assert [m["text"] for m in tg.edits(USER_ID, sent.message_id)] == ["Pick one"]
    with pytest.raises(BadRequest, match=r"(?i)not modified"):
        await ptb.edit_message_reply_markup(USER_ID, sent.message_id)
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await ptb.edit_message_text("x", USER_ID, 999)
    with pytest.raises(BadRequest, match=r"(?i)message can't be edited"):
        await ptb.edit_message_text("x", USER_ID, 1)  # the user's /start
    assert [m["message_id"] for m in tg.bot_messages(USER_ID)] == [sent.message_id]
    assert sent.message_id == 2  # ids are per chat and shared with the user's messages


async def test_limits_and_parse_modes(tg: FakeTelegram, ptb: Bot, ann: dict[str, Any]) -> None:
    with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):
        await ptb.send_message(USER_ID, "x", reply_markup=keyboard("é" * 33))  # 66 bytes
    await ptb.send_message(USER_ID, "x", reply_markup=keyboard("é" * 32))  # 64 bytes: fine
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await ptb.send_message(USER_ID, "x" * 4097)
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await ptb.send_message(USER_ID, "😀" * 2049)  # 4098 UTF-16 units
    await ptb.send_message(USER_ID, "😀" * 2048)
    with pytest.raises(BadRequest, match=r"(?i)message text is empty"):
        await ptb.send_message(USER_ID, "   ")
    with pytest.raises(BadRequest, match=r"(?i)Unsupported start tag"):
        await ptb.send_message(USER_ID, "1 < 2", parse_mode="HTML")
    with pytest.raises(BadRequest, match=r"(?i)Character '.' is reserved"):
        await ptb.send_message(USER_ID, "Done.", parse_mode="MarkdownV2")
    msg = await ptb.send_message(USER_ID, "<b>Hi</b> &lt;3 😀 <i>x</i>", parse_mode="HTML")
    assert msg.text == "Hi <3 😀 x"
    assert [(e.type, e.offset, e.length) for e in msg.entities] == [
        ("bold", 0, 2),
        ("italic", 9, 1),  # the emoji counts as 2 UTF-16 units
    ]
    with pytest.raises(BadRequest, match=r"(?i)message to be replied not found"):
        await ptb.send_message(USER_ID, "x", reply_parameters=ReplyParameters(999))
    ok = await ptb.send_message(
        USER_ID, "x", reply_parameters=ReplyParameters(999, allow_sending_without_reply=True)
    )
    assert ok.reply_to_message is None
    reply = await ptb.send_message(USER_ID, "x", reply_to_message_id=1)
    assert reply.reply_to_message.text == "/start"
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await ptb.send_message(424242, "nobody talked to the bot here")


def seconds(retry_after: float | dtm.timedelta) -> float:
    """RetryAfter.retry_after as seconds, whichever type this PTB version gives."""
    return retry_after.total_seconds() if isinstance(retry_after, dtm.timedelta) else retry_after


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_retry_after_and_server_error(ptb: Bot, tg: FakeTelegram, ann: dict) -> None:
    tg.fail_next("sendMessage", 429, retry_after=7)
    with pytest.raises(RetryAfter) as info:
        await ptb.send_message(USER_ID, "hi")
    assert seconds(info.value.retry_after) == 7
    assert tg.calls_of("sendMessage")[-1].error == "Too Many Requests: retry after 7"
    # Like Telegram, it keeps refusing that method in that chat until the time is up, and
    # says how long is left; the refusal is recorded like any other attempt.
    with pytest.raises(RetryAfter) as again:
        await ptb.send_message(USER_ID, "too early")
    assert 6 <= seconds(again.value.retry_after) <= 7
    assert [c.http_status for c in tg.calls_of("sendMessage")] == [429, 429]
    assert tg.bot_messages(USER_ID) == []
    # Other methods and other chats are not held up.
    tg.fail_next("sendchataction", 500, times=2)
    for _ in range(2):
        with pytest.raises(NetworkError, match=r"(?i)Internal Server Error"):
            await ptb.send_chat_action(USER_ID, "typing")
    assert await ptb.send_chat_action(USER_ID, "typing")
    bob = tg.user(222, "Bob")
    tg.send_text(222, bob, "/start")
    assert (await ptb.send_message(222, "hi")).text == "hi"


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_a_429_is_lifted_once_retry_after_has_passed(
    ptb: Bot, tg: FakeTelegram, ann: dict
) -> None:
    tg.fail_next("sendMessage", 429, retry_after=1)
    with pytest.raises(RetryAfter):
        await ptb.send_message(USER_ID, "hi")
    refused = tg.calls_of("sendMessage")[-1]
    with pytest.raises(RetryAfter) as early:
        await ptb.send_message(USER_ID, "hi")
    assert seconds(early.value.retry_after) == 1
    await asyncio.sleep(1.05)  # let the second Telegram asked for pass
    assert (await ptb.send_message(USER_ID, "hi")).text == "hi"
    accepted = tg.calls_of("sendMessage")[-1]
    assert [c.http_status for c in tg.calls_of("sendMessage")] == [429, 429, 200]
    assert accepted.time >= refused.time + 1


async def test_updates_photo_press_and_answer(tg: FakeTelegram, ptb: Bot) -> None:
    user = tg.user(USER_ID, "Ann")
    photo = PNG_HEADER + bytes(range(256)) * 40
    tg.send_photo(USER_ID, user, photo, caption="make it move")
    assert tg.pending_updates == 1
    [update] = await ptb.get_updates(timeout=0)
    assert tg.pending_updates == 0
    sizes = update.message.photo
    assert len(sizes) == 3 and update.message.caption == "make it move"
    assert [s.width for s in sizes] == sorted(s.width for s in sizes)
    assert (sizes[-1].width, sizes[-1].height, sizes[-1].file_size) == (640, 480, len(photo))
    file = await ptb.get_file(sizes[-1].file_id)
    assert bytes(await file.download_as_bytearray()) == photo

    sent = await ptb.send_message(USER_ID, "Go?", reply_markup=keyboard("go"))
    query_id = tg.press(USER_ID, user, sent.message_id, "forged:data")
    # Long polling: the request waits and returns once the update exists.
    waiting = asyncio.create_task(ptb.get_updates(offset=update.update_id + 1, timeout=5))
    [pressed] = await asyncio.wait_for(waiting, 3)
    assert pressed.callback_query.data == "forged:data"
    assert pressed.callback_query.message.reply_markup == keyboard("go")
    assert await ptb.answer_callback_query(query_id, "Working…")
    assert tg.callback_answer(query_id) == {
        "text": "Working…",
        "show_alert": False,
        "url": None,
        "cache_time": 0,
    }
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await ptb.answer_callback_query(query_id)

    tg.send_text(USER_ID, user, "/start@veo_test_bot hello")
    [cmd] = await ptb.get_updates(offset=pressed.update_id + 1, timeout=1)
    assert cmd.message.entities[0].type == "bot_command"
    assert cmd.message.entities[0].length == len("/start@veo_test_bot")
    assert await ptb.get_updates(offset=cmd.update_id + 1, timeout=0) == ()
    assert tg.unconfirmed_updates == 0


async def test_concurrent_get_updates_conflict(tg: FakeTelegram, ptb: Bot) -> None:
    # A second bot instance polling: the older long poll is ended with 409.
    async with httpx.AsyncClient(base_url=f"{tg.base_url}/bot{TOKEN}") as other:
        first = asyncio.create_task(other.post("/getUpdates", data={"timeout": "5"}))
        await tg.wait_for(lambda: tg.calls_of("getUpdates"))
        assert await ptb.get_updates(timeout=0) == ()
        answer = await first
    assert answer.status_code == 409
    assert answer.json()["description"].startswith("Conflict: terminated by other getUpdates")
    tg.fail_next("getUpdates", 409)
    with pytest.raises(Conflict):
        await ptb.get_updates()


async def test_polls_open_at_once_from_two_clients_are_noted(tg: FakeTelegram, ptb: Bot) -> None:
    """Two bot instances polling together: the fake notes the overlap (and ends the older)."""
    async with httpx.AsyncClient(base_url=f"{tg.base_url}/bot{TOKEN}") as other:
        first = asyncio.create_task(other.post("/getUpdates", data={"timeout": "5"}))
        await tg.wait_for(lambda: tg.calls_of("getUpdates"))
        assert tg.poll_overlaps == []
        assert await ptb.get_updates(timeout=0) == ()
        assert (await first).status_code == 409
    older, newer = tg.calls_of("getUpdates")
    assert tg.poll_overlaps == [(older, newer)]
    assert await ptb.get_updates(timeout=0) == ()
    assert len(tg.poll_overlaps) == 1, "one poll after another is no overlap"


async def test_a_poll_whose_client_went_away_ends_and_is_no_overlap(
    tg: FakeTelegram, ptb: Bot
) -> None:
    """A process killed in a long poll: its poll ends, and the next poller overlaps nothing;
    the update that arrives then goes to the next poll."""
    user = tg.user(USER_ID, "Ann")
    async with httpx.AsyncClient(base_url=f"{tg.base_url}/bot{TOKEN}") as dying:
        held = asyncio.create_task(dying.post("/getUpdates", data={"timeout": "30"}))
        await tg.wait_for(lambda: tg.calls_of("getUpdates"))
        held.cancel()
        with pytest.raises(asyncio.CancelledError):
            await held
    (gone,) = tg.calls_of("getUpdates")
    await tg.wait_for(lambda: gone.http_status == 499, timeout=5)
    sent = tg.send_text(USER_ID, user, "hello")
    (update,) = await ptb.get_updates(timeout=0)
    assert update.message.text == "hello" and update.message.message_id == sent["message_id"]
    assert tg.poll_overlaps == []


async def test_send_video_upload_and_resend(tg: FakeTelegram, ptb: Bot, ann: dict) -> None:
    data = b"\x00\x00\x00\x18ftypmp42" + bytes(5000)
    msg = await ptb.send_video(
        USER_ID,
        data,
        caption="Your video",
        reply_to_message_id=1,
        filename="v.mp4",
        supports_streaming=True,
    )
    [upload] = tg.uploads
    assert (upload.data, upload.chat_id, upload.reply_to_message_id) == (data, USER_ID, 1)
    assert upload.caption == "Your video" and upload.filename == "v.mp4"
    assert msg.video.file_size == len(data) and msg.reply_to_message.message_id == 1
    again = await ptb.send_video(USER_ID, msg.video.file_id)
    assert again.video.file_unique_id == msg.video.file_unique_id and tg.uploads[1].resent
    file = await ptb.get_file(msg.video.file_id)
    assert bytes(await file.download_as_bytearray()) == data
    with pytest.raises(BadRequest, match=r"(?i)wrong file identifier"):
        await ptb.send_video(USER_ID, "no-such-file-id")
    with pytest.raises(BadRequest, match=r"(?i)message caption is too long"):
        await ptb.send_document(USER_ID, b"abc", caption="c" * 1025)
    # The caption limit counts UTF-16 units: 513 emoji are 1026 of them.
    with pytest.raises(BadRequest, match=r"(?i)message caption is too long"):
        await ptb.send_document(USER_ID, b"abc", caption="🎬" * 513)
    assert (await ptb.send_document(USER_ID, b"abc", caption="🎬" * 512)).caption == "🎬" * 512
    uploads = len(tg.uploads)
    # A refused upload is still an attempt on record, however big its body was.
    big = 60 * 1024 * 1024
    with pytest.raises(NetworkError, match=r"(?i)too large"):
        await ptb.send_video(USER_ID, bytes(big), write_timeout=60)
    call = tg.calls_of("sendVideo")[-1]
    assert call.http_status == 413 and call.files["video"].size == big
    assert call.files["video"].data is None  # drained, not kept
    assert call.params["chat_id"] == USER_ID  # typed, like an accepted call
    assert len(tg.uploads) == uploads and tg.bot_messages(USER_ID)[-1]["caption"] == "🎬" * 512


def real_jpeg(width: int, height: int) -> bytes:
    """A decodable JPEG (tests.images.jpeg() only looks like one)."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), (10, 120, 200)).save(out, format="JPEG")
    return out.getvalue()


async def test_a_video_thumbnail_is_taken_as_an_upload(tg: FakeTelegram, ptb: Bot, ann: dict):
    thumb = real_jpeg(320, 180)  # within Telegram's 320 px and 200 kB
    msg = await ptb.send_video(USER_ID, real_mp4(), thumbnail=thumb, width=320, height=180)
    assert tg.calls_of("sendVideo")[-1].params["thumbnail"].startswith("attach://")  # PTB's way
    assert tg.uploads[-1].thumbnail == thumb and msg.video.thumbnail.width <= 320
    async with httpx.AsyncClient(base_url=f"{tg.base_url}/bot{TOKEN}") as http:
        answer = await http.post(
            "/sendVideo",
            data={"chat_id": str(USER_ID)},
            files={"video": ("v.mp4", real_mp4()), "thumbnail": ("t.jpg", thumb)},
        )
    assert answer.json()["result"]["video"]["thumbnail"]["file_size"] == len(thumb)
    assert tg.uploads[-1].thumbnail == thumb
    # A file_id is no thumbnail (Telegram takes them only as new uploads); nor is a PNG.
    await ptb.send_video(USER_ID, msg.video.file_id, thumbnail=msg.video.thumbnail.file_id)
    assert tg.uploads[-1].thumbnail is None
    for unusable in (png(4, 3), real_jpeg(640, 360)):
        plain = await ptb.send_video(USER_ID, real_mp4(), thumbnail=unusable)
        assert tg.uploads[-1].thumbnail == unusable and plain.video.thumbnail is None


async def test_get_file_limits_and_blocking(tg: FakeTelegram, ptb: Bot, ann: dict) -> None:
    msg = tg.send_document(
        USER_ID,
        ann,
        b"%PDF",
        mime_type="image/png",
        file_name="big.png",
        declared_size=21 * 1024 * 1024,
    )
    with pytest.raises(BadRequest, match=r"(?i)file is too big"):
        await ptb.get_file(msg["document"]["file_id"])
    with pytest.raises(BadRequest, match=r"(?i)invalid file_id"):
        await ptb.get_file("nope")
    small = tg.add_file(b"hello", file_path_hint="documents/a.txt")
    assert (await ptb.get_file(small)).file_path.endswith(".txt")
    tg.block(USER_ID)
    with pytest.raises(Forbidden, match=r"(?i)bot was blocked by the user"):
        await ptb.send_message(USER_ID, "hi")
    tg.unblock(USER_ID)
    assert await ptb.send_chat_action(USER_ID, "upload_video")
    assert tg.chat_actions(USER_ID) == ["upload_video"]
    sent = await ptb.send_message(USER_ID, "bye")
    assert await ptb.delete_message(USER_ID, sent.message_id)
    assert tg.message(USER_ID, sent.message_id) is None
    with pytest.raises(BadRequest, match=r"(?i)message to delete not found"):
        await ptb.delete_message(USER_ID, sent.message_id)


async def test_wait_helpers(tg: FakeTelegram, ptb: Bot, ann: dict) -> None:
    async def later() -> None:
        await ptb.send_message(USER_ID, "first")
        await ptb.send_message(USER_ID, "second")

    task = asyncio.create_task(later())
    assert (await tg.wait_for_bot_message(USER_ID))["text"] == "first"
    found = await tg.wait_for_bot_message(USER_ID, lambda m: m["text"] == "second")
    assert found["message_id"] == 3
    await task
    with pytest.raises(AssertionError, match=r"(?i)sendMessage"):  # recent calls are shown
        await tg.wait_for(lambda: False, timeout=0.05)
    with pytest.raises(BadRequest, match=r"(?i)BOT_COMMAND_INVALID"):
        await ptb.set_my_commands([("Start", "Begin")])


# -- FakeShortAPI through httpx -------------------------------------------------------------

KEY = "sk-test-key-0123456789"
MODEL = "google/veo-3.1/image-to-video"
IMAGE = "data:image/png;base64,iVBORw0KGgo="


@pytest_asyncio.fixture
async def api() -> AsyncIterator[FakeShortAPI]:
    async with FakeShortAPI(KEY) as fake:
        yield fake


@pytest_asyncio.fixture
async def http(api: FakeShortAPI) -> AsyncIterator[httpx.AsyncClient]:
    headers = {"Authorization": f"Bearer {KEY}"}
    async with httpx.AsyncClient(base_url=api.base_url, headers=headers) as client:
        yield client


def body(**args: Any) -> dict[str, Any]:
    return {"model": MODEL, "args": {"mode": "fast", "prompt": "waves", "image": IMAGE, **args}}


async def create(http: httpx.AsyncClient, payload: dict[str, Any]) -> dict[str, Any]:
    r = await http.post("/api/v1/job/create", json=payload)
    assert r.status_code == 200
    return r.json()


async def query(http: httpx.AsyncClient, job_id: str) -> dict[str, Any]:
    return (await http.get("/api/v1/job/query", params={"id": job_id})).json()


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


async def test_ptb_application_round_trip(tg: FakeTelegram) -> None:
    """A whole PTB Application polling the fake: command, button press, answer, edit."""
    from telegram import Update
    from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.message.reply_text("Hello", reply_markup=keyboard("go"), do_quote=True)

    async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.callback_query.answer("ok")
        await update.callback_query.edit_message_text(f"pressed {update.callback_query.data}")

    app = (
        Application.builder()
        .token(TOKEN)
        .base_url(f"{tg.base_url}/bot")
        .base_file_url(f"{tg.base_url}/file/bot")
        .build()
    )
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(pressed))
    user = tg.user(USER_ID)
    async with app:
        await app.start()
        await app.updater.start_polling(poll_interval=0, timeout=5)
        try:
            tg.send_text(USER_ID, user, "/start")
            hello = await tg.wait_for_bot_message(USER_ID)
            assert hello["text"] == "Hello" and hello["reply_to_message"]["text"] == "/start"
            query_id = tg.press(USER_ID, user, hello["message_id"], "go")
            assert (await tg.wait_for_answer(query_id))["text"] == "ok"
            mid = hello["message_id"]
            await tg.wait_for(lambda: tg.message(USER_ID, mid)["text"] == "pressed go")
        finally:
            await app.updater.stop()
            await app.stop()
    assert tg.pending_updates == 0 and tg.unconfirmed_updates == 0


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


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_flood_control_refuses_every_write_to_the_chat_until_retry_after(
    tg: FakeTelegram, ptb: Bot, ann: dict
) -> None:
    bob = tg.user(222, "Bob")
    tg.send_text(222, bob, "/start")
    tg.flood_control(2, per_seconds=1)
    first = await ptb.send_message(USER_ID, "one")
    await ptb.send_message(USER_ID, "two")
    with pytest.raises(RetryAfter) as info:
        await ptb.send_message(USER_ID, "three")
    assert seconds(info.value.retry_after) == 1
    with pytest.raises(RetryAfter):
        await ptb.edit_message_text("one, edited", USER_ID, first.message_id)
    assert (await ptb.send_message(222, "another chat")).text == "another chat"
    await asyncio.sleep(1.05)
    assert (await ptb.send_message(USER_ID, "three")).text == "three"
    statuses = [c.http_status for c in tg.calls if c.params.get("chat_id") == USER_ID]
    assert statuses[-5:] == [200, 200, 429, 429, 200]


async def test_an_upload_abandoned_during_a_stall_is_recorded(
    tg: FakeTelegram, ptb: Bot, ann: dict
) -> None:
    tg.stall_next("sendVideo", seconds=0.5)
    with pytest.raises(telegram.error.TimedOut):
        await ptb.send_video(USER_ID, b"\x00" * 1000, write_timeout=0.1, read_timeout=0.1)
    call = await tg.wait_for_call("sendVideo")
    assert (call.http_status, tg.stalled, tg.uploads) == (499, ["sendVideo"], [])


# -- outbound requests: webhooks, image fetches, callbacks ---------------------------------

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


@dataclass
class Received:
    """One request the receiver got."""

    method: str
    path: str
    headers: CIMultiDict[str]
    body: bytes


@dataclass
class Receiver:
    """A tiny HTTP server standing in for the bot's side: records requests, answers as told."""

    url: str = ""
    requests: list[Received] = field(default_factory=list)
    answers: list[int] = field(default_factory=list)  # statuses for the next POSTs, then 200
    secret: str | None = None  # POSTs without this secret header get 403, as the bot does
    files: dict[str, tuple[bytes, str]] = field(default_factory=dict)  # GET path -> content

    def posts(self) -> list[Received]:
        """The POST requests received, oldest first."""
        return [r for r in self.requests if r.method == "POST"]

    async def handle(self, request: web.Request) -> web.StreamResponse:
        """Record the request; serve `files` to GETs, `answers` to POSTs."""
        body = await request.read()
        self.requests.append(
            Received(request.method, request.path, CIMultiDict(request.headers), body)
        )
        if request.method == "GET":
            if request.path == "/moved":
                raise web.HTTPFound("/img.png")
            if request.path not in self.files:
                return web.Response(status=404, text="Not Found")
            data, ctype = self.files[request.path]
            return web.Response(body=data, content_type=ctype)
        if self.secret is not None and request.headers.get(SECRET_HEADER) != self.secret:
            return web.Response(status=403)
        return web.Response(status=self.answers.pop(0) if self.answers else 200)


@pytest_asyncio.fixture
async def receiver() -> AsyncIterator[Receiver]:
    """A Receiver listening on 127.0.0.1, for the fakes to call."""
    rec = Receiver()
    app = web.Application()
    app.router.add_route("*", "/{path:.*}", rec.handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    rec.url = f"http://127.0.0.1:{runner.addresses[0][1]}"
    yield rec
    await runner.cleanup()


async def test_webhook_push_retry_and_delete(tg: FakeTelegram, ptb: Bot, receiver: Receiver):
    user = tg.user(USER_ID, "Ann")
    url, receiver.secret = f"{receiver.url}/hook", "s3cr3t_-X"
    with pytest.raises(BadRequest, match=r"(?i)secret token contains unallowed characters"):
        await ptb.set_webhook(url, secret_token="no spaces")
    with pytest.raises(BadRequest, match=r"(?i)HTTPS URL must be provided"):
        await ptb.set_webhook("ftp://127.0.0.1/hook")
    # Setting a webhook ends a long poll in progress.
    held = asyncio.create_task(ptb.get_updates(timeout=5))
    await tg.wait_for(lambda: tg.calls_of("getUpdates"))
    assert await ptb.set_webhook(url, secret_token="s3cr3t_-X", allowed_updates=["message"])
    with pytest.raises(Conflict, match="terminated by setWebhook request"):
        await held
    assert tg.webhook == {"url": url, "secret_token": "s3cr3t_-X", "allowed_updates": ["message"]}
    with pytest.raises(Conflict, match="can't use getUpdates method while webhook is active"):
        await ptb.get_updates()

    receiver.answers = [500]
    sent = tg.send_text(USER_ID, user, "hello")
    await tg.wait_for(lambda: tg.unconfirmed_updates == 0)
    failed, delivered = receiver.posts()
    assert failed.body == delivered.body and delivered.path == "/hook"
    assert delivered.headers[SECRET_HEADER] == "s3cr3t_-X"
    assert delivered.headers["Content-Type"] == "application/json"
    update = telegram.Update.de_json(json.loads(delivered.body), ptb)
    assert update.message.text == "hello" and update.message.message_id == sent["message_id"]
    assert tg.webhook_deliveries == [
        WebhookDelivery(
            update.update_id, 500, "Wrong response from the webhook: 500 Internal Server Error"
        ),
        WebhookDelivery(update.update_id, 200, None),
    ]
    info = await ptb.get_webhook_info()
    assert (info.url, info.pending_update_count, info.allowed_updates) == (url, 0, ("message",))
    assert info.last_error_message.endswith("500 Internal Server Error")
    # A forged request: the receiver's own answer comes back, nothing is queued.
    assert await tg.post_raw_update({"update_id": 1, "message": {}}, "wrong") == 403
    assert await tg.post_raw_update({"update_id": 1, "message": {}}, None) == 403
    assert len(receiver.posts()) == 4 and tg.unconfirmed_updates == 0

    assert await ptb.delete_webhook()
    assert tg.webhook is None and (await ptb.get_webhook_info()).url == ""
    tg.send_text(USER_ID, user, "after")
    [polled] = await ptb.get_updates(timeout=0)
    assert polled.message.text == "after"
    assert len(receiver.posts()) == 4 and len(tg.webhook_deliveries) == 2


async def test_webhook_allowed_updates_and_giving_up(
    tg: FakeTelegram, ptb: Bot, receiver: Receiver
) -> None:
    tg.webhook_max_attempts, tg.webhook_retry_delay = 3, 0.05
    user = tg.user(USER_ID, "Ann")
    tg.send_text(USER_ID, user, "queued before")
    await ptb.set_webhook(f"{receiver.url}/hook", allowed_updates=["callback_query"])
    await tg.wait_for(lambda: tg.unconfirmed_updates == 0)
    assert receiver.posts() == []  # a message, not asked for: never delivered
    receiver.answers = [502] * 3
    query_id = tg.press(USER_ID, user, 1, "go")
    await tg.wait_for(lambda: tg.webhook_dropped)
    assert [d.status for d in tg.webhook_deliveries] == [502] * 3
    assert tg.unconfirmed_updates == 0 and SECRET_HEADER not in receiver.posts()[0].headers
    assert json.loads(receiver.posts()[0].body)["callback_query"]["id"] == query_id
    # Nobody listening: a connection error, retried like a bad answer.
    await ptb.set_webhook("http://127.0.0.1:9/hook", drop_pending_updates=True)
    tg.press(USER_ID, user, 1, "again")
    await tg.wait_for(lambda: len(tg.webhook_dropped) == 2)
    assert tg.webhook_deliveries[-1].status is None
    assert tg.webhook_deliveries[-1].error == "Connection refused"


async def test_shortapi_fetches_image_urls(
    http: httpx.AsyncClient, api: FakeShortAPI, receiver: Receiver
) -> None:
    image = PNG_HEADER + bytes(range(256))
    receiver.files["/img.png"] = (image, "image/png")
    answer = await create(http, body(image=f"{receiver.url}/img.png"))
    assert answer["code"] == 0
    [fetch] = api.image_fetches
    assert (fetch.status, fetch.data, fetch.content_type) == (200, image, "image/png")
    for url in (
        f"{receiver.url}/missing.png",
        f"{receiver.url}/moved",
        "https://example.com/a.png",
    ):
        answer = await create(http, body(image=url))
        assert answer == {"code": 400, "message": "failed to fetch image"}
    assert [f.status for f in api.image_fetches] == [200, 404, 302, None]
    assert "loopback" in (api.image_fetches[-1].error or "") and len(api.jobs) == 1


async def test_shortapi_callbacks(
    http: httpx.AsyncClient, api: FakeShortAPI, receiver: Receiver
) -> None:
    callback = {**body(), "callback_url": f"{receiver.url}/cb"}
    # By hand: the current status is sent, and the script does not move on.
    manual = (await create(http, callback))["data"]["job_id"]
    assert (await query(http, manual))["data"] == {"status": 0}
    assert await api.fire_callback(manual) == 200
    assert json.loads(receiver.posts()[-1].body) == {"job_id": manual, "status": 1}
    assert (await query(http, manual))["data"] == {"status": 1}
    receiver.answers = [418]
    assert await api.fire_callback(manual, {"anything": True}) == 418
    assert api.callbacks == [(manual, 200), (manual, 418)]
    with pytest.raises(ValueError, match="no callback_url"):
        await api.fire_callback((await create(http, body()))["data"]["job_id"])

    # By itself: the job ends on a timer and calls back once.
    # A second, not less: three queries of a loaded machine (six test workers on two cores)
    # took over 0.2 s once, and the job had ended before the third.
    api.auto_callback, api.finish_after = True, 1.0
    auto = (await create(http, callback))["data"]["job_id"]
    assert [(await query(http, auto))["data"]["status"] for _ in range(3)] == [0, 1, 1]
    await api.wait_for(lambda: len(api.callbacks) == 3, timeout=5)
    assert api.callbacks[-1] == (auto, 200)
    assert json.loads(receiver.posts()[-1].body) == {"job_id": auto, "status": 2}
    assert (await query(http, auto))["data"]["status"] == 2
    await asyncio.sleep(0.05)
    assert len(api.callbacks) == 3 and len(receiver.posts()) == 3


async def test_a_second_port_serves_the_same_fake_and_queries_say_which_port(shortapi):
    other = await shortapi.listen_also()
    headers = {"Authorization": f"Bearer {shortapi.api_key}"}
    async with httpx.AsyncClient(headers=headers) as http:
        for base in (shortapi.base_url, other):
            answer = await http.get(f"{base}/api/v1/job/query", params={"id": "nope"})
            assert answer.json()["code"] == 404
    ports = [port for _, _, port in shortapi.query_log]
    assert ports == [shortapi.port, int(other.rsplit(":", 1)[1])]
