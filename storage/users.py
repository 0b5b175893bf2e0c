"""Users who have talked to the bot, and the language each one is spoken to in."""

import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storage.db import Database

_UPSERT = (
    "INSERT INTO users (id, first_name, username, language_code, created_at, last_seen_at)"
    " VALUES ($1, $2, $3, $4, $5, $5)"
    " ON CONFLICT(id) DO UPDATE SET first_name = excluded.first_name,"
    " username = excluded.username, language_code = excluded.language_code,"
    " last_seen_at = excluded.last_seen_at"
)


class UserRepository:
    """Insert-or-update of Telegram users."""

    def __init__(self, db: "Database") -> None:
        self._db = db

    async def touch(
        self,
        user_id: int,
        first_name: str,
        username: str | None,
        language_code: str | None = None,
    ) -> None:
        """Record that this user was seen now, creating the row on first sight."""
        await self._db.execute(_UPSERT, user_id, first_name, username, language_code, time.time())

    async def set_language(
        self,
        user_id: int,
        first_name: str,
        username: str | None,
        language_code: str | None,
        language: str | None,
    ) -> None:
        """Store the language the user chose (None: follow their Telegram app), in one
        statement with the row itself, which /language may be the first to need."""
        await self._db.execute(
            "INSERT INTO users (id, first_name, username, language_code, language, created_at,"
            " last_seen_at) VALUES ($1, $2, $3, $4, $5, $6, $6)"
            " ON CONFLICT(id) DO UPDATE SET language = excluded.language,"
            " language_code = excluded.language_code, last_seen_at = excluded.last_seen_at",
            user_id,
            first_name,
            username,
            language_code,
            language,
            time.time(),
        )

    async def languages(self, user_id: int) -> tuple[str | None, str | None]:
        """The language the user chose, and the language_code their app sent last."""
        row = await self._db.fetchrow(
            "SELECT language, language_code FROM users WHERE id = $1", user_id
        )
        return (row["language"], row["language_code"]) if row is not None else (None, None)

    async def username(self, user_id: int) -> str | None:
        """The username (without the @) last stored for the user (a photo, /language), if any."""
        return await self._db.fetchval("SELECT username FROM users WHERE id = $1", user_id)
