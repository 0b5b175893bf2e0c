"""Users who have talked to the bot."""

import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storage.db import Database


class UserRepository:
    """Insert-or-update of Telegram users."""

    def __init__(self, db: "Database") -> None:
        self._db = db

    async def touch(self, user_id: int, first_name: str, username: str | None) -> None:
        """Record that this user was seen now, creating the row on first sight."""
        now = time.time()
        await self._db.execute(
            "INSERT INTO users (id, first_name, username, created_at, last_seen_at)"
            " VALUES ($1, $2, $3, $4, $5)"
            " ON CONFLICT(id) DO UPDATE SET first_name = excluded.first_name,"
            " username = excluded.username, last_seen_at = excluded.last_seen_at",
            user_id,
            first_name,
            username,
            now,
            now,
        )
