"""The job runner: submit the paid create call once, poll the API, deliver the video.

No telegram here: the Telegram side is reached through the protocols in ports.py.
"""

import asyncio
import contextlib
import dataclasses
import logging
import time
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

import httpx

from bot.core.estimates import ExpectedTimes
from bot.core.followups import VideoFiles
from bot.core.hosting import Hosting
from bot.core.inputs import photos_of, videos_of, words_of
from bot.core.options import options_of
from bot.jobs.delivery import Delivery
from bot.jobs.kept import KeptVideos
from bot.jobs.leases import Leases
from bot.jobs.memory import ByteBudget
from bot.jobs.outcomes import Outcomes
from bot.jobs.policy import PollPolicy
from bot.jobs.ports import Failure, ImageFetchError, ImageSource, JobNotifier
from bot.jobs.sources import SourceVideos, VideoUnavailable
from bot.media.images import sniff_image
from bot.ops import metrics
from bot.veo import (
    APICodeError,
    APIConnectionError,
    APIResponseError,
    APIStatusError,
    InlineImage,
    ShortAPIError,
)
from bot.veo.download import DOWNLOAD_PREFIX
from bot.veo.sandbox import JobAPI
from storage import Database, DatabaseUnavailable, Job, JobStatus, Lease

log = logging.getLogger(__name__)
# A callback brings a job's query forward at most this often (anyone holding its URL can call).
HURRY_EVERY = 1.0


# What Veo makes, and so what a hosted video to extend is served as.
VIDEO_MIME = "video/mp4"


class JobRunner:
    """Moves jobs from submitting to delivered; the poller leases due jobs in the database.

    Several runners (one per replica) may share one database: each works only on the jobs it
    holds the lease of, renews the leases of the steps it has in hand, and takes over the
    jobs of a replica whose leases ran out.
    """

    def __init__(
        self,
        db: Database,
        api: JobAPI,
        http: httpx.AsyncClient,
        images: ImageSource,
        notifier: JobNotifier,
        *,
        policy: PollPolicy,
        upload_limit: int,
        download_dir: Path,
        hosting: Hosting | None = None,
        kept: KeptVideos | None = None,
        videos: VideoFiles | None = None,
        concurrency: int = 16,
        uploads: int = 4,
        image_bytes: int = 48 * 1024 * 1024,
        lease_seconds: float = 30.0,
    ) -> None:
        self._db = db
        self._lease_seconds = lease_seconds
        self._leases = Leases(db, lease_seconds, lambda: self._in_flight | self._submitting)
        self.owner = self._leases.owner
        self._next_abandoned = 0.0
        self._api = api
        self._http = http
        self._images = images
        # The video an extension continues, as ShortAPI is to get it.
        self._sources = SourceVideos(db, http, videos, hosted=hosting is not None)
        self._notifier = notifier
        self._policy = policy
        self._out = Outcomes(db, notifier, policy)
        self._download_dir = download_dir
        self._hosting = hosting
        self._wake = asyncio.Event()
        self.last_round: float | None = None
        self.tick = min(1.0, policy.interval / 2)
        self._concurrency = concurrency
        self._delivery = Delivery(
            http,
            notifier,
            self._out,
            policy,
            upload_limit,
            download_dir,
            uploads,
            db.frames,
            kept=kept,
        )
        # A photo costs its size in memory from its download until the create call is answered.
        self._image_bytes = ByteBudget(image_bytes)
        self._backlog = False
        self._in_flight: set[int] = set()  # jobs with a query or delivery step in hand
        self._submitting: set[int] = set()  # jobs whose photo fetch or create call is in hand
        self._tasks: set[asyncio.Task[object]] = set()
        self._hurried: dict[int, float] = {}  # job id -> when a callback may hurry it again
        self._expected = ExpectedTimes(db)  # what each job's progress bar is measured against

    def lease(self) -> Lease:
        """A claim by this replica, from now for the lease's length."""
        return self._leases.lease()

    def submit(self, job: Job) -> Coroutine[Any, Any, Job]:
        """Fetch the photo and make the one paid create call for this job (leased to us).

        The job is in hand from this call on, before the coroutine runs: its lease is renewed
        while the press is still being answered, so no other replica takes it for abandoned.
        """
        self._submitting.add(job.id)
        return self._submit(job)

    @metrics.in_flight
    async def _submit(self, job: Job) -> Job:
        try:
            source = await self._sources.video_for(job)
            wanted = photos_of(job)
            if not wanted:
                if not isinstance(source, bytes):
                    return await self._create(job, [], source)  # from its prompt alone
                async with self._image_bytes.hold(len(source)):  # a video to host
                    return await self._create(job, [], source)
            files = [await self._images.open(f) for photos in wanted for f in photos.file_ids]
            sizes = [one.size for one in files]
            total = None if None in sizes else sum(s for s in sizes if s is not None)
            async with self._image_bytes.hold(total):
                data = [await one.read() for one in files]
                return await self._create(job, data)
        except ImageFetchError as exc:
            return await self._out.fail(job, Failure.PHOTO_UNAVAILABLE, str(exc))
        except VideoUnavailable as exc:
            return await self._out.fail(job, Failure.VIDEO_UNAVAILABLE, str(exc))
        finally:
            self._submitting.discard(job.id)

    async def _create(
        self, job: Job, data: list[bytes | bytearray], video: str | bytes | None = None
    ) -> Job:
        """The one paid create call, with the job's photos (`data`, in the order photos_of
        names them), or none for a model that takes none (then no callback either: its video
        is found by polling), and the video an extension continues (its URL, or its bytes to
        host)."""
        mimes = [sniff_image(one) for one in data]
        if None in mimes:
            return await self._out.fail(job, Failure.BAD_IMAGE, "")
        callback_url = None
        images: list[str | InlineImage] = []
        hosts_video = isinstance(video, bytes)
        if (data or hosts_video) and self._hosting is not None:
            files = [(one, mime or "") for one, mime in zip(data, mimes, strict=True)]
            if isinstance(video, bytes):
                files.insert(0, (video, VIDEO_MIME))  # the job's first file: served as MP4
            hosted = await self._hosting.prepare_all(job.id, files, replaces=job.media_token)
            if hosted is None:  # no longer being submitted: another step moved it on
                return await self._out.reload(job)
            urls, callback_url = hosted
            if hosts_video:
                video, urls = urls[0], urls[1:]
            images = list(urls)
        else:
            images = [InlineImage(one, mime or "") for one, mime in zip(data, mimes, strict=True)]
        inputs: dict[str, object] = dict(words_of(job))
        if isinstance(video, str):
            inputs.update(videos_of(job, video))
        image: str | InlineImage | None = None
        for photos in photos_of(job):
            taken, images = images[: len(photos.file_ids)], images[len(photos.file_ids) :]
            if photos.many:
                inputs[photos.wire] = taken
            elif photos.photo:
                image = taken[0]
            else:
                inputs[photos.wire] = taken[0]
        # Durable before the request leaves: a job caught after this point may have reached
        # ShortAPI (and been charged), one caught before it surely did not.
        creating = await self._db.jobs.transition(
            job.id, JobStatus.SUBMITTING, JobStatus.CREATING, lease_until=self.lease().until
        )
        if creating is None:
            return await self._out.reload(job)
        try:
            created = await self._api.create(
                options_of(job),
                prompt=job.prompt,
                image=image,
                callback_url=callback_url,
                inputs=inputs,
            )
        except APICodeError as exc:
            return await self._out.fail(creating, Failure.REFUSED, exc.message)
        except APIStatusError as exc:
            key = Failure.KEY_REJECTED if exc.status_code in (401, 403) else Failure.API_ERROR
            return await self._out.fail(creating, key, f"HTTP {exc.status_code}")
        except APIConnectionError as exc:
            if not exc.request_sent:
                return await self._out.fail(creating, Failure.UNREACHABLE, str(exc))
            return await self._out.unknown(creating, str(exc))
        except APIResponseError as exc:
            return await self._out.unknown(creating, str(exc))
        metrics.job_created(job.model, created.amount)  # accepted, so paid, whatever comes next
        now = time.time()
        moved = await self._db.jobs.transition(
            job.id,
            JobStatus.CREATING,
            JobStatus.QUEUED,
            provider_job_id=created.job_id,
            amount=created.amount,
            submitted_at=now,
            next_poll_at=now + self._policy.delay(0),
        )
        if moved is None:
            return await self._out.reload(job)
        log.info("job %s submitted as %s (amount %s)", job.id, created.job_id, created.amount)
        await self._notifier.show_status(moved, expected=await self._expected.of_job(moved))
        return moved

    async def resume(self) -> None:
        """At start: leftovers of a crash go, and with SQLite (one process owns the file) the
        leases of the process that stopped are free at once; with PostgreSQL they run out.
        """
        for leftover in self._download_dir.glob(f"{DOWNLOAD_PREFIX}*"):
            leftover.unlink(missing_ok=True)  # a download a crash interrupted
        if not self._db.shared:
            await self._db.jobs.release_all()
        await self.take_abandoned()

    async def take_abandoned(self) -> int:
        """Jobs a stopped replica (or this bot before a restart) left mid-submission: one whose
        create request may have left is never re-sent; one stopped before that is submitted
        again. How many were taken.
        """
        # A create call's outcome is known only to the replica making it: "unknown" is said of
        # one only after its lease has run out for a whole lease more, so that a replica that
        # was merely slow to renew (a busy event loop, a saturated pool) is not overruled.
        taken = await self._db.jobs.claim_abandoned(
            self.lease(), time.time(), creating_grace=self._lease_seconds
        )
        taken = [job for job in taken if job.id not in self._submitting]  # ours, in hand
        for job in taken:
            if job.status is JobStatus.CREATING:
                log.warning("job %s was being created when its bot stopped", job.id)
                work = self._out.unknown(job, "the bot stopped during the create call")
            else:
                log.info("job %s was stopped before its create call; submitting it now", job.id)
                work = self.submit(job)
            task = asyncio.create_task(work, name=f"abandoned-{job.id}")
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        return len(taken)

    async def run(self, tick: float | None = None, sweep_every: float = 60.0) -> None:
        """Poll and deliver due jobs until cancelled; remove hosted photos no longer needed."""
        self.tick = tick if tick is not None else min(1.0, self._policy.interval / 2)
        next_sweep = 0.0
        keeper = asyncio.create_task(self._leases.keep(), name="job-leases")
        try:
            await self._poll_loop(sweep_every, next_sweep)
        finally:
            keeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await keeper

    async def _poll_loop(self, sweep_every: float, next_sweep: float) -> None:
        while True:
            now = time.time()
            # While writes fail (the database logged it once, /healthz says so), jobs wait
            # where they are: a step now could not record what it did.
            if await self._db.writable():
                with contextlib.suppress(DatabaseUnavailable):
                    if now >= self._next_abandoned:
                        # Whether a replica that died left jobs mid-submission.
                        self._next_abandoned = now + self._lease_seconds / 3
                        await self.take_abandoned()
                    await self.start_due()
                    if self._hosting is not None and now >= next_sweep:
                        await self._hosting.sweep()
                        next_sweep = now + sweep_every
            self.last_round = now
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.tick)

    async def hurry(self, job_id: int) -> bool:
        """Query this job now rather than at its scheduled time (a ShortAPI callback came);
        not while a step of it is in hand, nor more than once per HURRY_EVERY seconds.
        """
        now = time.monotonic()
        if job_id in self._in_flight or now < self._hurried.get(job_id, now):
            return False
        if len(self._hurried) > 256:  # forget the windows that have passed, now and then
            self._hurried = {job: at for job, at in self._hurried.items() if at > now}
        self._hurried[job_id] = now + HURRY_EVERY
        if not await self._db.jobs.make_due(job_id, time.time()):
            return False
        self._wake.set()
        return True

    async def start_due(self) -> int:
        """Start work on due jobs not already in hand, as many as there are free slots."""
        free = self._concurrency - len(self._in_flight)
        if free <= 0:
            self._backlog = True
            return 0
        # Leased to us; the claim schedules each query's next one (a query finding nothing
        # new writes nothing), leased past the renewal of a step in hand (a third of a lease).
        now = time.time()
        hold = now + self._lease_seconds / 2
        due = await self._db.jobs.claim_due(
            self.lease(), now, free, self._policy.next_queries(now), hold
        )
        for job in due:
            if job.id in self._in_flight:
                continue  # its step outlasted its next query's time; that step still runs
            self._in_flight.add(job.id)
            task = asyncio.create_task(self._advance(job))
            self._tasks.add(task)
            task.add_done_callback(self._step_done)
        self._backlog = len(due) == free
        return len(due)

    def _step_done(self, task: asyncio.Task[object]) -> None:
        self._tasks.discard(task)
        # More jobs were due than there were slots: refill once a quarter of them is free
        # rather than at the next tick (one query of the database per batch, not per job).
        if self._backlog and len(self._in_flight) <= self._concurrency * 3 // 4:
            self._wake.set()

    async def drain(self) -> None:
        """Wait for the work started so far."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def shutdown(self, grace: float) -> None:
        """Let the steps in hand finish (a send must be recorded), cancelling any still running
        after `grace` seconds. Call after the poll loop has stopped, before the database closes.
        """
        if not self._tasks:
            return
        _, pending = await asyncio.wait(set(self._tasks), timeout=grace)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)

    @metrics.in_flight
    async def _advance(self, job: Job) -> None:
        try:
            if job.status is JobStatus.SUCCEEDED:
                await self._delivery.deliver(job)
            else:
                await self._poll(job)
        except DatabaseUnavailable:
            pass  # logged once by the database; the job stays due and is taken up again
        except Exception:
            # A bug in one job's step must not stop the poller: it is logged with its traceback
            # and the job put off by the longest poll interval, not retried every tick.
            log.exception("job %s: unexpected error", job.id)
            await self._db.jobs.transition(
                job.id,
                job.status,
                job.status,
                next_poll_at=time.time() + self._policy.max_interval,
            )
        finally:
            self._in_flight.discard(job.id)

    async def _poll(self, job: Job) -> None:
        assert job.provider_job_id is not None
        try:
            state = await self._api.query(job.provider_job_id)
        except ShortAPIError as exc:
            if exc.final:
                await self._out.fail(job, Failure.LOST, str(exc))
                return
            started = job.submitted_at or job.created_at
            await self._out.retry_later(
                job, Failure.NO_ANSWER, str(exc), deadline=self._policy.query_deadline(started)
            )
            return
        now = time.time()
        if state.in_progress:
            await self._still_running(job, state.status, now)
        elif state.succeeded:
            moved = await self._db.jobs.transition(
                job.id,
                job.status,
                JobStatus.SUCCEEDED,
                result_url=state.video_url,
                finished_at=now,
                poll_failures=0,
                next_poll_at=now,
            )
            if moved is not None:
                await self._delivery.deliver(moved)
        else:
            log.warning("job %s failed at the API: %s", job.id, dict(state.raw))
            await self._out.fail(job, Failure.PROVIDER_FAILED, state.error or "")

    async def _still_running(self, job: Job, api_status: int, now: float) -> None:
        policy = self._policy
        polls = job.polls  # this query counted by its claim, which also scheduled the next
        started = job.submitted_at or job.created_at
        if job.status is JobStatus.OVERDUE:
            if now >= policy.query_deadline(started):
                await self._out.expired(job, polls)
            elif job.poll_failures:
                await self._db.jobs.transition(
                    job.id,
                    JobStatus.OVERDUE,
                    JobStatus.OVERDUE,
                    poll_failures=0,
                    next_poll_at=now + policy.max_interval,
                )
            return
        if now >= started + policy.timeout:
            minutes = f"{round(policy.timeout / 60)}/{round(policy.late_grace / 60)}"
            moved = await self._db.jobs.transition(
                job.id,
                job.status,
                JobStatus.OVERDUE,
                polls=polls,
                error=f"{Failure.EXPIRED}: {minutes}",
                next_poll_at=now + policy.max_interval,
            )
            if moved is not None:
                log.warning("job %s passed JOB_TIMEOUT; watching for a late result", job.id)
                await self._notifier.show_status(moved)
                await self._notifier.tell_failure(moved)
            return
        new = JobStatus.QUEUED if api_status == 0 else JobStatus.GENERATING
        # Nothing new: nothing to write (the claim scheduled the next query); the bar moves.
        moved: Job | None = dataclasses.replace(job, updated_at=now)
        if new is not job.status or job.poll_failures:
            moved = await self._db.jobs.transition(
                job.id, job.status, new, polls=polls, poll_failures=0,
                next_poll_at=now + policy.delay(polls),
            )  # fmt: skip
        if moved is not None:
            # Most polls change nothing a user would see; the edit goes out only if they do,
            # and while only the bar moves, at Telegram's pace.
            await self._notifier.show_status(
                moved, since=job, expected=await self._expected.of_job(job)
            )
