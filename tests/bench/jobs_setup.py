"""Scenario 2's set-up: the jobs put in through the bot's own service and job runner (a
draft per user, Generate, the one create call) against the fake ShortAPI, from the
benchmark's process, into the database the bot processes then open."""

import asyncio
import time
from pathlib import Path

import httpx

from bot.core.drafts import DraftService, IncomingImage, TelegramUser
from bot.core.hosting import Hosting
from bot.jobs import JobRunner, PollPolicy
from bot.veo import ShortAPIClient
from bot.web.client import AiohttpTransport
from storage import Database, Job
from tests.bench.common import API_KEY
from tests.fakes import FakeShortAPI, FakeTelegram
from tests.images import jpeg

FIRST_USER_ID = 5_000_001
# A small photo: the scenario measures the bot's bookkeeping, not copying bytes around.
PHOTO = jpeg(seed=3, size=2_000)
SETUP_CONCURRENCY = 32


class _Photo:
    """The photo every job was made from (no Telegram download in the set-up)."""

    size = len(PHOTO)

    async def open(self, file_id: str) -> "_Photo":
        return self

    async def read(self) -> bytes:
        return PHOTO


class _Silent:
    """Set-up happens beside the bot: what its own runner would show in the chats is skipped."""

    async def show_status(
        self, job: Job, since: Job | None = None, expected: float | None = None
    ) -> None:
        return None  # the real bot edits the status message after Generate; not measured

    async def tell_failure(self, job: Job) -> None:
        raise AssertionError(f"job {job.id} failed during set-up: {job.error}")

    async def send_video(self, job: Job, video: Path) -> str:
        raise AssertionError("no delivery during set-up")

    async def send_link(self, job: Job, url: str) -> None:
        raise AssertionError("no delivery during set-up")


async def put_in_jobs(
    target: str | Path,
    telegram: FakeTelegram,
    api: FakeShortAPI,
    count: int,
    interval: float,
    scratch: Path,
    public_base_url: str | None = None,
) -> dict[int, tuple[str, float]]:
    """Create `count` jobs through the service and the runner, next to the running bot.

    With `public_base_url` (the bot's PUBLIC_BASE_URL) each photo is hosted and each job
    given a callback URL, as the bot itself would: the bot must then be up, to serve the
    photos the fake ShortAPI fetches at create. Returns chat id -> (provider job id, when
    its create call was answered).
    """
    db = await Database.open(target)
    http = httpx.AsyncClient(timeout=30)
    transport = AiohttpTransport(SETUP_CONCURRENCY)
    try:
        runner = JobRunner(
            db,
            ShortAPIClient(transport, base_url=api.base_url, api_key=API_KEY),
            http,
            _Photo(),
            _Silent(),
            policy=PollPolicy(interval, 1.5 * interval, 3600, 3600),
            upload_limit=50 * 1024 * 1024,
            download_dir=scratch / "downloads",
            hosting=Hosting(db, public_base_url, 3600) if public_base_url else None,
        )
        # No budget: the operator of this run allows it all. The lease, as the bot's own
        # Generate takes one: a job being submitted is this runner's, not a replica's to
        # take over as abandoned (and submit a second time).
        drafts = DraftService(db)
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
                job = await runner.submit(await drafts.generate(draft.id, user_id, runner.lease()))
                assert job.provider_job_id is not None, job.error
                submitted[user_id] = (job.provider_job_id, time.perf_counter())

        await asyncio.gather(*(one(n) for n in range(count)))
        return submitted
    finally:
        await transport.close()
        await http.aclose()
        await db.close()
