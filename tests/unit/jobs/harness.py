"""The job engine driven by hand: a runner against the fake ShortAPI, a job made as Generate
makes it, and the rounds run until it ends."""

import asyncio
from pathlib import Path

from bot.core.drafts import DraftService, IncomingImage, TelegramUser
from bot.jobs import JobRunner, PollPolicy
from bot.veo import ShortAPIClient
from bot.web.client import AiohttpTransport
from storage import Job
from tests.fakes.memory import Images
from tests.images import jpeg
from tests.process import API_KEY

# The transport each test's runner uses (conftest.py opens and closes it).
transports: list[AiohttpTransport] = []


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
    hosting=None,
    videos=None,
):
    """A JobRunner on `db` against the fake ShortAPI, polling every 10 ms (`hosting` and
    `videos`: the bot's own address, and Telegram's copies of delivered videos)."""
    api = ShortAPIClient(
        transports[-1], base_url=base_url or shortapi.base_url, api_key=API_KEY, backoff=0.01
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
        hosting=hosting,
        videos=videos,
    )


def db_dir(db) -> Path:
    """The folder of the SQLite file (downloads go beside it)."""
    return Path(db.path).parent


async def new_job(db, file_id="photo") -> Job:
    """A job made as Generate makes it: a draft from Ann's photo, then its job row."""
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
    """Run the runner's rounds until the job ends; the job as it ended."""
    for _ in range(rounds):
        await runner.start_due()
        await runner.drain()
        job = await db.jobs.get(job_id)
        if job.terminal:
            return job
        await asyncio.sleep(0.01)  # let due times come round
    raise AssertionError(f"job still {job.status}")
