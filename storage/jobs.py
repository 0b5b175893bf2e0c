"""Jobs: one row per Generate, every change of state one conditional UPDATE."""

import time
from collections.abc import Collection
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import aiosqlite

from storage.records import ACTIVE_JOB_STATUSES, DraftStatus, Job, JobStatus, columns_of

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
    }
)


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

    async def create_from_draft(self, draft_id: int, user_id: int, price: Decimal) -> Job | None:
        """Close an open draft and write its job in one transaction.

        Returns None when the draft is not this user's open draft (closed, someone else's, or
        unknown): however often Generate is pressed, one draft yields at most one job.
        """
        now = time.time()
        async with self._db.transaction() as conn:
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
        async with self._db.transaction() as conn:
            cur = await conn.execute(
                f"UPDATE jobs SET status = ?, updated_at = ?{sets}"
                f" WHERE id = ? AND status IN ({marks})",
                (new, time.time(), *values, job_id, *olds),
            )
            if cur.rowcount != 1:
                return None
            async with conn.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)) as c:
                row = await c.fetchone()
        return job_from_row(row) if row else None

    async def due(self, now: float, limit: int) -> list[Job]:
        """Jobs whose next step (a query or a delivery) is due, oldest due first."""
        marks = ", ".join("?" for _ in ACTIVE_JOB_STATUSES)
        rows = await self._db.fetch_all(
            f"SELECT * FROM jobs WHERE status IN ({marks}) AND next_poll_at <= ?"
            " ORDER BY next_poll_at LIMIT ?",
            (*sorted(ACTIVE_JOB_STATUSES), now, limit),
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
