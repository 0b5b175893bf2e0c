"""Jobs: one row per Generate, every change of state one conditional UPDATE.

A replica works on a job's step only while it holds the job's lease (lease_owner,
lease_until): claimed in one statement, renewed while the step is in hand, given back by the
transition that ends the step, and lost by time when the replica dies.
"""

import time
from collections.abc import Collection, Iterable
from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from storage.records import (
    ACTIVE_JOB_STATUSES,
    RUNNING_JOB_STATUSES,
    TERMINAL_JOB_STATUSES,
    DaySummary,
    DraftStatus,
    Job,
    JobStatus,
    Lease,
    SpendLimits,
    UserSummary,
    columns_of,
)
from storage.sql import Args

if TYPE_CHECKING:
    from storage.db import Database, Transaction

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


class LimitReached(Exception):
    """A new job would break a spend limit; `kind` is user_daily, daily or active."""

    def __init__(self, kind: str, limit: Decimal | int, left: Decimal | int) -> None:
        super().__init__(f"{kind} limit {limit} reached ({left} left)")
        self.kind = kind
        self.limit = limit
        self.left = left


# A job may cost money once the API may have taken it: it has a provider id, or the create call
# is under way or its outcome is unknown; one still being prepared (submitting) will be sent,
# so it holds its price too (simultaneous presses cannot overshoot a budget). Refused or
# never-sent jobs cost nothing.
_CHARGEABLE = "(provider_job_id IS NOT NULL OR status IN ('submitting', 'creating', 'unknown'))"
# Advisory lock keys of the budget checks (PostgreSQL; SQLite's write lock covers them): one
# per user, and one for the budget all users share.
_BUDGET_LOCK = 0x5645_4F01 << 32
_ALL_USERS_LOCK = _BUDGET_LOCK - 1
# Jobs being submitted: the photo fetched, the create call made. A replica holds their lease
# from the press of Generate; one whose lease ran out was left by a replica that died.
_SUBMIT_STATUSES = (JobStatus.SUBMITTING, JobStatus.CREATING)


def _cost(row: Any) -> Decimal:
    # What the API said it charged when it said so, else the price from the table. Money is
    # summed here as Decimal: SQL's SUM would go through floating point.
    return Decimal(row["amount"] if row["amount"] is not None else row["price"])


def _spent_query(since: float, user_id: int | None) -> tuple[str, list[Any]]:
    a = Args()
    sql = f"SELECT price, amount FROM jobs WHERE created_at >= {a(since)} AND {_CHARGEABLE}"
    if user_id is not None:
        sql += f" AND user_id = {a(user_id)}"
    return sql, a.values


def _total(rows: Iterable[Any]) -> Decimal:
    return sum((_cost(row) for row in rows), Decimal(0))


def _day(created_at: float) -> str:
    return datetime.fromtimestamp(created_at, UTC).date().isoformat()


async def _check_limits(
    tx: "Transaction", user_id: int, price: Decimal, limits: SpendLimits
) -> None:
    # The check and the insert share the transaction, and transactions that check the same
    # budget take turns: concurrent presses, on any replica, cannot overshoot together.
    await tx.lock(_ALL_USERS_LOCK if limits.daily is not None else _BUDGET_LOCK + user_id)
    if limits.max_active is not None:
        a = Args()
        running = await tx.fetchval(
            f"SELECT COUNT(*) FROM jobs WHERE user_id = {a(user_id)}"
            f" AND status IN ({a.many(RUNNING_JOB_STATUSES)})",
            *a.values,
        )
        if int(running or 0) >= limits.max_active:
            raise LimitReached("active", limits.max_active, 0)
    for kind, limit, who in (
        ("user_daily", limits.user_daily, user_id),
        ("daily", limits.daily, None),
    ):
        if limit is None:
            continue
        sql, args = _spent_query(limits.day_start, who)
        spent = _total(await tx.fetch(sql, *args))
        if spent + price > limit:
            raise LimitReached(kind, limit, max(limit - spent, Decimal(0)))


def job_from_row(row: Any) -> Job:
    """Map a jobs row to its record; money is stored as text and read back as Decimal."""
    amount = row["amount"]
    return Job(
        **columns_of(Job, row)
        | {
            "audio": bool(row["audio"]),
            "status": JobStatus(row["status"]),
            "price": Decimal(row["price"]),
            "amount": Decimal(amount) if amount is not None else None,
        }
    )


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
    ) -> Job | None:
        """Close an open draft and write its job in one transaction, within the spend limits.

        Returns None when the draft is not this user's open draft (closed, someone else's, or
        unknown): however often Generate is pressed, on whichever replica, one draft yields at
        most one job. Raises LimitReached, changing nothing, when the job would break a limit.
        The job starts leased to `lease`'s replica, which submits it.
        """
        now = time.time()
        async with self._db.transaction() as tx:
            if limits is not None:
                await _check_limits(tx, user_id, price, limits)
            draft = await tx.fetchrow(
                "UPDATE drafts SET status = $1, updated_at = $2"
                " WHERE id = $3 AND user_id = $4 AND status = $5 AND message_id IS NOT NULL"
                " RETURNING *",
                DraftStatus.SUBMITTED,
                now,
                draft_id,
                user_id,
                DraftStatus.OPEN,
            )
            if draft is None:
                return None
            columns = (
                "draft_id, user_id, chat_id, message_id, file_id, mime_type, prompt, mode,"
                " duration, resolution, aspect_ratio, audio, price, status, created_at,"
                " updated_at, lease_owner, lease_until"
            )
            row = await tx.fetchrow(
                f"INSERT INTO jobs ({columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,"
                " $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING *",
                draft["id"],
                draft["user_id"],
                draft["chat_id"],
                draft["message_id"],
                draft["file_id"],
                draft["mime_type"],
                draft["prompt"],
                draft["mode"],
                draft["duration"],
                draft["resolution"],
                draft["aspect_ratio"],
                draft["audio"],
                str(price),
                JobStatus.SUBMITTING,
                now,
                now,
                lease.owner if lease else None,
                lease.until if lease else None,
            )
        return job_from_row(row)

    async def spent_since(self, since: float, user_id: int | None = None) -> Decimal:
        """What jobs created since `since` may have cost (one user's, or everyone's)."""
        sql, args = _spent_query(since, user_id)
        return _total(await self._db.fetch(sql, *args))

    async def daily_summary(self, since: float) -> list[DaySummary]:
        """Jobs, failures and spend per UTC day since `since`, newest day first."""
        rows = await self._db.fetch(
            f"SELECT created_at, status, price, amount, {_CHARGEABLE} AS chargeable"
            " FROM jobs WHERE created_at >= $1",
            since,
        )
        days: dict[str, list[Any]] = {}
        for row in rows:
            day = days.setdefault(_day(row["created_at"]), [0, 0, Decimal(0)])
            day[0] += 1
            day[1] += row["status"] == JobStatus.FAILED
            day[2] += _cost(row) if row["chargeable"] else Decimal(0)
        return [DaySummary(d, *v) for d, v in sorted(days.items(), reverse=True)]

    async def user_summary(self, since: float) -> list[UserSummary]:
        """Jobs and spend per user since `since`, biggest spender first."""
        rows = await self._db.fetch(
            f"SELECT jobs.user_id, users.first_name, users.username, price, amount,"
            f" {_CHARGEABLE} AS chargeable FROM jobs JOIN users ON users.id = jobs.user_id"
            f" WHERE jobs.created_at >= $1",
            since,
        )
        users: dict[int, list[Any]] = {}
        for row in rows:
            name = f"@{row['username']}" if row["username"] else row["first_name"]
            entry = users.setdefault(row["user_id"], [name, 0, Decimal(0)])
            entry[1] += 1
            entry[2] += _cost(row) if row["chargeable"] else Decimal(0)
        summaries = [UserSummary(uid, *v) for uid, v in users.items()]
        return sorted(summaries, key=lambda u: (u.spent, u.jobs), reverse=True)

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
        """Bring a job's next step forward to now, if it has one and no replica holds a step
        of it (whichever replica a callback reaches)."""
        a = Args()
        changed = await self._db.execute(
            f"UPDATE jobs SET next_poll_at = {a(now)} WHERE id = {a(job_id)}"
            f" AND status IN ({a.many(ACTIVE_JOB_STATUSES)}) AND next_poll_at > {a(now)}"
            f" AND (lease_until IS NULL OR lease_until <= {a(now)})",
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
        row = await self._db.fetchrow(
            f"UPDATE jobs SET status = {a(new)}, updated_at = {a(now)}{sets}"
            f" WHERE id = {a(job_id)} AND status IN ({a.many(olds)}) RETURNING *",
            *a.values,
        )
        return job_from_row(row) if row else None

    async def claim_due(self, lease: Lease, now: float, limit: int) -> list[Job]:
        """Lease up to `limit` jobs whose next step (a query or a delivery) is due and that no
        replica holds, oldest due first; in one statement, so no two replicas get one job."""
        a = Args()
        rows = await self._db.fetch(
            f"UPDATE jobs SET lease_owner = {a(lease.owner)}, lease_until = {a(lease.until)}"
            " WHERE id IN (SELECT id FROM jobs"
            f" WHERE status IN ({a.many(ACTIVE_JOB_STATUSES)}) AND next_poll_at <= {a(now)}"
            f" AND (lease_until IS NULL OR lease_until <= {a(now)})"
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
