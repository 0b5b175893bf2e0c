"""FakeTelegram's video messages as the real server makes them: it reads a video's size and
length itself only from a file of at most 10 MB (bigger ones show what the sender declared,
else 0), and shows a cover given by a photo's file_id."""

from __future__ import annotations

import pytest
from telegram import Bot
from telegram.error import BadRequest

from tests.fakes import FakeTelegram
from tests.fakes._tg_files import PROBE_BYTES
from tests.fakes._video import padded_mp4, real_mp4
from tests.images import jpeg
from tests.unit.fakes.calls import USER_ID

pytestmark = pytest.mark.asyncio


def shown(tg: FakeTelegram) -> tuple[int, int, int]:
    """The width, height and seconds of the last video in the chat, as the chat shows them."""
    video = tg.bot_messages(USER_ID)[-1]["video"]
    return video["width"], video["height"], video["duration"]


async def test_only_a_small_video_is_read_by_telegram_itself(tg: FakeTelegram, ptb: Bot, ann):
    await ptb.send_video(USER_ID, real_mp4())
    assert shown(tg) == (320, 180, 1)
    big = padded_mp4(PROBE_BYTES + 1)  # the same video, decodable, one byte too big
    await ptb.send_video(USER_ID, big, write_timeout=60)
    assert shown(tg) == (0, 0, 0)
    await ptb.send_video(USER_ID, big, width=1920, height=1080, duration=8, write_timeout=60)
    assert shown(tg) == (1920, 1080, 8)


async def test_a_cover_is_a_photo_by_its_file_id(tg: FakeTelegram, ptb: Bot, ann):
    photo = tg.send_photo(USER_ID, ann, jpeg())["photo"][-1]
    message = await ptb.send_video(USER_ID, real_mp4(), cover=photo["file_id"])
    assert message.video.cover[-1].file_id == photo["file_id"]
    document = tg.send_document(USER_ID, ann, jpeg(), mime_type="image/jpeg", file_name="a.jpg")
    with pytest.raises(BadRequest, match=r"(?i)type of file mismatch"):
        await ptb.send_video(USER_ID, real_mp4(), cover=document["document"]["file_id"])
    with pytest.raises(BadRequest, match=r"(?i)wrong file identifier"):
        await ptb.send_video(USER_ID, real_mp4(), cover="no-such-file-id")
