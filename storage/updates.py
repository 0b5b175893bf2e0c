"""Telegram updates already handled: one re-delivered (after a restart or a polling takeover)
is recognised and not handled a second time."""

import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storage.db import Database

# Telegram keeps an unconfirmed update for 24 hours; ids older than that never come again.
KEEP_FOR = 24 * 3600.0


class UpdateRepository:
    """Which update ids have been handled."""

    def __init__(self, db: "Database") -> None:
        self._db = db

    async def handled(self, update_id: int) -> bool:
        """Whether this update was handled before."""
        found = await self._db.fetchval(
            "SELECT 1 FROM handled_updates WHERE update_id = $1", update_id
        )
        return found is not None

    async def mark(self, update_id: int) -> bool:
        """Record that this update has been handled; False if it was recorded already."""
        changed = await self._db.execute(
            "INSERT INTO handled_updates (update_id, handled_at) VALUES ($1, $2)"
            " ON CONFLICT (update_id) DO NOTHING",
            update_id,
            time.time(),
        )
        return changed == 1

    async def forget_old(self, now: float) -> int:
        """Drop the records Telegram can no longer need; how many."""
        return await self._db.execute(
            "DELETE FROM handled_updates WHERE handled_at < $1", now - KEEP_FOR
        )
