"""Delivery by the job engine: a finished video reaches the chat by its URL, as an upload, or
as a link, whatever Telegram refuses on the way; with a recording stand-in for Telegram."""

import asyncio
import time

import pytest

from bot.core.followups import KEEP_FOR
from bot.jobs import DeliveryError
from bot.veo import Shape
from storage import JobStatus
from tests.fakes._video import video_bytes
from tests.unit.jobs.harness import make_runner, new_job, run_until_terminal

pytestmark = pytest.mark.sqlite_only


async def test_a_video_telegram_takes_by_its_url_is_never_downloaded(db, http, shortapi, chat):
    chat.by_url = True
    runner = make_runner(db, http, shortapi, chat)
    job = await runner.submit(await new_job(db))
    done = await run_until_terminal(runner, db, job.id)
    assert done.status is JobStatus.DELIVERED and done.telegram_file_id == f"video-{job.id}"
    assert chat.video_urls == [done.result_url] and chat.videos == []
    # Described by its options (720p, 16:9, 8 s): Telegram reads no big file itself.
    assert chat.url_shapes == [Shape(8, 1280, 720)]
    assert shortapi.downloads == [] and await db.frames.get(job.id) is None


async def test_a_chat_that_refuses_the_video_by_url_fails_the_job(db, http, shortapi, chat):
    chat.by_url = True
    chat.send_error = DeliveryError("bot was blocked by the user", permanent=True)
    runner = make_runner(db, http, shortapi, chat)
    job = await runner.submit(await new_job(db))
    done = await run_until_terminal(runner, db, job.id)
    assert done.status is JobStatus.FAILED and done.error.startswith("undeliverable")
    assert shortapi.downloads == [] and chat.links == []


async def test_a_video_over_the_upload_limit_is_sent_as_a_link(db, http, shortapi, chat):
    runner = make_runner(db, http, shortapi, chat, upload_limit=1000)
    job = await runner.submit(await new_job(db))
    done = await run_until_terminal(runner, db, job.id)
    assert done.status is JobStatus.DELIVERED
    assert chat.videos == [] and chat.links == [done.result_url]
    assert await db.frames.get(job.id) is None, "no file kept, so no frame"


async def test_a_video_nothing_can_decode_is_still_delivered_without_its_details(
    db, http, shortapi, chat
):
    shortapi.video_bytes = video_bytes(8 * 1024)  # an MP4 header, then random bytes
    runner = make_runner(db, http, shortapi, chat)
    job = await runner.submit(await new_job(db))
    done = await run_until_terminal(runner, db, job.id)
    assert done.status is JobStatus.DELIVERED and chat.videos == [video_bytes(8 * 1024)]
    assert (chat.video_infos, chat.thumbnails) == ([None], [None])
    assert await db.frames.get(job.id) is None


async def test_frames_past_their_time_are_forgotten_at_the_next_delivery(db, http, shortapi, chat):
    old, recent = await new_job(db), await new_job(db)
    for earlier, age in ((old, KEEP_FOR + 60), (recent, KEEP_FOR - 60)):
        await db.frames.put(earlier.id, b"jpeg")
        await db.execute(
            "UPDATE job_frames SET created_at = $1 WHERE job_id = $2",
            time.time() - age,
            earlier.id,
        )
    runner = make_runner(db, http, shortapi, chat)
    job = await runner.submit(await new_job(db))
    assert (await run_until_terminal(runner, db, job.id)).status is JobStatus.DELIVERED
    assert await db.frames.get(old.id) is None
    assert await db.frames.get(recent.id) == b"jpeg"
    assert await db.frames.get(job.id) is not None


async def test_telegram_faults_on_the_upload_are_outlasted(db, http, shortapi, chat):
    runner = make_runner(db, http, shortapi, chat)
    job = await runner.submit(await new_job(db))
    chat.send_error = DeliveryError("Bad Gateway", permanent=False)
    for _ in range(300):
        await runner.start_due()
        await runner.drain()
        if (await db.jobs.get(job.id)).poll_failures >= 8:
            break
        await asyncio.sleep(0.01)
    assert (await db.jobs.get(job.id)).status is JobStatus.SUCCEEDED
    chat.send_error = None
    done = await run_until_terminal(runner, db, job.id, rounds=2000)
    assert done.status is JobStatus.DELIVERED and len(chat.videos) == 1
    assert chat.delays == ["telegram"] and chat.failures == []


async def test_when_delivery_faults_outlast_the_deadline_the_link_is_sent(
    db, http, shortapi, chat
):
    runner = make_runner(db, http, shortapi, chat, delivery_timeout=0.2)
    job = await runner.submit(await new_job(db))
    chat.send_error = DeliveryError("Bad Gateway", permanent=False)
    done = await run_until_terminal(runner, db, job.id, rounds=2000)
    assert done.status is JobStatus.DELIVERED and chat.links == [done.result_url]


async def test_a_video_refused_in_every_form_arrives_as_a_link(db, http, shortapi, chat):
    chat.send_error = DeliveryError("refused in every form", permanent=False, refused=True)
    runner = make_runner(db, http, shortapi, chat)
    job = await runner.submit(await new_job(db))
    done = await run_until_terminal(runner, db, job.id)
    assert done.status is JobStatus.DELIVERED and chat.links == [done.result_url]
    assert await db.frames.get(job.id) is None, "a link keeps no frame"


async def test_a_chat_that_refuses_the_video_fails_the_job(db, http, shortapi, chat):
    chat.send_error = DeliveryError("bot was blocked by the user", permanent=True)
    runner = make_runner(db, http, shortapi, chat)
    job = await runner.submit(await new_job(db))
    done = await run_until_terminal(runner, db, job.id)
    assert done.status is JobStatus.FAILED and done.error.startswith("undeliverable")


async def test_a_failed_download_is_retried_until_delivered(db, http, shortapi, chat):
    shortapi.fail_next_download(http_status=503, times=2)
    runner = make_runner(db, http, shortapi, chat)
    job = await runner.submit(await new_job(db))
    done = await run_until_terminal(runner, db, job.id)
    assert done.status is JobStatus.DELIVERED
    assert len(chat.videos) == 1 and len(shortapi.downloads) == 3


async def test_a_succeeded_job_left_undelivered_is_delivered_by_the_next_runner(
    db, http, shortapi, chat
):
    first = make_runner(db, http, shortapi, chat)
    job = await first.submit(await new_job(db))
    await db.jobs.transition(
        job.id,
        JobStatus.QUEUED,
        JobStatus.SUCCEEDED,
        result_url=await _result_url(shortapi, job),
        next_poll_at=0.0,
    )  # as if the process died between recording success and sending the video
    second = make_runner(db, http, shortapi, chat)
    await second.resume()
    done = await run_until_terminal(second, db, job.id)
    assert done.status is JobStatus.DELIVERED and len(chat.videos) == 1


async def _result_url(shortapi, job) -> str:
    return f"{shortapi.base_url}/files/{shortapi.jobs[job.provider_job_id].file_name}"
