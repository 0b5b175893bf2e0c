"""The buttons under a video, below Telegram: whose they are, how long they work, and what
Continue needs."""

import io
import time
from decimal import Decimal

import pytest
from PIL import Image

from bot.core.drafts import DraftService
from bot.core.errors import FrameUnreadable, NoFrame, NotYourRequest, UnknownRequest, VideoTooOld
from bot.core.followups import AfterVideo
from storage import DraftStatus, JobStatus
from tests.fakes._video import LAST_COLOUR, real_mp4
from tests.fakes.memory import Videos
from tests.records import open_draft

pytestmark = pytest.mark.sqlite_only


def colour_near(jpeg: bytes, colour: tuple[int, int, int]) -> bool:
    """The picture's centre is that colour (within what JPEG and yuv420p change)."""
    image = Image.open(io.BytesIO(jpeg)).convert("RGB")
    pixel = image.getpixel((image.width // 2, image.height // 2))
    return all(abs(a - b) <= 24 for a, b in zip(pixel, colour, strict=True))


async def delivered_job(db, user_id=1, days_ago=0.0, file_id=None):
    draft = await open_draft(db, user_id)
    job = await db.jobs.create_from_draft(draft.id, user_id, Decimal("0.64"))
    await db.jobs.transition(job.id, JobStatus.SUBMITTING, JobStatus.SUCCEEDED)
    when = time.time() - days_ago * 86400
    return await db.jobs.transition(
        job.id,
        JobStatus.SUCCEEDED,
        JobStatus.DELIVERED,
        delivered_at=when,
        telegram_file_id=file_id,
    )


async def test_again_makes_an_open_card_and_new_prompt_one_that_waits(db):
    after = AfterVideo(db, DraftService(db), Videos())
    job = await delivered_job(db)
    again = await after.again(job.id, 1, chat_id=1, reply_to=9)
    assert (again.status, again.prompt, again.file_id) == (DraftStatus.OPEN, "a cat", "f1")
    waiting = await after.new_prompt(job.id, 1, chat_id=1, reply_to=9)
    assert (waiting.status, waiting.prompt) == (DraftStatus.AWAITING_PROMPT, None)
    assert await db.fetchval("SELECT COUNT(*) FROM jobs") == 1, "nothing made without Generate"


async def test_only_the_owner_of_a_delivered_video_and_only_while_it_is_kept(db):
    after = AfterVideo(db, DraftService(db), Videos())
    job = await delivered_job(db)
    with pytest.raises(NotYourRequest):
        await after.again(job.id, 2, chat_id=2, reply_to=9)
    with pytest.raises(UnknownRequest):
        await after.again(job.id + 100, 1, chat_id=1, reply_to=9)
    old = await delivered_job(db, days_ago=31)
    with pytest.raises(VideoTooOld):
        await after.again(old.id, 1, chat_id=1, reply_to=9)


async def test_continue_needs_the_kept_frame(db):
    after = AfterVideo(db, DraftService(db), Videos())
    job = await delivered_job(db)
    with pytest.raises(NoFrame):
        await after.last_frame(job.id, 1)
    await db.frames.put(job.id, b"\xff\xd8jpeg")
    assert await after.last_frame(job.id, 1) == b"\xff\xd8jpeg"
    nxt = await after.continue_from(job.id, 1, chat_id=1, reply_to=9, file_id="frame-1")
    assert (nxt.file_id, nxt.mime_type, nxt.status) == (
        "frame-1",
        "image/jpeg",
        DraftStatus.AWAITING_PROMPT,
    )


async def test_continue_under_a_video_sent_by_url_reads_its_last_frame_from_telegram(db):
    videos = Videos({"by-url": real_mp4(), "broken": b"not a video"})
    after = AfterVideo(db, DraftService(db), videos)
    job = await delivered_job(db, file_id="by-url")
    frame = await after.last_frame(job.id, 1)
    assert colour_near(frame, LAST_COLOUR), "the last frame, not the first"
    assert await after.last_frame(job.id, 1) == frame
    assert videos.reads == ["by-url"], "kept after the first read"
    broken = await delivered_job(db, file_id="broken")
    with pytest.raises(FrameUnreadable):
        await after.last_frame(broken.id, 1)
    gone = await delivered_job(db, file_id="deleted-at-telegram")
    with pytest.raises(FrameUnreadable):
        await after.last_frame(gone.id, 1)
    assert await db.frames.get(broken.id) is None
