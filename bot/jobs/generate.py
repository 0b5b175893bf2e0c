"""The one road from Generate to a job in hand: a press on Generate, or the payment of a
video's invoice, makes the job (leased to this replica from its first moment, so that no other
replica takes it for one left behind) and hands back the paid call to run."""

from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any

from bot.core.drafts import DraftService
from bot.jobs.runner import JobRunner
from bot.payments.service import Payment, PaymentService
from storage import Job


@dataclass(frozen=True, slots=True)
class Started:
    """A job just made and in hand: the handler shows it, then runs `submission` (the one
    paid create call) outside the update, whatever happened to what it showed."""

    job: Job
    submission: Coroutine[Any, Any, Job]


class Generate:
    """Generate, by a press or by paying the invoice for the Stars a press was short of."""

    def __init__(self, drafts: DraftService, payments: PaymentService, runner: JobRunner) -> None:
        self._drafts = drafts
        self._payments = payments
        self._runner = runner

    async def press(self, draft_id: int, user_id: int) -> Started:
        """The draft's job, made now (a UserError says why not)."""
        return self._start(await self._drafts.generate(draft_id, user_id, self._runner.lease()))

    async def payment(
        self, user_id: int, charge_id: str, payload: str, total: int
    ) -> tuple[Payment, Started | None]:
        """A successful payment counted once; the video its invoice was for, if it made one."""
        payment = await self._payments.paid(
            user_id, charge_id, payload, total, self._runner.lease()
        )
        job = payment.video.job if payment.video is not None else None
        return payment, (self._start(job) if job is not None else None)

    def _start(self, job: Job) -> Started:
        # In hand from here (its lease kept), though the call runs after the handler answers.
        return Started(job, self._runner.submit(job))
