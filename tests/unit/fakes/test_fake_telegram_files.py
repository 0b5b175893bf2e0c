"""FakeTelegram's files through python-telegram-bot: video uploads and re-sends,
thumbnails, getFile's limits, blocked users, an upload abandoned during a stall."""

from __future__ import annotations

import io

import httpx
import pytest
import telegram
from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError

from tests.fakes import FakeTelegram
from tests.fakes._video import real_mp4
from tests.fakes.telegram import DEFAULT_TOKEN
from tests.images import png
from tests.unit.fakes.calls import USER_ID

pytestmark = pytest.mark.asyncio

TOKEN = DEFAULT_TOKEN  # the `tg` fixture's (tests/conftest.py)


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


async def test_an_upload_abandoned_during_a_stall_is_recorded(
    tg: FakeTelegram, ptb: Bot, ann: dict
) -> None:
    tg.stall_next("sendVideo", seconds=0.5)
    with pytest.raises(telegram.error.TimedOut):
        await ptb.send_video(USER_ID, b"\x00" * 1000, write_timeout=0.1, read_timeout=0.1)
    call = await tg.wait_for_call("sendVideo")
    assert (call.http_status, tg.stalled, tg.uploads) == (499, ["sendVideo"], [])
