"""JobRunner against the fake ShortAPI over real HTTP, with a recording stand-in for Telegram."""

import asyncio
import operator
import time
from decimal import Decimal

import pytest
from prometheus_client import REGISTRY

from bot.core.drafts import DraftService, IncomingImage, TelegramUser
from bot.jobs import PollPolicy
from bot.media.video import VideoInfo
from storage import JobStatus
from tests.fakes._video import LAST_COLOUR
from tests.media import assert_colour, decoded
from tests.unit.jobs.harness import make_runner, new_job, run_until_terminal

pytestmark = pytest.mark.sqlite_only


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


async def test_the_jobs_metrics_count_each_job_under_its_model(db, http, shortapi, chat):
    drafts = DraftService(db)
    from_text = await drafts.from_text(
        user=TelegramUser(7, "Ann", None), chat_id=7, source_message_id=3, text="a paper boat"
    )
    await drafts.attach_message(from_text.id, 4)
    jobs = [await new_job(db), await drafts.generate(from_text.id, 7)]
    assert len({job.model for job in jobs}) == 2

    def counted(model: str) -> tuple[float, ...]:
        """Jobs created, jobs delivered and USD spent under `model`, as /metrics says."""
        return tuple(
            REGISTRY.get_sample_value(name, {"model": model, **labels}) or 0.0
            for name, labels in (
                ("veo_jobs_created_total", {}),
                ("veo_jobs_finished_total", {"outcome": "delivered"}),
                ("veo_spend_usd_total", {}),
            )
        )

    before = {job.model: counted(job.model) for job in jobs}
    runner = make_runner(db, http, shortapi, chat)
    for job in jobs:
        await runner.submit(job)
        assert (await run_until_terminal(runner, db, job.id)).status is JobStatus.DELIVERED
    for job in jobs:
        created, delivered, spent = map(operator.sub, counted(job.model), before[job.model])
        assert (created, delivered) == (1, 1), job.model
        assert spent == pytest.approx(float(job.price)), job.model


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
