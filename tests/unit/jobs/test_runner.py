"""JobRunner against the fake ShortAPI over real HTTP, with a recording stand-in for Telegram."""

import asyncio
import time
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from bot.core.drafts import DraftService, IncomingImage, TelegramUser
from bot.core.followups import KEEP_FOR
from bot.jobs import DeliveryError, JobRunner, PollPolicy
from bot.media.video import VideoInfo
from bot.veo import ShortAPIClient
from storage import Job, JobStatus
from tests.fakes._video import LAST_COLOUR, video_bytes
from tests.fakes.memory import Images, RecordingNotifier
from tests.images import jpeg
from tests.media import assert_colour, decoded
from tests.process import API_KEY

pytestmark = pytest.mark.sqlite_only


@pytest.fixture
async def http():
    async with httpx.AsyncClient(timeout=httpx.Timeout(2.0)) as client:
        yield client


@pytest.fixture
def chat():
    return RecordingNotifier()


def make_runner(
    db,
    http,
    shortapi,
    chat,
    *,
    base_url=None,
    upload_limit=50 * 1024**2,
    files=None,
    timeout=60.0,
    late_grace=60.0,
    delivery_timeout=0.0,
):
    api = ShortAPIClient(
        http, base_url=base_url or shortapi.base_url, api_key=API_KEY, backoff=0.01
    )
    images = Images(files if files is not None else {"photo": jpeg()})
    policy = PollPolicy(
        interval=0.01,
        max_interval=0.02,
        timeout=timeout,
        late_grace=late_grace,
        delivery_timeout=delivery_timeout,
    )
    return JobRunner(
        db,
        api,
        http,
        images,
        chat,
        policy=policy,
        upload_limit=upload_limit,
        download_dir=db_dir(db) / "downloads",
    )


def db_dir(db) -> Path:
    return Path(db.path).parent


async def new_job(db, file_id="photo") -> Job:
    drafts = DraftService(db)
    draft = await drafts.start(
        user=TelegramUser(7, "Ann", None),
        chat_id=7,
        source_message_id=1,
        image=IncomingImage(file_id, "image/jpeg", 100),
        caption="a cat",
    )
    await drafts.attach_message(draft.id, 2)
    return await drafts.generate(draft.id, 7)


async def run_until_terminal(runner, db, job_id, rounds=200):
    for _ in range(rounds):
        await runner.start_due()
        await runner.drain()
        job = await db.jobs.get(job_id)
        if job.terminal:
            return job
        await asyncio.sleep(0.01)  # let due times come round
    raise AssertionError(f"job still {job.status}")


async def test_submit_records_the_provider_job_and_amount(db, http, shortapi, chat):
    runner = make_runner(db, http, shortapi, chat)
    job = await runner.submit(await new_job(db))
    assert job.status is JobStatus.QUEUED
    assert job.provider_job_id in shortapi.jobs
    assert job.amount == Decimal("0.64") == job.price
    done = await run_until_terminal(runner, db, job.id)
    assert done.status is JobStatus.DELIVERED
    assert done.telegram_file_id == f"video-{job.id}"
    assert chat.videos == [shortapi.jobs[job.provider_job_id].video_content()]
    # Read from the file: the fake's real MP4. Its last frame is kept for "Continue".
    assert chat.video_infos == [VideoInfo(320, 180, 1)]
    assert decoded(chat.thumbnails[0]).size == (320, 180)
    frame = decoded(await db.frames.get(job.id))
    assert frame.size == (320, 180)
    assert_colour(frame, LAST_COLOUR)
    assert JobStatus.GENERATING in chat.statuses
    queries = len(shortapi.queries)
    await runner.start_due()
    await runner.drain()
    assert len(shortapi.queries) == queries, "no query after a terminal state"


async def test_refused_create_fails_with_the_api_reason(db, http, shortapi, chat):
    shortapi.fail_next_create(code=4002, message="insufficient balance")
    job = await make_runner(db, http, shortapi, chat).submit(await new_job(db))
    assert job.status is JobStatus.FAILED
    assert chat.failures == ["refused: insufficient balance"]


async def test_create_timeout_is_outcome_unknown_and_never_resent(db, http, shortapi, chat):
    shortapi.fail_next_create(http_status=None, delay=3.0)  # longer than the client's 2 s
    runner = make_runner(db, http, shortapi, chat)
    job = await runner.submit(await new_job(db))
    assert job.status is JobStatus.UNKNOWN
    assert chat.failures and chat.failures[0].startswith("outcome_unknown")
    await runner.resume()
    await runner.start_due()
    await runner.drain()
    assert len(shortapi.creates) == 1


async def test_unreachable_api_fails_without_charging(db, http, shortapi, chat):
    runner = make_runner(db, http, shortapi, chat, base_url="http://127.0.0.1:9")
    job = await runner.submit(await new_job(db))
    assert job.status is JobStatus.FAILED
    assert chat.failures[0].startswith("unreachable")


async def test_a_file_that_is_not_an_image_is_never_sent(db, http, shortapi, chat):
    runner = make_runner(db, http, shortapi, chat, files={"photo": b"%PDF-1.4 not an image"})
    job = await runner.submit(await new_job(db))
    assert job.status is JobStatus.FAILED and chat.failures == ["bad_image:"]
    assert shortapi.creates == []


async def test_a_photo_telegram_cannot_serve_fails_the_job(db, http, shortapi, chat):
    runner = make_runner(db, http, shortapi, chat, files={})
    job = await runner.submit(await new_job(db))
    assert job.status is JobStatus.FAILED and chat.failures[0].startswith("photo_unavailable")
    assert shortapi.creates == []


async def test_after_a_crash_during_create_the_job_is_unknown_not_resubmitted(
    db, http, shortapi, chat
):
    job = await new_job(db)
    # The process "died" after recording that the create request was leaving.
    await db.jobs.transition(job.id, JobStatus.SUBMITTING, JobStatus.CREATING)
    runner = make_runner(db, http, shortapi, chat)
    await runner.resume()
    await runner.drain()
    assert (await db.jobs.get(job.id)).status is JobStatus.UNKNOWN
    assert chat.failures[0].startswith("outcome_unknown")
    assert shortapi.creates == []


async def test_after_a_crash_before_the_create_call_the_job_is_submitted_again(
    db, http, shortapi, chat
):
    job = await new_job(db)  # written as submitting: the photo was still being fetched
    runner = make_runner(db, http, shortapi, chat)
    await runner.resume()
    await runner.drain()
    assert len(shortapi.creates) == 1 and chat.failures == []
    done = await run_until_terminal(runner, db, job.id)
    assert done.status is JobStatus.DELIVERED and len(chat.videos) == 1


async def test_an_undocumented_status_fails_the_job(db, http, shortapi, chat):
    shortapi.script([0, {"status": 7, "message": "moderation"}])
    runner = make_runner(db, http, shortapi, chat)
    job = await runner.submit(await new_job(db))
    done = await run_until_terminal(runner, db, job.id)
    assert done.status is JobStatus.FAILED
    assert done.error == "provider_failed: moderation"


async def test_query_faults_are_outlasted_and_the_user_is_told_once(db, http, shortapi, chat):
    runner = make_runner(db, http, shortapi, chat)
    job = await runner.submit(await new_job(db))
    shortapi.fail_next_query(http_status=500, times=40)  # 10 tries of 4 queries each
    done = await run_until_terminal(runner, db, job.id, rounds=2000)
    assert done.status is JobStatus.DELIVERED and len(chat.videos) == 1
    assert chat.delays == ["api"] and chat.failures == []


async def test_query_faults_past_the_deadline_end_in_a_message(db, http, shortapi, chat):
    runner = make_runner(db, http, shortapi, chat, timeout=0.2, late_grace=0.1)
    job = await runner.submit(await new_job(db))
    shortapi.fail_next_query(http_status=500, times=10_000)
    done = await run_until_terminal(runner, db, job.id, rounds=2000)
    assert done.status is JobStatus.EXPIRED and done.error.startswith("no_answer")
    assert chat.failures == [done.error]


async def test_a_job_the_api_does_not_know_fails_at_once(db, http, shortapi, chat):
    runner = make_runner(db, http, shortapi, chat)
    job = await runner.submit(await new_job(db))
    del shortapi.jobs[job.provider_job_id]  # the fake answers code 404 "job not found"
    done = await run_until_terminal(runner, db, job.id)
    assert done.status is JobStatus.FAILED and done.error.startswith("lost")
    assert chat.delays == []


async def test_a_video_telegram_takes_by_its_url_is_never_downloaded(db, http, shortapi, chat):
    chat.by_url = True
    runner = make_runner(db, http, shortapi, chat)
    job = await runner.submit(await new_job(db))
    done = await run_until_terminal(runner, db, job.id)
    assert done.status is JobStatus.DELIVERED and done.telegram_file_id == f"video-{job.id}"
    assert chat.video_urls == [done.result_url] and chat.videos == []
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


def test_poll_delays_grow_to_the_cap_and_never_exceed_it():
    policy = PollPolicy(interval=10, max_interval=20, timeout=1800, late_grace=3600)
    for _ in range(200):
        first = policy.delay(0)
        assert 8.5 <= first <= 10
        assert all(policy.delay(n) <= 20 for n in range(30))
    assert min(policy.delay(1) for _ in range(50)) > 10  # it grows: 15 s, jittered down
    assert max(policy.delay(9) for _ in range(50)) > 17  # and reaches the cap


async def wait_status(runner, db, job_id, status, rounds=300):
    for _ in range(rounds):
        await runner.start_due()
        await runner.drain()
        job = await db.jobs.get(job_id)
        if job.status is status:
            return job
        await asyncio.sleep(0.01)
    raise AssertionError(f"job never reached {status}; it is {job.status}")


async def test_past_the_deadline_the_user_is_told_and_a_late_video_still_arrives(
    db, http, shortapi, chat
):
    shortapi.script([1])  # generating for ever, until the test says otherwise
    runner = make_runner(db, http, shortapi, chat, timeout=0.05, late_grace=30)
    job = await runner.submit(await new_job(db))
    overdue = await wait_status(runner, db, job.id, JobStatus.OVERDUE)
    assert chat.failures == ["expired: 0/0"]
    assert overdue.status not in (JobStatus.DELIVERED, JobStatus.FAILED)
    late = shortapi.jobs[job.provider_job_id]
    late.script, late.step = [2], 0
    done = await run_until_terminal(runner, db, job.id)
    assert done.status is JobStatus.DELIVERED and len(chat.videos) == 1


async def test_after_the_grace_period_nobody_queries_any_more(db, http, shortapi, chat):
    shortapi.script([1])
    runner = make_runner(db, http, shortapi, chat, timeout=0.05, late_grace=0.1)
    job = await runner.submit(await new_job(db))
    done = await run_until_terminal(runner, db, job.id)
    assert done.status is JobStatus.EXPIRED
    queries = len(shortapi.queries)
    for _ in range(5):
        await runner.start_due()
        await runner.drain()
    assert len(shortapi.queries) == queries
    assert chat.videos == [] and len(chat.failures) == 1
    assert chat.stars_back == [], "paid in USD: no Stars to give back"


async def test_a_video_paid_in_stars_that_never_came_gives_them_back(db, http, shortapi, chat):
    from bot.core.pricing import StarPricing
    from storage import LedgerKind

    shortapi.script([1])
    runner = make_runner(db, http, shortapi, chat, timeout=0.05, late_grace=0.1)
    await db.ledger.credit(7, LedgerKind.GRANT, 64, "admin:1")
    drafts = DraftService(db, pricing=StarPricing(Decimal(100)))
    draft = await drafts.start(
        user=TelegramUser(7, "Ann", None),
        chat_id=7,
        source_message_id=1,
        image=IncomingImage("photo", "image/jpeg", 100),
        caption="a cat",
    )
    await drafts.attach_message(draft.id, 2)
    job = await runner.submit(await drafts.generate(draft.id, 7))
    assert await db.ledger.balance(7) == 0
    done = await run_until_terminal(runner, db, job.id)
    assert done.status is JobStatus.EXPIRED and chat.stars_back == [job.id]
    assert await db.ledger.balance(7) == 64


async def test_a_download_that_trickles_for_ever_is_cut_off(tmp_path, http, shortapi, chat):
    from bot.veo.download import DownloadError, download_to_file

    shortapi.fail_next_download(http_status=None, delay=5)  # the server sits on the request
    url = f"{shortapi.base_url}/files/none.mp4"
    with pytest.raises(DownloadError, match="took over"):
        await download_to_file(http, url, max_bytes=10, directory=tmp_path, total_timeout=0.2)
    assert list(tmp_path.iterdir()) == []


async def test_a_bug_in_one_step_puts_the_job_off_instead_of_looping(db, http, shortapi, chat):
    runner = make_runner(db, http, shortapi, chat)
    job = await runner.submit(await new_job(db))

    async def broken(job_id):
        raise RuntimeError("a bug nobody planned for")

    runner._api.query = broken
    await asyncio.sleep(0.03)  # the job is due
    started = time.time()
    assert await runner.start_due() == 1
    await runner.drain()
    after = await db.jobs.get(job.id)
    assert after.next_poll_at >= started + 0.02  # put off by the cap, not due again at once
    assert after.status is JobStatus.QUEUED
