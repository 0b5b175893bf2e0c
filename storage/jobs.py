"""Jobs: one row per Generate, every change of state one conditional UPDATE."""

import time
from collections.abc import Collection, Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import aiosqlite

from storage.records import (
    ACTIVE_JOB_STATUSES,
    RUNNING_JOB_STATUSES,
    DaySummary,
    DraftStatus,
    Job,
    JobStatus,
    SpendLimits,
    UserSummary,
    columns_of,
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


def _cost(row: aiosqlite.Row) -> Decimal:
    # What the API said it charged when it said so, else the price from the table. Money is
    # summed here as Decimal: SQLite's SUM would go through floating point.
    return Decimal(row["amount"] if row["amount"] is not None else row["price"])


def _spent_query(since: float, user_id: int | None) -> tuple[str, tuple[Any, ...]]:
    sql = f"SELECT price, amount FROM jobs WHERE created_at >= ? AND {_CHARGEABLE}"
    params: tuple[Any, ...] = (since,)
    if user_id is not None:
        sql += " AND user_id = ?"
        params += (user_id,)
    return sql, params


def _total(rows: Iterable[aiosqlite.Row]) -> Decimal:
    return sum((_cost(row) for row in rows), Decimal(0))


async def _spent(conn: aiosqlite.Connection, since: float, user_id: int | None) -> Decimal:
    # Inside the job-writing transaction, so the check and the insert see the same rows.
    sql, params = _spent_query(since, user_id)
    async with conn.execute(sql, params) as cur:
        return _total(await cur.fetchall())


async def _check_limits(
    conn: aiosqlite.Connection, user_id: int, price: Decimal, limits: SpendLimits
) -> None:
    if limits.max_active is not None:
        marks = ", ".join("?" for _ in RUNNING_JOB_STATUSES)
        async with conn.execute(
            f"SELECT COUNT(*) FROM jobs WHERE user_id = ? AND status IN ({marks})",
            (user_id, *sorted(RUNNING_JOB_STATUSES)),
        ) as cur:
            row = await cur.fetchone()
        running = int(row[0]) if row else 0
        if running >= limits.max_active:
            raise LimitReached("active", limits.max_active, 0)
    for kind, limit, who in (
        ("user_daily", limits.user_daily, user_id),
        ("daily", limits.daily, None),
    ):
        if limit is None:
            continue
        spent = await _spent(conn, limits.day_start, who)
        if spent + price > limit:
            raise LimitReached(kind, limit, max(limit - spent, Decimal(0)))


def job_from_row(row: aiosqlite.Row) -> Job:
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


class JobRepository:
    """Create jobs from drafts and move them through their states."""

    def __init__(self, db: "Database") -> None:
        self._db = db

    async def create_from_draft(
        self, draft_id: int, user_id: int, price: Decimal, limits: SpendLimits | None = None
    ) -> Job | None:
        """Close an open draft and write its job in one transaction, within the spend limits.

        Returns None when the draft is not this user's open draft (closed, someone else's, or
        unknown): however often Generate is pressed, one draft yields at most one job. Raises
        LimitReached, changing nothing, when the job would break a limit; the check and the
        insert share the transaction, so concurrent presses cannot overshoot together.
        """
        now = time.time()
        async with self._db.transaction() as conn:
            if limits is not None:
                await _check_limits(conn, user_id, price, limits)
            cur = await conn.execute(
                "UPDATE drafts SET status = ?, updated_at = ?"
                " WHERE id = ? AND user_id = ? AND status = ? AND message_id IS NOT NULL",
                (DraftStatus.SUBMITTED, now, draft_id, user_id, DraftStatus.OPEN),
            )
            if cur.rowcount != 1:
                return None
            cur = await conn.execute(
                "INSERT INTO jobs (draft_id, user_id, chat_id, message_id, file_id, mime_type,"
                " prompt, mode, duration, resolution, aspect_ratio, audio, price, status,"
                " created_at, updated_at)"
                " SELECT id, user_id, chat_id, message_id, file_id, mime_type, prompt, mode,"
                " duration, resolution, aspect_ratio, audio, ?, ?, ?, ? FROM drafts WHERE id = ?",
                (str(price), JobStatus.SUBMITTING, now, now, draft_id),
            )
            async with conn.execute("SELECT * FROM jobs WHERE id = ?", (cur.lastrowid,)) as c:
                row = await c.fetchone()
        assert row is not None
        return job_from_row(row)

    async def spent_since(self, since: float, user_id: int | None = None) -> Decimal:
        """What jobs created since `since` may have cost (one user's, or everyone's)."""
        sql, params = _spent_query(since, user_id)
        return _total(await self._db.fetch_all(sql, params))

    async def daily_summary(self, since: float) -> list[DaySummary]:
        """Jobs, failures and spend per UTC day since `since`, newest day first."""
        rows = await self._db.fetch_all(
            f"SELECT date(created_at, 'unixepoch') AS day, status, price, amount,"
            f" {_CHARGEABLE} AS chargeable FROM jobs WHERE created_at >= ?",
            (since,),
        )
        days: dict[str, list[Any]] = {}
        for row in rows:
            day = days.setdefault(row["day"], [0, 0, Decimal(0)])
            day[0] += 1
            day[1] += row["status"] == JobStatus.FAILED
            day[2] += _cost(row) if row["chargeable"] else Decimal(0)
        return [DaySummary(d, *v) for d, v in sorted(days.items(), reverse=True)]

    async def user_summary(self, since: float) -> list[UserSummary]:
        """Jobs and spend per user since `since`, biggest spender first."""
        rows = await self._db.fetch_all(
            f"SELECT jobs.user_id, users.first_name, users.username, price, amount,"
            f" {_CHARGEABLE} AS chargeable FROM jobs JOIN users ON users.id = jobs.user_id"
            f" WHERE jobs.created_at >= ?",
            (since,),
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
        marks = ", ".join("?" for _ in RUNNING_JOB_STATUSES)
        row = await self._db.fetch_one(
            f"SELECT COUNT(*) FROM jobs WHERE status IN ({marks})", sorted(RUNNING_JOB_STATUSES)
        )
        return int(row[0]) if row else 0

    async def set_hosting(
        self, job_id: int, media_token: str | None, media_mime: str | None, callback_secret: str
    ) -> bool:
        """Record where the photo is served and the callback secret, before the create call."""
        changed = await self._db.execute(
            "UPDATE jobs SET media_token = ?, media_mime = ?, callback_secret = ?, updated_at = ?"
            " WHERE id = ? AND status = ?",
            (media_token, media_mime, callback_secret, time.time(), job_id, JobStatus.SUBMITTING),
        )
        return changed == 1

    async def by_media_token(self, token: str) -> Job | None:
        """The job whose photo is served under this token."""
        row = await self._db.fetch_one("SELECT * FROM jobs WHERE media_token = ?", (token,))
        return job_from_row(row) if row else None

    async def by_callback_secret(self, secret: str) -> Job | None:
        """The job whose ShortAPI callback URL carries this secret."""
        row = await self._db.fetch_one("SELECT * FROM jobs WHERE callback_secret = ?", (secret,))
        return job_from_row(row) if row else None

    async def make_due(self, job_id: int, now: float) -> bool:
        """Bring a job's next step forward to now, if it still has one."""
        marks = ", ".join("?" for _ in ACTIVE_JOB_STATUSES)
        changed = await self._db.execute(
            f"UPDATE jobs SET next_poll_at = ? WHERE id = ? AND status IN ({marks})"
            " AND next_poll_at > ?",
            (now, job_id, *sorted(ACTIVE_JOB_STATUSES), now),
        )
        return changed == 1

    async def media_to_remove(self, created_before: float) -> list[Job]:
        """Jobs with a hosted photo that is no longer needed: finished, or older than allowed."""
        marks = ", ".join("?" for _ in ACTIVE_JOB_STATUSES)
        rows = await self._db.fetch_all(
            "SELECT * FROM jobs WHERE media_token IS NOT NULL AND media_mime IS NOT NULL"
            f" AND (status NOT IN ({marks}, ?, ?) OR created_at < ?)",
            (
                *sorted(ACTIVE_JOB_STATUSES),
                JobStatus.SUBMITTING,
                JobStatus.CREATING,
                created_before,
            ),
        )
        return [job_from_row(r) for r in rows]

    async def forget_media(self, job_id: int) -> None:
        """Mark a job's hosted photo as deleted (the token stays, so it keeps answering 404)."""
        await self._db.execute("UPDATE jobs SET media_mime = NULL WHERE id = ?", (job_id,))

    async def get(self, job_id: int) -> Job | None:
        """The job, or None."""
        row = await self._db.fetch_one("SELECT * FROM jobs WHERE id = ?", (job_id,))
        return job_from_row(row) if row else None

    async def transition(
        self,
        job_id: int,
        expected: JobStatus | Collection[JobStatus],
        new: JobStatus,
        **fields: Any,
    ) -> Job | None:
        """Move a job from an expected status to a new one; None if it was not in it.

        One conditional UPDATE, so a repeated or concurrent event applies once.
        """
        bad = set(fields) - _SETTABLE
        if bad:
            raise ValueError(f"cannot set {sorted(bad)}")
        olds = [expected] if isinstance(expected, JobStatus) else list(expected)
        values = [str(v) if isinstance(v, Decimal) else v for v in fields.values()]
        sets = "".join(f", {name} = ?" for name in fields)
        marks = ", ".join("?" for _ in olds)
        rows = await self._db.execute_returning(
            f"UPDATE jobs SET status = ?, updated_at = ?{sets}"
            f" WHERE id = ? AND status IN ({marks}) RETURNING *",
            (new, time.time(), *values, job_id, *olds),
        )
        return job_from_row(rows[0]) if rows else None

    async def due(self, now: float, limit: int, skip: Collection[int] = ()) -> list[Job]:
        """Jobs whose next step (a query or a delivery) is due, oldest due first; not those
        in `skip` (steps already in hand).
        """
        marks = ", ".join("?" for _ in ACTIVE_JOB_STATUSES)
        skipped = ", ".join("?" for _ in skip)
        rows = await self._db.fetch_all(
            f"SELECT * FROM jobs WHERE status IN ({marks}) AND next_poll_at <= ?"
            f" AND id NOT IN ({skipped}) ORDER BY next_poll_at LIMIT ?",
            (*sorted(ACTIVE_JOB_STATUSES), now, *skip, limit),
        )
        return [job_from_row(r) for r in rows]

    async def with_status(self, status: JobStatus) -> list[Job]:
        """Every job in this status, oldest first."""
        rows = await self._db.fetch_all(
            "SELECT * FROM jobs WHERE status = ? ORDER BY id", (status,)
        )
        return [job_from_row(r) for r in rows]

    async def recent_for_user(self, user_id: int, limit: int = 10) -> list[Job]:
        """The user's newest jobs, newest first."""
        rows = await self._db.fetch_all(
            "SELECT * FROM jobs WHERE user_id = ? ORDER BY id DESC LIMIT ?", (user_id, limit)
        )
        return [job_from_row(r) for r in rows]
