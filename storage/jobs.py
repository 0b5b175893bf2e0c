"""Jobs: one row per Generate, every change of state one conditional UPDATE.

A replica works on a job's step only while it holds the job's lease (lease_owner,
lease_until): claimed in one statement, renewed while the step is in hand, given back by the
transition that ends the step, and lost by time when the replica dies.
"""

import time
from collections.abc import Collection, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from storage import ledger
from storage.ledger import NotEnoughStars
from storage.records import (
    ACTIVE_JOB_STATUSES,
    RUNNING_JOB_STATUSES,
    STARS_RETURNED_STATUSES,
    TERMINAL_JOB_STATUSES,
    DaySummary,
    Job,
    JobStatus,
    Lease,
    LedgerKind,
    ModelSummary,
    SpendLimits,
    UserSummary,
    job_from_row,
)
from storage.sql import Args
from storage.submissions import (
    CHARGEABLE,
    LimitReached,
    PaidOutcome,
    Purchase,
    cost,
    create,
    spent_query,
    total,
)

if TYPE_CHECKING:
    from storage.db import Database

# Columns a state change may set besides status; anything else is a programming error.
_SETTABLE = frozenset(
    {
        "amount",
        "provider_job_id",
        "error",
        "result_url",
        "telegram_file_id",
        "poll_failures",
        "polls",
        "next_poll_at",
        "submitted_at",
        "finished_at",
        "delivered_at",
        "delay_told_at",
        "lease_until",  # a fresh lease for the create call, set as it is about to leave
    }
)


# Jobs being submitted: the photo fetched, the create call made. A replica holds their lease
# from the press of Generate; one whose lease ran out was left by a replica that died.
_SUBMIT_STATUSES = (JobStatus.SUBMITTING, JobStatus.CREATING)
# The statuses whose step is a query at the API (a SUCCEEDED job's step is its delivery).
_QUERY_STATUSES = (JobStatus.QUEUED, JobStatus.GENERATING, JobStatus.OVERDUE)


def _day(created_at: float) -> str:
    return datetime.fromtimestamp(created_at, UTC).date().isoformat()


def _ends_step(new: JobStatus, fields: dict[str, Any], now: float) -> bool:
    # A step is over when the job is done or waits for a later time; a job left due now (a
    # video found finished, to be sent in the same step) stays with the replica holding it.
    if new in TERMINAL_JOB_STATUSES:
        return True
    if "next_poll_at" not in fields:
        return False
    when = fields["next_poll_at"]
    return when is None or when > now


class JobRepository:
    """Create jobs from drafts, lease them to replicas and move them through their states."""

    def __init__(self, db: "Database") -> None:
        self._db = db

    async def create_from_draft(
        self,
        draft_id: int,
        user_id: int,
        price: Decimal,
        limits: SpendLimits | None = None,
        lease: Lease | None = None,
        stars: int = 0,
    ) -> Job | None:
        """Close an open draft and write its job in one transaction, within the spend limits.

        Returns None when the draft is not this user's open draft (closed, someone else's, or
        unknown): however often Generate is pressed, on whichever replica, one draft yields at
        most one job. Raises LimitReached, or NotEnoughStars when `stars` are to be paid from
        a balance too small, changing nothing. The job starts leased to `lease`'s replica.
        """
        async with self._db.transaction() as tx:
            return await create(tx, draft_id, user_id, price, limits, lease, stars)

    async def create_paid(
        self,
        purchase: Purchase,
        draft_id: int,
        price: Decimal,
        limits: SpendLimits | None,
        lease: Lease | None,
        stars: int,
    ) -> PaidOutcome:
        """Credit a payment made for one draft and make its job, in one transaction.

        A payment is credited once per charge id, whatever happens to the draft: closed
        meanwhile, over a limit or still short, the job is not made and the Stars stay on the
        balance. The draft's job is made at most once, as for any Generate.
        """
        async with self._db.transaction() as tx:
            entry = await ledger.add(
                tx,
                purchase.user_id,
                LedgerKind.PURCHASE,
                purchase.stars,
                purchase.charge_id,
                purchase.note,
            )
            credited = entry is not None
            # Counted before: by this update delivered again (the draft is closed by then), or
            # by reconciliation while the update was on its way (the draft is still open, and
            # the Stars on the balance pay for it now). Every refusal below is raised before
            # create() writes anything, so the credit commits alone.
            try:
                job = await create(tx, draft_id, purchase.user_id, price, limits, lease, stars)
            except (LimitReached, NotEnoughStars) as exc:
                return PaidOutcome(credited=credited, refused=exc)
            return PaidOutcome(credited=credited, job=job)

    async def spent_since(self, since: float, user_id: int | None = None) -> Decimal:
        """What jobs created since `since` may have cost (one user's, or everyone's)."""
        sql, args = spent_query(since, user_id)
        return total(await self._db.fetch(sql, *args))

    async def daily_summary(self, since: float) -> list[DaySummary]:
        """Jobs, failures and spend per UTC day since `since`, newest day first."""
        rows = await self._db.fetch(
            f"SELECT created_at, status, price, amount, {CHARGEABLE} AS chargeable"
            " FROM jobs WHERE created_at >= $1",
            since,
        )
        days: dict[str, list[Any]] = {}
        for row in rows:
            day = days.setdefault(_day(row["created_at"]), [0, 0, Decimal(0)])
            day[0] += 1
            day[1] += row["status"] == JobStatus.FAILED
            day[2] += cost(row) if row["chargeable"] else Decimal(0)
        return [DaySummary(d, *v) for d, v in sorted(days.items(), reverse=True)]

    async def user_summary(self, since: float) -> list[UserSummary]:
        """Jobs and spend per user since `since`, biggest spender first."""
        rows = await self._db.fetch(
            f"SELECT jobs.user_id, users.first_name, users.username, price, amount,"
            f" {CHARGEABLE} AS chargeable FROM jobs JOIN users ON users.id = jobs.user_id"
            f" WHERE jobs.created_at >= $1",
            since,
        )
        users: dict[int, list[Any]] = {}
        for row in rows:
            name = f"@{row['username']}" if row["username"] else row["first_name"]
            entry = users.setdefault(row["user_id"], [name, 0, Decimal(0)])
            entry[1] += 1
            entry[2] += cost(row) if row["chargeable"] else Decimal(0)
        summaries = [UserSummary(uid, *v) for uid, v in users.items()]
        return sorted(summaries, key=lambda u: (u.spent, u.jobs), reverse=True)

    async def model_summary(self, since: float) -> list[ModelSummary]:
        """Jobs and spend per ShortAPI model since `since` (only models with jobs), most first."""
        rows = await self._db.fetch(
            f"SELECT model, price, amount, {CHARGEABLE} AS chargeable"
            " FROM jobs WHERE created_at >= $1",
            since,
        )
        models: dict[str, list[Any]] = {}
        for row in rows:
            entry = models.setdefault(row["model"], [0, Decimal(0)])
            entry[0] += 1
            entry[1] += cost(row) if row["chargeable"] else Decimal(0)
        summaries = [ModelSummary(model, *v) for model, v in sorted(models.items())]
        return sorted(summaries, key=lambda m: (m.jobs, m.spent), reverse=True)

    async def count_running(self) -> int:
        """Jobs being made or sent right now, across all users."""
        a = Args()
        count = await self._db.fetchval(
            f"SELECT COUNT(*) FROM jobs WHERE status IN ({a.many(RUNNING_JOB_STATUSES)})",
            *a.values,
        )
        return int(count or 0)

    async def by_media_token(self, token: str) -> Job | None:
        """The job whose photo is served under this token."""
        row = await self._db.fetchrow("SELECT * FROM jobs WHERE media_token = $1", token)
        return job_from_row(row) if row else None

    async def by_callback_secret(self, secret: str) -> Job | None:
        """The job whose ShortAPI callback URL carries this secret."""
        row = await self._db.fetchrow("SELECT * FROM jobs WHERE callback_secret = $1", secret)
        return job_from_row(row) if row else None

    async def make_due(self, job_id: int, now: float) -> bool:
        """Bring a job's next step forward to now, if it has one (whichever replica a callback
        reaches). A replica that holds the job's lease takes the step at its next round; one
        with the step in hand already sees the job due again when that step ends."""
        a = Args()
        changed = await self._db.execute(
            f"UPDATE jobs SET next_poll_at = {a(now)} WHERE id = {a(job_id)}"
            f" AND status IN ({a.many(ACTIVE_JOB_STATUSES)}) AND next_poll_at > {a(now)}",
            *a.values,
        )
        return changed == 1

    async def media_to_remove(self, created_before: float) -> list[Job]:
        """Jobs with a hosted photo that is no longer needed: finished, or older than allowed."""
        a = Args()
        keep = (*ACTIVE_JOB_STATUSES, *_SUBMIT_STATUSES)
        rows = await self._db.fetch(
            "SELECT * FROM jobs WHERE media_token IS NOT NULL AND media_mime IS NOT NULL"
            f" AND (status NOT IN ({a.many(keep)}) OR created_at < {a(created_before)})",
            *a.values,
        )
        return [job_from_row(r) for r in rows]

    async def get(self, job_id: int) -> Job | None:
        """The job, or None."""
        row = await self._db.fetchrow("SELECT * FROM jobs WHERE id = $1", job_id)
        return job_from_row(row) if row else None

    async def transition(
        self,
        job_id: int,
        expected: JobStatus | Collection[JobStatus],
        new: JobStatus,
        **fields: Any,
    ) -> Job | None:
        """Move a job from an expected status to a new one; None if it was not in it.

        One conditional UPDATE, so a repeated or concurrent event applies once. A change
        that ends the job's step (done, or waiting for a later time) gives its lease back.
        """
        bad = set(fields) - _SETTABLE
        if bad:
            raise ValueError(f"cannot set {sorted(bad)}")
        now = time.time()
        olds = [expected] if isinstance(expected, JobStatus) else list(expected)
        a = Args()
        sets = "".join(
            f", {name} = {a(str(v) if isinstance(v, Decimal) else v)}"
            for name, v in fields.items()
        )
        if _ends_step(new, fields, now):
            sets += ", lease_owner = NULL, lease_until = NULL"
        sql = (
            f"UPDATE jobs SET status = {a(new)}, updated_at = {a(now)}{sets}"
            f" WHERE id = {a(job_id)} AND status IN ({a.many(olds)}) RETURNING *"
        )
        if new not in STARS_RETURNED_STATUSES:
            row = await self._db.fetchrow(sql, *a.values)
            return job_from_row(row) if row else None
        async with self._db.transaction() as tx:
            row = await tx.fetchrow(sql, *a.values)
            if row is not None and row["stars"] > 0:
                # No video: the Stars go back with the change that says so, and only once.
                await ledger.add(tx, row["user_id"], LedgerKind.RETURN, row["stars"], str(job_id))
        return job_from_row(row) if row else None

    async def claim_due(
        self,
        lease: Lease,
        now: float,
        limit: int,
        next_queries: Sequence[float] = (),
        query_lease: float = 0.0,
    ) -> list[Job]:
        """Lease up to `limit` jobs whose next step (a query or a delivery) is due and that no
        other replica holds, oldest due first; in one statement, so no two replicas get one job.

        With `next_queries` (when a query step's next query is, after 0, 1, 2... queries; the
        last entry for any more), each claimed query step counts its query and is scheduled
        for the next one already: a query that finds nothing new then writes nothing. Its
        lease runs until that next query (at least until `query_lease`, long enough for the
        renewal of a step still in hand): the replica claims the job again then, and were it
        gone, another could.
        """
        a = Args()
        owner = a(lease.owner)
        if not next_queries:
            sets = f"lease_until = {a(lease.until)}"
        else:

            def by_polls(values: Sequence[float]) -> str:
                # As DOUBLE PRECISION: PostgreSQL cannot tell a parameter's type in a CASE
                # (SQLite takes any type name).
                typed = [f"CAST({a(v)} AS DOUBLE PRECISION)" for v in values]
                whens = " ".join(f"WHEN {i} THEN {v}" for i, v in enumerate(typed[:-1]))
                return f"CASE polls {whens} ELSE {typed[-1]} END" if whens else typed[-1]

            held = [max(t, query_lease) for t in next_queries]
            sets = (
                f"lease_until = CASE WHEN status IN ({a.many(_QUERY_STATUSES)})"
                f" THEN {by_polls(held)} ELSE {a(lease.until)} END,"
                f" polls = CASE WHEN status IN ({a.many(_QUERY_STATUSES)})"
                " THEN polls + 1 ELSE polls END,"
                f" next_poll_at = CASE WHEN status IN ({a.many(_QUERY_STATUSES)})"
                f" THEN {by_polls(next_queries)} ELSE next_poll_at END"
            )
        rows = await self._db.fetch(
            f"UPDATE jobs SET lease_owner = {owner}, {sets}"
            " WHERE id IN (SELECT id FROM jobs"
            f" WHERE status IN ({a.many(ACTIVE_JOB_STATUSES)}) AND next_poll_at <= {a(now)}"
            f" AND (lease_until IS NULL OR lease_until <= {a(now)} OR lease_owner = {owner})"
            f" ORDER BY next_poll_at LIMIT {a(limit)}{self._skip_locked()}) RETURNING *",
            *a.values,
        )
        return sorted((job_from_row(r) for r in rows), key=lambda j: (j.next_poll_at, j.id))

    async def claim_abandoned(
        self, lease: Lease, now: float, creating_grace: float = 0.0
    ) -> list[Job]:
        """Lease the jobs being submitted whose replica's lease ran out (it died); a job whose
        create call was under way only once its lease has been out `creating_grace` more."""
        a = Args()
        rows = await self._db.fetch(
            f"UPDATE jobs SET lease_owner = {a(lease.owner)}, lease_until = {a(lease.until)}"
            " WHERE id IN (SELECT id FROM jobs"
            f" WHERE status IN ({a.many(_SUBMIT_STATUSES)}) AND (lease_until IS NULL"
            f" OR (status = {a(JobStatus.SUBMITTING)} AND lease_until <= {a(now)})"
            f" OR (status = {a(JobStatus.CREATING)} AND lease_until <= {a(now - creating_grace)}))"
            f" ORDER BY id{self._skip_locked()}) RETURNING *",
            *a.values,
        )
        return sorted((job_from_row(r) for r in rows), key=lambda j: j.id)

    async def renew(self, lease: Lease, job_ids: Collection[int]) -> int:
        """Extend this replica's lease on the jobs whose steps it has in hand; how many."""
        if not job_ids:
            return 0
        a = Args()
        return await self._db.execute(
            f"UPDATE jobs SET lease_until = {a(lease.until)}"
            f" WHERE lease_owner = {a(lease.owner)} AND id IN ({a.many(job_ids)})",
            *a.values,
        )

    async def release_all(self) -> int:
        """Free every lease: at the start of the one process a SQLite file has, whatever a
        lease says was held by a process that is gone."""
        return await self._db.execute(
            "UPDATE jobs SET lease_owner = NULL, lease_until = NULL WHERE lease_owner IS NOT NULL"
        )

    def _skip_locked(self) -> str:
        # PostgreSQL: rows another replica is claiming this instant are passed over rather
        # than waited for. SQLite has one writer at a time and no such clause.
        return " FOR UPDATE SKIP LOCKED" if self._db.store == "postgresql" else ""

    async def with_status(self, status: JobStatus) -> list[Job]:
        """Every job in this status, oldest first."""
        rows = await self._db.fetch("SELECT * FROM jobs WHERE status = $1 ORDER BY id", status)
        return [job_from_row(r) for r in rows]

    async def recent_for_user(self, user_id: int, limit: int = 10) -> list[Job]:
        """The user's newest jobs, newest first."""
        rows = await self._db.fetch(
            "SELECT * FROM jobs WHERE user_id = $1 ORDER BY id DESC LIMIT $2", user_id, limit
        )
        return [job_from_row(r) for r in rows]
