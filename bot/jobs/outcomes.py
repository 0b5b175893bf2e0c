"""How a job's step ends: each ending is one conditional state change, then the user hears of it.

Shared by the submission, polling and delivery steps of the runner.
"""

import logging
import time

from bot.jobs.policy import PollPolicy
from bot.jobs.ports import Failure, JobNotifier
from bot.ops import metrics
from storage import Database, Job, JobStatus

log = logging.getLogger(__name__)


class Outcomes:
    """The endings of a job's step: failed, unknown, delivered, given up, or tried again later."""

    def __init__(self, db: Database, notifier: JobNotifier, policy: PollPolicy) -> None:
        self._db = db
        self._notifier = notifier
        self._policy = policy

    async def fail(self, job: Job, key: str, detail: str) -> Job:
        """A definite answer ended the job: it failed, and the user is told why."""
        moved = await self._db.jobs.transition(
            job.id,
            job.status,
            JobStatus.FAILED,
            error=f"{key}: {detail}".strip(),
            finished_at=time.time(),
        )
        if moved is None:
            return await self.reload(job)
        log.warning("job %s failed: %s", job.id, moved.error)
        metrics.job_finished(moved)
        await self._notifier.show_status(moved)
        await self._notifier.tell_failure(moved)
        return moved

    async def unknown(self, job: Job, detail: str) -> Job:
        """The create request may have reached ShortAPI, but its answer is lost: never re-sent."""
        moved = await self._db.jobs.transition(
            job.id,
            JobStatus.CREATING,
            JobStatus.UNKNOWN,
            error=f"{Failure.OUTCOME_UNKNOWN}: {detail}",
            finished_at=time.time(),
        )
        if moved is None:
            return await self.reload(job)
        log.error("job %s: create call outcome unknown (%s); not re-submitting", job.id, detail)
        metrics.job_finished(moved)
        await self._notifier.show_status(moved)
        await self._notifier.tell_failure(moved)
        return moved

    async def delivered(self, job: Job, file_id: str | None) -> None:
        """Telegram accepted the video (or its link): record it at once."""
        moved = await self._db.jobs.transition(
            job.id,
            JobStatus.SUCCEEDED,
            JobStatus.DELIVERED,
            telegram_file_id=file_id,
            delivered_at=time.time(),
        )
        if moved is not None:
            log.info("job %s delivered", job.id)
            metrics.job_finished(moved)  # and how long it took, from Generate and from the API
            await self._notifier.show_status(moved)

    async def retry_later(
        self,
        job: Job,
        key: str,
        detail: str,
        *,
        deadline: float,
        retry_after: float | None = None,
    ) -> None:
        """A fault (5xx, 429, timeout, network) held the step up: try again later, backing off,
        until `deadline`; then give up. The user is told once that the job is delayed.
        """
        now = time.time()
        failures = job.poll_failures + 1
        if now >= deadline:
            await self.give_up(job, key, detail)
            return
        delay = max(self._policy.retry_delay(failures), retry_after or 0.0)
        tell = job.delay_told_at is None and failures >= self._policy.tell_after
        extra = {"delay_told_at": now} if tell else {}
        moved = await self._db.jobs.transition(
            job.id,
            job.status,
            job.status,
            poll_failures=failures,
            next_poll_at=min(now + delay, deadline),
            **extra,
        )
        log.info("job %s: attempt %d failed (%s), next in %.1fs", job.id, failures, detail, delay)
        if moved is not None and tell:
            waiting_for = "telegram" if key == Failure.UNDELIVERABLE else "api"
            await self._notifier.tell_delay(moved, waiting_for, deadline)

    async def give_up(self, job: Job, key: str, detail: str) -> None:
        """Faults lasted past the time the API can hand the video over: stop, and say so."""
        moved = await self._db.jobs.transition(
            job.id,
            job.status,
            JobStatus.EXPIRED,
            error=f"{key}: {detail}".strip(),
            next_poll_at=None,
            finished_at=job.finished_at or time.time(),
        )
        if moved is None:
            return
        log.warning("job %s: giving up after faults until its deadline: %s", job.id, detail)
        metrics.job_finished(moved)
        await self._notifier.show_status(moved)
        await self._notifier.tell_failure(moved)

    async def expired(self, job: Job, polls: int) -> None:
        """No late video within the grace period: nobody looks any more; Stars paid for it go
        back (in the transition) and the user is told."""
        moved = await self._db.jobs.transition(
            job.id, JobStatus.OVERDUE, JobStatus.EXPIRED, polls=polls, next_poll_at=None
        )
        if moved is None:
            return
        log.info("job %s expired: no late result within the grace period", job.id)
        metrics.job_finished(moved)
        await self._notifier.show_status(moved)
        if moved.stars:
            await self._notifier.tell_stars_back(moved)

    async def reload(self, job: Job) -> Job:
        """The job as stored now (after another step moved it)."""
        return await self._db.jobs.get(job.id) or job
