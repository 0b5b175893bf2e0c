"""Telegram updates: the inbox of those received and not yet handled, and the record of those
handled, so that each is handled at least once, and one re-delivered (after a restart or a
polling takeover) is not handled a second time.

An update is stored in the inbox, leased to the replica that received it, before Telegram is
told it arrived; it moves to handled_updates when its handling ends. One whose replica died
(its lease ran out) or that met a database fault waits in the inbox and is handled again.
"""

import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from storage.records import Lease
from storage.sql import Args

if TYPE_CHECKING:
    from storage.db import Database

# Telegram keeps an unconfirmed update for 24 hours; ids older than that never come again.
KEEP_FOR = 24 * 3600.0


class UpdateRepository:
    """The inbox of updates received, and which update ids have been handled."""

    def __init__(self, db: "Database") -> None:
        self._db = db

    async def receive(self, updates: Sequence[tuple[int, str]], lease: Lease) -> list[int]:
        """Store updates (id, JSON) leased to `lease.owner`, in one transaction; the ids new
        here. One handled before or in the inbox already (received by another replica, or
        delivered again) is not stored again."""
        if not updates:
            return []
        fresh = []
        now = time.time()
        async with self._db.transaction() as tx:
            for update_id, data in updates:
                # INSERT … SELECT … WHERE: SQLite's upsert needs the WHERE to parse, too.
                row = await tx.fetchrow(
                    "INSERT INTO inbox (update_id, data, received_at, lease_owner, lease_until)"
                    " SELECT $1, $2, $3, $4, $5 WHERE NOT EXISTS"
                    " (SELECT 1 FROM handled_updates WHERE update_id = $1)"
                    " ON CONFLICT (update_id) DO NOTHING RETURNING update_id",
                    update_id,
                    data,
                    now,
                    lease.owner,
                    lease.until,
                )
                if row is not None:
                    fresh.append(update_id)
        return fresh

    async def claim(self, lease: Lease, now: float, limit: int) -> list[tuple[int, str]]:
        """Lease up to `limit` updates of the inbox whose replica's lease ran out (it died, or
        was cut off from the database), oldest first; (id, JSON) of each."""
        a = Args()
        skip = " FOR UPDATE SKIP LOCKED" if self._db.store == "postgresql" else ""
        rows = await self._db.fetch(
            f"UPDATE inbox SET lease_owner = {a(lease.owner)}, lease_until = {a(lease.until)}"
            " WHERE update_id IN (SELECT update_id FROM inbox"
            f" WHERE lease_until IS NULL OR lease_until <= {a(now)}"
            f" ORDER BY update_id LIMIT {a(limit)}{skip}) RETURNING update_id, data",
            *a.values,
        )
        return sorted((r["update_id"], r["data"]) for r in rows)

    async def renew(self, lease: Lease) -> int:
        """Extend this replica's lease on every update it holds; how many."""
        return await self._db.execute(
            "UPDATE inbox SET lease_until = $1 WHERE lease_owner = $2", lease.until, lease.owner
        )

    async def release_all(self, owner: str) -> int:
        """Free every update of the inbox not leased to `owner` (received already by this
        process): at the start of the one process a SQLite file has, whatever a lease says
        was held by a process that is gone."""
        return await self._db.execute(
            "UPDATE inbox SET lease_owner = NULL, lease_until = NULL"
            " WHERE lease_owner IS NOT NULL AND lease_owner <> $1",
            owner,
        )

    async def waiting(self) -> list[str]:
        """The JSON of every update the inbox holds, oldest first."""
        rows = await self._db.fetch("SELECT data FROM inbox ORDER BY update_id")
        return [r["data"] for r in rows]

    async def handled(self, update_id: int) -> bool:
        """Whether this update was handled before."""
        found = await self._db.fetchval(
            "SELECT 1 FROM handled_updates WHERE update_id = $1", update_id
        )
        return found is not None

    async def mark(self, update_id: int) -> bool:
        """Record that this update has been handled and take it out of the inbox, in one
        transaction; False if it was recorded already."""
        return await self.mark_all([update_id]) == 1

    async def mark_all(self, update_ids: Sequence[int]) -> int:
        """mark() for several updates in one transaction (one commit, one sync to disk);
        how many were not recorded already."""
        now = time.time()
        recorded = 0
        async with self._db.transaction() as tx:
            for update_id in update_ids:
                recorded += await tx.execute(
                    "INSERT INTO handled_updates (update_id, handled_at) VALUES ($1, $2)"
                    " ON CONFLICT (update_id) DO NOTHING",
                    update_id,
                    now,
                )
                await tx.execute("DELETE FROM inbox WHERE update_id = $1", update_id)
        return recorded

    async def forget_old(self, now: float) -> int:
        """Drop the records Telegram can no longer need; how many."""
        return await self._db.execute(
            "DELETE FROM handled_updates WHERE handled_at < $1", now - KEEP_FOR
        )
