"""New jobs: a draft becomes a job in one transaction, within the operator's budgets and, when
it is paid in Telegram Stars, the user's balance.
"""

import time
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from storage import ledger
from storage.records import (
    RUNNING_JOB_STATUSES,
    DraftStatus,
    Job,
    JobStatus,
    Lease,
    LedgerKind,
    SpendLimits,
    job_from_row,
)
from storage.sql import Args

if TYPE_CHECKING:
    from storage.db import Transaction


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
CHARGEABLE = "(provider_job_id IS NOT NULL OR status IN ('submitting', 'creating', 'unknown'))"
# Advisory lock keys of the budget checks (PostgreSQL; SQLite's write lock covers them): one
# per user, and one for the budget all users share.
_BUDGET_LOCK = 0x5645_4F01 << 32
_ALL_USERS_LOCK = _BUDGET_LOCK - 1
# Advisory lock keys of a user's job numbers (PostgreSQL), taken after the budget and balance
# locks (storage/ledger.py's are 0x5645_4F02 << 32 on): two replicas making a job for the
# same user at once take turns, so each reads the other's number and takes the next.
_NUMBER_LOCK = 0x5645_4F03 << 32
_FROM_DRAFT = (
    "id",
    "user_id",
    "chat_id",
    "message_id",
    "file_id",
    "mime_type",
    "prompt",
    "model",
    "args",
    "estimate_key",
    "inputs",
)


@dataclass(frozen=True, slots=True)
class Purchase:
    """A payment in Telegram Stars, to be credited once per charge id."""

    user_id: int
    stars: int
    charge_id: str
    note: str | None = None


@dataclass(frozen=True, slots=True)
class PaidOutcome:
    """What a payment made for one draft did: credited (False: counted before), the job
    made, or why not (the Stars then stay on the balance)."""

    credited: bool
    job: Job | None = None
    refused: Exception | None = None


def cost(row: Any) -> Decimal:
    """What a job cost: the amount ShortAPI said it charged, else its price."""
    # What the API said it charged when it said so, else the price from the table. Money is
    # summed here as Decimal: SQL's SUM would go through floating point.
    return Decimal(row["amount"] if row["amount"] is not None else row["price"])


def spent_query(since: float, user_id: int | None) -> tuple[str, list[Any]]:
    """SQL for the jobs that may have cost money since `since` (one user's, or all)."""
    a = Args()
    sql = f"SELECT price, amount FROM jobs WHERE created_at >= {a(since)} AND {CHARGEABLE}"
    if user_id is not None:
        sql += f" AND user_id = {a(user_id)}"
    return sql, a.values


def total(rows: Iterable[Any]) -> Decimal:
    """The summed cost of jobs rows."""
    return sum((cost(row) for row in rows), Decimal(0))


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
        sql, args = spent_query(limits.day_start, who)
        spent = total(await tx.fetch(sql, *args))
        if spent + price > limit:
            raise LimitReached(kind, limit, max(limit - spent, Decimal(0)))


async def create(
    tx: "Transaction",
    draft_id: int,
    user_id: int,
    price: Decimal,
    limits: SpendLimits | None,
    lease: Lease | None,
    stars: int,
) -> Job | None:
    """Close the draft and insert its job (and its Stars debit); None if the draft is not
    this user's open draft. Raises LimitReached or NotEnoughStars before writing anything."""
    # Checks first, writes after: a refusal leaves the transaction as it found it.
    now = time.time()
    if limits is not None:
        await _check_limits(tx, user_id, price, limits)
    if stars > 0:
        await ledger.hold(tx, user_id, stars)
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
        "draft_id, user_id, chat_id, message_id, file_id, mime_type, prompt, model, args,"
        " estimate_key, inputs, price, status, created_at, updated_at, lease_owner, lease_until,"
        " stars, number"
    )
    # The user's next number: under their lock (held to the commit), a transaction making
    # another job of theirs waits and then sees this one, so (user_id, number) never clashes.
    # On SQLite the write transaction holds the one database lock already.
    await tx.lock(_NUMBER_LOCK + user_id)
    row = await tx.fetchrow(
        f"INSERT INTO jobs ({columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,"
        " $10, $11, $12, $13, $14, $15, $16, $17, $18,"
        " (SELECT COALESCE(MAX(number), 0) + 1 FROM jobs WHERE user_id = $2)) RETURNING *",
        *(draft[c] for c in _FROM_DRAFT),
        str(price),
        JobStatus.SUBMITTING,
        now,
        now,
        lease.owner if lease else None,
        lease.until if lease else None,
        stars,
    )
    if stars > 0:
        await ledger.add(tx, user_id, LedgerKind.VIDEO, -stars, str(row["id"]))
    return job_from_row(row)
