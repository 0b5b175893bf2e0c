"""The buttons under a video, below Telegram: whose they are, how long they work, and what
Continue needs."""

import time
from decimal import Decimal

import pytest

from bot.after import AfterVideo, NoFrame, VideoTooOld
from bot.service import DraftService, NotYourRequest, UnknownRequest
from storage import Database, DraftStatus, JobStatus
from tests.records import open_draft


@pytest.fixture
async def db(tmp_path):
    database = await Database.open(tmp_path / "bot.sqlite3")
    yield database
    await database.close()


async def delivered_job(db, user_id=1, days_ago=0.0):
    draft = await open_draft(db, user_id)
    job = await db.jobs.create_from_draft(draft.id, user_id, Decimal("0.64"))
    await db.jobs.transition(job.id, JobStatus.SUBMITTING, JobStatus.SUCCEEDED)
    when = time.time() - days_ago * 86400
    return await db.jobs.transition(
        job.id, JobStatus.SUCCEEDED, JobStatus.DELIVERED, delivered_at=when
    )


async def test_again_makes_an_open_card_and_new_prompt_one_that_waits(db):
    after = AfterVideo(db, DraftService(db))
    job = await delivered_job(db)
    again = await after.again(job.id, 1, chat_id=1, reply_to=9)
    assert (again.status, again.prompt, again.file_id) == (DraftStatus.OPEN, "a cat", "f1")
    waiting = await after.new_prompt(job.id, 1, chat_id=1, reply_to=9)
    assert (waiting.status, waiting.prompt) == (DraftStatus.AWAITING_PROMPT, None)
    assert await db.fetchval("SELECT COUNT(*) FROM jobs") == 1, "nothing made without Generate"


async def test_only_the_owner_of_a_delivered_video_and_only_while_it_is_kept(db):
    after = AfterVideo(db, DraftService(db))
    job = await delivered_job(db)
    with pytest.raises(NotYourRequest):
        await after.again(job.id, 2, chat_id=2, reply_to=9)
    with pytest.raises(UnknownRequest):
        await after.again(job.id + 100, 1, chat_id=1, reply_to=9)
    old = await delivered_job(db, days_ago=31)
    with pytest.raises(VideoTooOld):
        await after.again(old.id, 1, chat_id=1, reply_to=9)


async def test_continue_needs_the_kept_frame(db):
    after = AfterVideo(db, DraftService(db))
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
