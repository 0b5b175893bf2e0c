"""Scenario 2: many jobs in flight at once, finished by the fake API over a few minutes.

With the bot running, the jobs are put in through its own service and job runner (a draft per
user, Generate, the one create call) against the fake ShortAPI, sharing the bot's database.
Once all are in flight, the fake finishes them at random moments spread over `spread`
seconds, and the bot must notice each (by querying) and deliver the video.
"""

import asyncio
import random
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from bot.jobs import JobRunner, PollPolicy
from bot.service import DraftService, IncomingImage, TelegramUser
from bot.veo import ShortAPIClient
from storage import Database, Job
from tests.bench.common import API_KEY, BOT_TOKEN, bot_env
from tests.bench.measure import percentile, proc_usage
from tests.fakes import FakeShortAPI, FakeTelegram
from tests.fakes._tg_request import Call
from tests.fakes._video import video_bytes
from tests.images import jpeg
from tests.process import BotProcess

FIRST_USER_ID = 5_000_001
# Small files: the scenario measures the bot's bookkeeping, not copying bytes around.
PHOTO = jpeg(seed=3, size=2_000)
VIDEO = video_bytes(8 * 1024)
SETUP_CONCURRENCY = 32


@dataclass
class JobsResult:
    """What the bot did with the jobs."""

    jobs: int
    poll_interval: float
    spread: float
    delivered: int
    queries: int
    queries_per_job: float
    queries_per_job_per_interval: float
    delay_p50: float
    delay_p99: float
    delay_max: float
    peak_rss_mb: float
    cpu_seconds: float
    cpu_percent: float
    seconds: float
    setup_seconds: float


class _Photo:
    """The photo every job was made from (no Telegram download in the set-up)."""

    size = len(PHOTO)

    async def open(self, file_id: str) -> "_Photo":
        return self

    async def read(self) -> bytes:
        return PHOTO


class _Silent:
    """Set-up happens before the bot runs: nothing is shown in the chats yet."""

    async def show_status(self, job: Job, since: Job | None = None) -> None:
        return None  # the real bot edits the status message after Generate; not measured

    async def tell_failure(self, job: Job) -> None:
        raise AssertionError(f"job {job.id} failed during set-up: {job.error}")

    async def send_video(self, job: Job, video: Path) -> str:
        raise AssertionError("no delivery during set-up")

    async def send_link(self, job: Job, url: str) -> None:
        raise AssertionError("no delivery during set-up")


async def put_in_jobs(
    database: Path, telegram: FakeTelegram, api: FakeShortAPI, count: int, interval: float
) -> dict[int, tuple[str, float]]:
    """Create `count` jobs through the service and the runner, next to the running bot.

    Returns chat id -> (provider job id, when its create call was answered).
    """
    db = await Database.open(database)
    http = httpx.AsyncClient(timeout=30)
    try:
        runner = JobRunner(
            db,
            ShortAPIClient(http, base_url=api.base_url, api_key=API_KEY),
            http,
            _Photo(),
            _Silent(),
            policy=PollPolicy(interval, 1.5 * interval, 3600, 3600),
            upload_limit=50 * 1024 * 1024,
            download_dir=database.parent / "downloads",
        )
        drafts = DraftService(db)  # no budget: the operator of this run allows it all
        slots = asyncio.Semaphore(SETUP_CONCURRENCY)
        submitted: dict[int, tuple[str, float]] = {}

        async def one(n: int) -> None:
            user_id = FIRST_USER_ID + n
            async with slots:
                telegram.user(user_id, first_name=f"User{user_id}")
                telegram.add_chat(user_id)
                photo_id = telegram.add_file(PHOTO)
                options = telegram.add_bot_message(user_id, "options")
                draft = await drafts.start(
                    user=TelegramUser(user_id, f"User{user_id}", None),
                    chat_id=user_id,
                    source_message_id=options["message_id"],
                    image=IncomingImage(photo_id, "image/jpeg", len(PHOTO)),
                    caption=f"Benchmark video {n}",
                )
                await drafts.attach_message(draft.id, options["message_id"])
                job = await runner.submit(await drafts.generate(draft.id, user_id))
                assert job.provider_job_id is not None, job.error
                submitted[user_id] = (job.provider_job_id, time.perf_counter())

        await asyncio.gather(*(one(n) for n in range(count)))
        return submitted
    finally:
        await http.aclose()
        await db.close()


async def _finish(api: FakeShortAPI, plan: list[tuple[float, str]], done: dict[str, float]):
    """Mark jobs finished at their planned moments (perf_counter clock)."""
    for moment, job_id in plan:
        wait = moment - time.perf_counter()
        if wait > 0:
            await asyncio.sleep(wait)
        api.jobs[job_id].finished = True
        done[job_id] = time.perf_counter()


async def run_jobs(
    workdir: Path, count: int, interval: float, spread: float, seed: int = 20261123
) -> JobsResult:
    """Start the bot, put `count` jobs in, finish them over `spread` s; what the bot did."""
    workdir.mkdir(parents=True, exist_ok=True)
    database = workdir / "data" / "bot.sqlite3"
    async with FakeTelegram(token=BOT_TOKEN) as telegram, FakeShortAPI(api_key=API_KEY) as api:
        api.video_bytes = VIDEO
        api.hold_jobs = True  # running until _finish says otherwise
        delivered: dict[int, float] = {}

        def observe(call: Call) -> None:
            if call.http_status == 200 and call.method in ("sendVideo", "sendDocument"):
                delivered.setdefault(call.params.get("chat_id"), time.perf_counter())  # type: ignore[arg-type]

        telegram.observers.append(observe)
        env = bot_env(workdir, telegram.base_url, api.base_url, JOB_POLL_INTERVAL=str(interval))
        process = BotProcess(env, workdir, telegram)
        await process.start()
        before = proc_usage(process.pid)
        begin = time.perf_counter()
        try:
            submitted = await put_in_jobs(database, telegram, api, count, interval)
            all_in = time.perf_counter()
            rng = random.Random(seed)
            plan = sorted(
                (all_in + rng.uniform(0, spread), job_id) for job_id, _ in submitted.values()
            )
            finished: dict[str, float] = {}
            finisher = asyncio.create_task(_finish(api, plan, finished))
            # Time for every job to finish, wait out the longest poll interval twice and be
            # sent; a bot further behind than that shows as undelivered jobs.
            deadline = all_in + spread + 3 * interval + 60
            peak = before.peak_rss_mb
            while len(delivered) < count and time.perf_counter() < deadline:
                await asyncio.sleep(1)
                peak = max(peak, proc_usage(process.pid).peak_rss_mb)
            after = proc_usage(process.pid)
            finisher.cancel()
            await asyncio.gather(finisher, return_exceptions=True)
        finally:
            await process.stop()
        seconds = time.perf_counter() - begin
        queries = len(api.queries)
        delays = []
        watched = 0.0
        for chat, (job_id, sent) in submitted.items():
            end = finished.get(job_id, begin + seconds)
            watched += end - sent
            if chat in delivered and job_id in finished:
                delays.append(delivered[chat] - finished[job_id])
        return JobsResult(
            jobs=count,
            poll_interval=interval,
            spread=spread,
            delivered=len(delivered),
            queries=queries,
            queries_per_job=queries / count,
            queries_per_job_per_interval=queries / (watched / interval) if watched else 0.0,
            delay_p50=percentile(delays, 50),
            delay_p99=percentile(delays, 99),
            delay_max=max(delays, default=float("nan")),
            peak_rss_mb=max(peak, after.peak_rss_mb),
            cpu_seconds=after.cpu_seconds - before.cpu_seconds,
            cpu_percent=100 * (after.cpu_seconds - before.cpu_seconds) / seconds,
            seconds=seconds,
            setup_seconds=all_in - begin,
        )
