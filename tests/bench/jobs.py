"""Scenario 2: many jobs in flight at once, then finished by the fake API faster than the bot
can deliver them, on SQLite (one bot process) and on PostgreSQL (one or more replicas).

The jobs are put in through the bot's own service and job runner (a draft per user, Generate,
the one create call; see jobs_setup.py) against the fake ShortAPI, from this process, into the
database. Then the bot processes start, all on that database and against the same fakes, and
the fake finishes every job at a random moment within `spread` seconds. The replicas must
notice each (by querying it, each job leased to one replica at a time) and deliver its video.
With `spread` short the finished jobs pile up, and the jobs delivered per second is what the
replicas carry.
"""

import asyncio
import contextlib
import itertools
import random
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from aiohttp import web

from tests.bench.common import API_KEY, BOT_TOKEN, bot_env
from tests.bench.jobs_setup import put_in_jobs
from tests.bench.measure import MachineUsage, machine_usage, percentile, proc_usage
from tests.bench.pg import BenchPostgres
from tests.fakes import FakeShortAPI, FakeTelegram
from tests.fakes._tg_request import Call
from tests.fakes._video import video_bytes
from tests.process import BotProcess, free_port

# Small files: the scenario measures the bot's bookkeeping, not copying bytes around.
VIDEO = video_bytes(8 * 1024)
# Two queries of one job closer than this many poll intervals: two replicas (or two steps of
# one) asked about it at once. A job is next due 0.85-1.5 intervals after its last query.
CLOSE_QUERY = 0.5
SAMPLE_EVERY = 0.2
DELIVERED = re.compile(r"\bjob \d+ delivered\b")  # what bot/jobs/outcomes.py logs


@dataclass
class JobsResult:
    """What the bot processes did with the jobs, in one configuration (store, replicas)."""

    store: str
    replicas: int
    delivery: str  # "url" (VIDEO_BY_URL=true) or "upload"
    jobs: int
    poll_interval: float
    spread: float
    creates: int
    quiet: float
    delivered: int
    double_deliveries: int
    # Each replica's deliveries, from its log: how the jobs were shared out.
    delivered_by_replica: list[int]
    queries: int
    queries_per_job: float
    queries_per_job_per_interval: float
    close_queries: int
    jobs_per_second: float
    delay_p50: float
    delay_p99: float
    delay_max: float
    peak_rss_mb: float
    # From the moment all replicas are up to the last delivery (cpu_window_seconds): each
    # replica's CPU, the PostgreSQL server's (None: SQLite, or a server not started here),
    # this process's (it runs the fake servers), the other programs' on the machine, the
    # kernel's interrupts (the loopback traffic is handled there), and the CPU time the
    # hypervisor gave to other machines while this one had work for it (steal).
    bot_cpu_seconds: list[float] = field(default_factory=list)
    cpu_seconds: float = 0.0
    cpu_percent: float = 0.0
    # All replicas' CPU per delivered job: what a replica spends on coordinating with the
    # others shows here.
    cpu_ms_per_job: float = 0.0
    postgres_cpu_seconds: float | None = None
    fakes_cpu_seconds: float = 0.0
    others_cpu_seconds: float = 0.0
    interrupts_cpu_seconds: float = 0.0
    steal_seconds: float = 0.0
    seconds: float = 0.0  # from the first finish to the last delivery
    cpu_window_seconds: float = 0.0
    setup_seconds: float = 0.0
    # The quiet window (JobsLoad.quiet, from the moment every job has been queried twice): the
    # queries made in it and the replicas' CPU per query, every job still running (a query
    # finds nothing new; the progress bars move meanwhile, at their own pace).
    quiet_seconds: float = 0.0
    quiet_queries: int = 0
    quiet_edits: int = 0  # status messages edited meanwhile (the progress bar moved)
    cpu_ms_per_query: float | None = None
    # After it: the replicas' CPU per delivery, less what the queries meanwhile cost at the
    # quiet window's rate.
    cpu_ms_per_delivery: float | None = None


class _TimedShortAPI(FakeShortAPI):
    """The fake ShortAPI, noting when each job was queried (to find a job queried twice at
    once, by two replicas)."""

    def __init__(self, api_key: str) -> None:
        super().__init__(api_key=api_key)
        self.query_times: dict[str, list[float]] = {}

    async def _query(self, request: web.Request) -> web.StreamResponse:
        moments = self.query_times.setdefault(request.query.get("id", ""), [])
        moments.append(time.perf_counter())
        return await super()._query(request)


async def _finish(api: FakeShortAPI, plan: list[tuple[float, str]], done: dict[str, float]):
    """Mark jobs finished at their planned moments (perf_counter clock)."""
    for moment, job_id in plan:
        wait = moment - time.perf_counter()
        if wait > 0:
            await asyncio.sleep(wait)
        api.jobs[job_id].finished = True
        done[job_id] = time.perf_counter()


@contextlib.contextmanager
def _database(store: str, workdir: Path, postgres: BenchPostgres | None) -> Iterator[str | Path]:
    """What the bot and the set-up open: the SQLite file, or a fresh PostgreSQL database."""
    if store == "sqlite":
        yield workdir / "replica-1" / "data" / "bot.sqlite3"
        return
    assert postgres is not None, "PostgreSQL configurations need the benchmark's server"
    with postgres.database() as url:
        yield url


def _close_queries(times: dict[str, list[float]], interval: float) -> int:
    """Queries that came less than CLOSE_QUERY intervals after the one before of their job."""
    close = 0
    for moments in times.values():
        ordered = sorted(moments)
        close += sum(b - a < CLOSE_QUERY * interval for a, b in itertools.pairwise(ordered))
    return close


@dataclass(frozen=True)
class JobsLoad:
    """How many jobs, how often they are queried, over how long the fake finishes them."""

    jobs: int
    poll_interval: float
    spread: float
    # Seconds after the replicas are up during which no job finishes: the CPU of queries alone.
    quiet: float = 0.0
    # VIDEO_BY_URL: Telegram fetches each video (True), or the bot downloads and uploads it.
    by_url: bool = True
    seed: int = 20261123


async def run_jobs(
    workdir: Path,
    load: JobsLoad,
    store: str = "sqlite",
    replicas: int = 1,
    postgres: BenchPostgres | None = None,
) -> JobsResult:
    """Put the jobs in, start the replicas, finish the jobs; what the replicas did."""
    if store == "sqlite" and replicas != 1:
        raise ValueError("a SQLite file has one bot process")
    workdir.mkdir(parents=True, exist_ok=True)
    with _database(store, workdir, postgres) as target:
        async with (
            FakeTelegram(token=BOT_TOKEN) as telegram,
            _TimedShortAPI(api_key=API_KEY) as api,
        ):
            run = _Run(workdir, load, store, target, telegram, api)
            return await run.measure(replicas, postgres if store == "postgres" else None)


@dataclass
class _Usage:
    """CPU used so far by each replica, the PostgreSQL server, this process, the machine."""

    bots: list[float]
    postgres: float | None
    fakes: float
    machine: MachineUsage
    peak_rss_mb: float

    @classmethod
    def now(cls, processes: list[BotProcess], postgres: BenchPostgres | None) -> "_Usage":
        """A sample."""
        usage = [proc_usage(p.pid) for p in processes]
        return cls(
            bots=[u.cpu_seconds for u in usage],
            postgres=postgres.cpu_seconds() if postgres is not None else None,
            fakes=time.process_time(),
            machine=machine_usage(),
            peak_rss_mb=max(u.peak_rss_mb for u in usage),
        )


@dataclass
class _Run:
    """One configuration's run: the fakes, the database, what was submitted and delivered."""

    workdir: Path
    load: JobsLoad
    store: str
    target: str | Path
    telegram: FakeTelegram
    api: _TimedShortAPI
    deliveries: dict[int, list[float]] = field(default_factory=dict)
    finished: dict[str, float] = field(default_factory=dict)
    edits: list[float] = field(default_factory=list)

    def _observe(self, call: Call) -> None:
        if call.http_status == 200 and call.method == "editMessageText":
            self.edits.append(time.perf_counter())
        if call.http_status == 200 and call.method in ("sendVideo", "sendDocument"):
            chat: int = call.params["chat_id"]
            self.deliveries.setdefault(chat, []).append(time.perf_counter())

    async def measure(self, replicas: int, postgres: BenchPostgres | None) -> JobsResult:
        """Put the jobs in, start the replicas, finish the jobs, wait for the videos."""
        load, api = self.load, self.api
        api.video_bytes = VIDEO
        api.hold_jobs = True  # running until _finish says otherwise
        self.telegram.observers.append(self._observe)
        begin = time.perf_counter()
        # The jobs go in first: replicas polling meanwhile would only slow the set-up down,
        # and what is measured starts when the fake finishes the jobs.
        submitted = await put_in_jobs(
            self.target, self.telegram, api, load.jobs, load.poll_interval, self.workdir
        )
        processes = [self._replica(n) for n in range(1, replicas + 1)]
        finisher: asyncio.Task[None] | None = None
        try:
            await processes[0].start()
            polled_from = time.perf_counter()  # the first replica queries from now on
            for process in processes[1:]:
                await process.start()
            all_in = time.perf_counter()
            before = _Usage.now(processes, postgres)
            rng = random.Random(load.seed)
            plan = sorted(
                (all_in + load.quiet + rng.uniform(0, load.spread), job_id)
                for job_id, _ in submitted.values()
            )
            quiet: tuple[float, list[float], float, list[float]] | None = None
            if load.quiet:
                quiet_end = all_in + load.quiet
                # The window starts once every job has been queried twice: the fake's job is
                # queued at its first query and being made from its second (each a change of
                # state, recorded and shown); the later ones find nothing new. Without such
                # a moment, the window is the whole quiet time.
                settled, at_settled = all_in, before.bots
                while time.perf_counter() < quiet_end:
                    seen = self.api.query_times
                    if len(seen) >= load.jobs and all(len(t) >= 2 for t in seen.values()):
                        settled = time.perf_counter()
                        at_settled = _Usage.now(processes, postgres).bots
                        break
                    await asyncio.sleep(SAMPLE_EVERY)
                await asyncio.sleep(max(0.0, quiet_end - time.perf_counter()))
                end_of_quiet = _Usage.now(processes, postgres).bots
                quiet = (settled, at_settled, time.perf_counter(), end_of_quiet)
            finisher = asyncio.create_task(_finish(api, plan, self.finished))
            # Time for every job to finish, the longest poll interval three times over, and
            # a backlog of deliveries at a few dozen a second; replicas further behind than
            # that show as undelivered jobs.
            deadline = (
                all_in + load.quiet + load.spread + 4.5 * load.poll_interval + 60 + load.jobs / 25
            )
            peak = before.peak_rss_mb
            while len(self.deliveries) < load.jobs and time.perf_counter() < deadline:
                await asyncio.sleep(SAMPLE_EVERY)
                if any(p.exited for p in processes):
                    logs = "\n".join(p.log()[-3000:] for p in processes)
                    raise AssertionError(f"a bot process ended:\n{logs}")
                peak = max(peak, *(proc_usage(p.pid).peak_rss_mb for p in processes))
            end = time.perf_counter()
            after = _Usage.now(processes, postgres)
        finally:
            if finisher is not None:
                finisher.cancel()
                await asyncio.gather(finisher, return_exceptions=True)
            # A stop lets the steps in hand end: a second delivery of a job would show now.
            await asyncio.gather(*(p.stop() for p in processes))
        peak = max(peak, after.peak_rss_mb)
        result = self._result(
            replicas, submitted, (begin, polled_from, all_in, end), before, after
        )
        result.peak_rss_mb = peak
        result.delivered_by_replica = [len(DELIVERED.findall(p.log())) for p in processes]
        if quiet is not None:
            self._quiet_costs(result, quiet, after.bots)
        return result

    def _quiet_costs(
        self,
        result: JobsResult,
        quiet: tuple[float, list[float], float, list[float]],
        after: list[float],
    ) -> None:
        began, at_start, ended, at_end = quiet
        times = [t for moments in self.api.query_times.values() for t in moments]
        in_quiet = sum(began <= t < ended for t in times)
        later = sum(t >= ended for t in times)
        quiet_cpu = sum(at_end) - sum(at_start)
        result.quiet_seconds = ended - began
        result.quiet_queries = in_quiet
        result.quiet_edits = sum(began <= t < ended for t in self.edits)
        if in_quiet:
            per_query = quiet_cpu / in_quiet
            result.cpu_ms_per_query = 1000 * per_query
            rest = sum(after) - sum(at_end) - later * per_query
            if result.delivered:
                result.cpu_ms_per_delivery = 1000 * rest / result.delivered

    def _replica(self, n: int) -> BotProcess:
        folder = self.workdir / f"replica-{n}"
        folder.mkdir(parents=True, exist_ok=True)
        # Webhook mode, which no update reaches: no replica long-polls Telegram (two would
        # end each other's getUpdates with 409), and every configuration runs the same way.
        port = free_port()
        settings = {
            "JOB_POLL_INTERVAL": str(self.load.poll_interval),
            "TELEGRAM_WEBHOOK": "true",
            "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
            "WEB_HOST": "127.0.0.1",
            "WEB_PORT": str(port),
            "VIDEO_BY_URL": str(self.load.by_url).lower(),
        }
        if isinstance(self.target, str):
            settings["DATABASE_URL"] = self.target
        env = bot_env(folder, self.telegram.base_url, self.api.base_url, **settings)
        return BotProcess(env, folder, self.telegram)

    def _result(
        self,
        replicas: int,
        submitted: dict[int, tuple[str, float]],
        moments: tuple[float, float, float, float],
        before: _Usage,
        after: _Usage,
    ) -> JobsResult:
        # Set-up began, the first replica was up, all were, the last video came (or time ran out).
        begin, polled_from, all_in, end = moments
        load, deliveries, finished = self.load, self.deliveries, self.finished
        interval = load.poll_interval
        queries = sum(len(m) for m in self.api.query_times.values())
        delays = []
        watched = 0.0
        for chat, (job_id, _) in submitted.items():
            # The replicas' to watch from when the first is up until its video is sent.
            watched += (deliveries[chat][0] if chat in deliveries else end) - polled_from
            if chat in deliveries and job_id in finished:
                delays.append(deliveries[chat][0] - finished[job_id])
        first_finish = min(finished.values(), default=all_in)
        last_delivery = max((d[0] for d in deliveries.values()), default=end)
        measured = max(last_delivery - first_finish, 1e-9)
        bots = [a - b for a, b in zip(after.bots, before.bots, strict=True)]
        fakes = after.fakes - before.fakes
        server = (
            after.postgres - before.postgres
            if after.postgres is not None and before.postgres is not None
            else None
        )
        return JobsResult(
            store=self.store,
            replicas=replicas,
            delivery="url" if load.by_url else "upload",
            jobs=load.jobs,
            poll_interval=interval,
            spread=load.spread,
            creates=len(self.api.creates),
            quiet=load.quiet,
            delivered=len(deliveries),
            double_deliveries=sum(len(d) - 1 for d in deliveries.values()),
            delivered_by_replica=[],
            queries=queries,
            queries_per_job=queries / load.jobs,
            queries_per_job_per_interval=queries / (watched / interval) if watched else 0.0,
            close_queries=_close_queries(self.api.query_times, interval),
            jobs_per_second=len(deliveries) / measured,
            delay_p50=percentile(delays, 50),
            delay_p99=percentile(delays, 99),
            delay_max=max(delays, default=float("nan")),
            peak_rss_mb=after.peak_rss_mb,
            bot_cpu_seconds=bots,
            cpu_seconds=sum(bots),
            cpu_percent=100 * sum(bots) / (end - all_in),
            cpu_ms_per_job=1000 * sum(bots) / len(deliveries) if deliveries else float("nan"),
            postgres_cpu_seconds=server,
            fakes_cpu_seconds=fakes,
            others_cpu_seconds=after.machine.processes
            - before.machine.processes
            - sum(bots)
            - fakes
            - (server or 0),
            interrupts_cpu_seconds=after.machine.interrupts - before.machine.interrupts,
            steal_seconds=after.machine.steal - before.machine.steal,
            seconds=measured,
            cpu_window_seconds=end - all_in,
            setup_seconds=all_in - begin,
        )
