"""The Stars ledger: append-only, and the only record of a user's Telegram Stars.

A user's balance is the sum of their rows. Every row has a kind and a reference that are unique
together (a payment's charge id, a job id), so an event that comes twice, a payment's update
re-delivered or a job ended by two replicas, inserts nothing the second time. Debits check the
balance under a per-user lock, in the same transaction as the row that causes them.

A refund's row is written before Telegram is asked to make it, under that lock, so nothing can
spend its Stars meanwhile; if Telegram does not make it, a REFUND_VOIDED row gives them back.
A charge may then be refunded again: each attempt has its own reference, the charge id for the
first and "<charge id>#2", "#3" ... after it, and at most one attempt is ever not voided.
"""

import time
from dataclasses import fields
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from storage.records import LedgerEntry, LedgerKind, StarsDay
from storage.sql import Args

if TYPE_CHECKING:
    from storage.db import Database, Transaction

# Advisory lock keys of a user's balance (PostgreSQL; SQLite's write lock covers them), apart
# from the budget locks of storage/jobs.py, which are always taken before this one.
_BALANCE_LOCK = 0x5645_4F02 << 32
# Between a charge id and the number of a later attempt to refund it (Telegram's charge ids
# have no "#").
_ATTEMPT = "#"


class NotEnoughStars(Exception):
    """A debit would take the balance below zero; nothing was written."""

    def __init__(self, balance: int, needed: int) -> None:
        super().__init__(f"balance {balance}, {needed} needed")
        self.balance = balance
        self.needed = needed


# The kinds of rows whose reference is a job's id.
_OF_A_JOB = (LedgerKind.VIDEO, LedgerKind.RETURN)


def entry_from_row(row: Any, job_number: int | None = None) -> LedgerEntry:
    """Map a ledger row to its record (with the user's number of its job, when looked up)."""
    values = {f.name: row[f.name] for f in fields(LedgerEntry) if f.name != "job_number"}
    return LedgerEntry(**values | {"kind": LedgerKind(row["kind"]), "job_number": job_number})


async def add(
    q: "Database | Transaction",
    user_id: int,
    kind: LedgerKind,
    stars: int,
    reference: str,
    note: str | None = None,
) -> LedgerEntry | None:
    """Append a row; None when a row of this kind and reference exists (the event repeated)."""
    row = await q.fetchrow(
        "INSERT INTO ledger (user_id, kind, stars, reference, note, created_at)"
        " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (kind, reference) DO NOTHING RETURNING *",
        user_id,
        kind,
        stars,
        reference,
        note,
        time.time(),
    )
    return entry_from_row(row) if row is not None else None


async def balance_of(q: "Database | Transaction", user_id: int) -> int:
    """The sum of the user's rows."""
    total = await q.fetchval("SELECT SUM(stars) FROM ledger WHERE user_id = $1", user_id)
    return int(total or 0)


async def hold(tx: "Transaction", user_id: int, stars: int) -> None:
    """Check that the balance covers a debit of `stars`, or raise NotEnoughStars; the user's
    lock is then held until the transaction ends, so no other debit can pass the same check.
    """
    await tx.lock(_BALANCE_LOCK + user_id)
    balance = await balance_of(tx, user_id)
    if balance < stars:
        raise NotEnoughStars(balance, stars)


def charge_of(reference: str) -> str:
    """The charge id a refund row's reference names (without the attempt's number)."""
    charge, sep, attempt = reference.rpartition(_ATTEMPT)
    return charge if sep and attempt.isdigit() else reference


async def refund_rows(q: "Database | Transaction", user_id: int, charge_id: str) -> list[Any]:
    """The user's REFUND and REFUND_VOIDED rows of this charge, every attempt's."""
    rows = await q.fetch(
        "SELECT * FROM ledger WHERE user_id = $1 AND kind IN ($2, $3)",
        user_id,
        LedgerKind.REFUND,
        LedgerKind.REFUND_VOIDED,
    )
    return [r for r in rows if charge_of(r["reference"]) == charge_id]


async def refund(
    tx: "Transaction", user_id: int, charge_id: str, stars: int, note: str, *, check: bool
) -> LedgerEntry | None:
    """Write the refund of a charge under the user's lock: None when it is counted already (a
    row of it not voided); with `check`, NotEnoughStars when the balance does not cover it."""
    await tx.lock(_BALANCE_LOCK + user_id)
    rows = await refund_rows(tx, user_id, charge_id)
    attempts = [r["reference"] for r in rows if r["kind"] == LedgerKind.REFUND]
    voided = {r["reference"] for r in rows if r["kind"] == LedgerKind.REFUND_VOIDED}
    if any(a not in voided for a in attempts):
        return None
    if check:
        balance = await balance_of(tx, user_id)
        if balance < stars:
            raise NotEnoughStars(balance, stars)
    number = len(attempts) + 1
    reference = charge_id if number == 1 else f"{charge_id}{_ATTEMPT}{number}"
    return await add(tx, user_id, LedgerKind.REFUND, -stars, reference, note)


class LedgerRepository:
    """Balances, movements and daily sums of Telegram Stars."""

    def __init__(self, db: "Database") -> None:
        self._db = db

    async def balance(self, user_id: int) -> int:
        """The user's Stars: the sum of their rows."""
        return await balance_of(self._db, user_id)

    async def entries(self, user_id: int, limit: int = 10) -> list[LedgerEntry]:
        """The user's newest movements, newest first; a video's (or its return's) with the
        user's number of that video."""
        rows = await self._db.fetch(
            "SELECT * FROM ledger WHERE user_id = $1 ORDER BY id DESC LIMIT $2", user_id, limit
        )
        # The rows stay as written (the ledger is append-only): their reference is the job's
        # id, and the number the user knows the job by is looked up.
        job_ids = {int(r["reference"]) for r in rows if r["kind"] in _OF_A_JOB}
        numbers: dict[str, int] = {}
        if job_ids:
            a = Args()
            found = await self._db.fetch(
                f"SELECT id, number FROM jobs WHERE user_id = {a(user_id)}"
                f" AND id IN ({a.many(job_ids)})",
                *a.values,
            )
            numbers = {str(j["id"]): j["number"] for j in found}
        return [
            entry_from_row(r, numbers.get(r["reference"]) if r["kind"] in _OF_A_JOB else None)
            for r in rows
        ]

    async def entry(self, kind: LedgerKind, reference: str) -> LedgerEntry | None:
        """The row of this kind and reference, if any."""
        row = await self._db.fetchrow(
            "SELECT * FROM ledger WHERE kind = $1 AND reference = $2", kind, reference
        )
        return entry_from_row(row) if row is not None else None

    async def credit(
        self, user_id: int, kind: LedgerKind, stars: int, reference: str, note: str | None = None
    ) -> LedgerEntry | None:
        """Add Stars for an event; None when this event was counted before."""
        return await add(self._db, user_id, kind, stars, reference, note)

    async def refund(
        self, user_id: int, charge_id: str, stars: int, note: str, *, check: bool = False
    ) -> LedgerEntry | None:
        """Take a refunded charge's Stars off the balance, once per charge: None when it is
        counted already. With `check` (a refund not made yet), NotEnoughStars when the
        balance does not cover it; without (Telegram made it), even below zero."""
        async with self._db.transaction() as tx:
            return await refund(tx, user_id, charge_id, stars, note, check=check)

    async def void_refund(self, entry: LedgerEntry, note: str) -> LedgerEntry | None:
        """Give back the Stars of a refund row Telegram did not make; None if given before."""
        return await add(
            self._db, entry.user_id, LedgerKind.REFUND_VOIDED, -entry.stars, entry.reference, note
        )

    async def open_refunds(self, before: float) -> list[LedgerEntry]:
        """REFUND rows written before `before` and not voided, oldest first."""
        rows = await self._db.fetch(
            "SELECT * FROM ledger r WHERE r.kind = $1 AND r.created_at < $2 AND NOT EXISTS"
            " (SELECT 1 FROM ledger v WHERE v.kind = $3 AND v.reference = r.reference)"
            " ORDER BY r.id",
            LedgerKind.REFUND,
            before,
            LedgerKind.REFUND_VOIDED,
        )
        return [entry_from_row(r) for r in rows]

    async def balances(self) -> dict[int, int]:
        """Every user's balance (for checks: each equals the sum of that user's rows)."""
        rows = await self._db.fetch(
            "SELECT user_id, SUM(stars) AS total FROM ledger GROUP BY user_id"
        )
        return {r["user_id"]: int(r["total"]) for r in rows}

    async def days(self, since: float) -> list[StarsDay]:
        """Stars moved per UTC day since `since`, by kind, newest day first."""
        rows = await self._db.fetch(
            "SELECT kind, stars, created_at FROM ledger WHERE created_at >= $1", since
        )
        sums: dict[str, dict[str, int]] = {}
        for row in rows:
            day = datetime.fromtimestamp(row["created_at"], UTC).date().isoformat()
            by_kind = sums.setdefault(day, {k.value: 0 for k in LedgerKind})
            by_kind[row["kind"]] += int(row["stars"])
        return [
            StarsDay(
                day,
                purchased=k[LedgerKind.PURCHASE],
                refunded=-k[LedgerKind.REFUND] - k[LedgerKind.REFUND_VOIDED],
                spent=-k[LedgerKind.VIDEO],
                returned=k[LedgerKind.RETURN],
                granted=k[LedgerKind.GRANT],
            )
            for day, k in sorted(sums.items(), reverse=True)
        ]
