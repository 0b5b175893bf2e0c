"""Scenario 3: delivery brought by ShortAPI's callback (PUBLIC_BASE_URL set).

The bot process starts on SQLite with a public address (the fake ShortAPI fetches the photos
from it and POSTs each job's callback to it) and a poll interval so long that no scheduled
query comes during the run: a video can only be delivered because its callback came. Then
the jobs are put in (jobs_setup.py, with hosted photos and callback URLs, as the bot's own
Generate makes them), and the fake ends them one by one over a few seconds, POSTing each
callback the moment its job ends. Per job: from the callback's POST to the bot's sendVideo
arriving at the fake Telegram. With VIDEO_BY_URL=true, Telegram's fetch of the video (done
by the fake once the request has arrived) is not in the figure.
"""

import asyncio
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.bench.common import API_KEY, BOT_TOKEN, bot_env
from tests.bench.jobs import VIDEO
from tests.bench.jobs_setup import put_in_jobs
from tests.bench.measure import percentile
from tests.fakes import FakeShortAPI, FakeTelegram
from tests.fakes._tg_request import Call
from tests.process import BotProcess, free_port

# Long enough that no job's first scheduled query (at 0.85-1 of it) falls within the run;
# longer for many jobs, whose set-up and spread take longer (run_callbacks).
POLL_INTERVAL = 120.0
# Callbacks a second: the jobs end evenly over N / this seconds.
RATE = 20.0
DELIVERY_TIMEOUT = 30.0


@dataclass
class CallbacksResult:
    """How soon each job's video followed its callback."""

    jobs: int
    spread: float
    poll_interval: float
    callbacks: int  # POSTed and answered 200 by the bot
    delivered: int
    double_deliveries: int
    # Queries the bot made of the jobs: one per callback is what a callback brings.
    queries: int
    latencies: list[float] = field(default_factory=list)
    p50: float = float("nan")
    p95: float = float("nan")
    p99: float = float("nan")
    max: float = float("nan")
    setup_seconds: float = 0.0


async def run_callbacks(workdir: Path, jobs: int) -> CallbacksResult:
    """Start the bot with a public address, put the jobs in, end them with callbacks."""
    workdir.mkdir(parents=True, exist_ok=True)
    spread = jobs / RATE
    interval = max(POLL_INTERVAL, 3 * spread)
    async with (
        FakeTelegram(token=BOT_TOKEN) as telegram,
        FakeShortAPI(api_key=API_KEY) as api,
    ):
        api.video_bytes = VIDEO
        api.hold_jobs = True  # running until a callback ends it
        port = free_port()
        public = f"http://127.0.0.1:{port}"
        folder = workdir / "bot"
        folder.mkdir(exist_ok=True)
        env = bot_env(
            folder,
            telegram.base_url,
            api.base_url,
            JOB_POLL_INTERVAL=str(interval),
            # Webhook mode, which no update reaches, as in the jobs scenario.
            TELEGRAM_WEBHOOK="true",
            PUBLIC_BASE_URL=public,
            WEB_HOST="127.0.0.1",
            WEB_PORT=str(port),
            VIDEO_BY_URL="true",
        )
        arrived: dict[int, list[float]] = {}
        sent: dict[int, int] = {}

        def on_arrival(call: Call) -> None:
            if call.method in ("sendVideo", "sendDocument"):
                arrived.setdefault(call.params["chat_id"], []).append(time.perf_counter())

        def on_answer(call: Call) -> None:
            if call.http_status == 200 and call.method in ("sendVideo", "sendDocument"):
                chat: int = call.params["chat_id"]
                sent[chat] = sent.get(chat, 0) + 1

        telegram.arrivals.append(on_arrival)
        telegram.observers.append(on_answer)
        process = BotProcess(env, folder, telegram)
        await process.start()
        try:
            begin = time.perf_counter()
            submitted = await put_in_jobs(
                folder / "data" / "bot.sqlite3",
                telegram,
                api,
                jobs,
                interval,
                workdir / "setup",
                public_base_url=public,
            )
            setup = time.perf_counter() - begin
            fired = await _end_with_callbacks(api, submitted)
            deadline = time.perf_counter() + DELIVERY_TIMEOUT
            while len(sent) < len(submitted) and time.perf_counter() < deadline:
                await asyncio.sleep(0.1)
                assert not process.exited, f"the bot ended:\n{process.log()[-3000:]}"
        finally:
            await process.stop()
    latencies = [
        arrived[chat][0] - moment
        for chat, moment in fired.items()
        if chat in arrived and chat in sent
    ]
    return CallbacksResult(
        jobs=jobs,
        spread=spread,
        poll_interval=interval,
        callbacks=sum(status == 200 for _, status in api.callbacks),
        delivered=len(sent),
        double_deliveries=sum(n - 1 for n in sent.values()),
        queries=len(api.queries),
        latencies=latencies,
        p50=percentile(latencies, 50),
        p95=percentile(latencies, 95),
        p99=percentile(latencies, 99),
        max=max(latencies, default=float("nan")),
        setup_seconds=setup,
    )


async def _end_with_callbacks(
    api: FakeShortAPI, submitted: dict[int, tuple[str, float]]
) -> dict[int, float]:
    """End the jobs evenly at RATE a second, each with its callback POSTed at once; chat id
    -> when its callback was sent (perf_counter)."""
    fired: dict[int, float] = {}
    start = time.perf_counter()

    async def one(chat: int, job_id: str) -> None:
        api.jobs[job_id].finished = True
        fired[chat] = time.perf_counter()
        await api.fire_callback(job_id)

    posts = []
    for n, (chat, (job_id, _)) in enumerate(submitted.items()):
        wait = start + n / RATE - time.perf_counter()
        if wait > 0:
            await asyncio.sleep(wait)
        # Each POST in its own task: a slow answer must not hold the next job's end back.
        posts.append(asyncio.create_task(one(chat, job_id)))
    # A callback the bot could not be reached for shows in the count of those answered.
    await asyncio.gather(*posts, return_exceptions=True)
    return fired
