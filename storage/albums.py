"""Albums being collected: each photo kept as it arrives, the album settled once."""

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storage.db import Database


@dataclass(frozen=True, slots=True)
class AlbumPhoto:
    """One photo of an album, as its message brought it."""

    message_id: int
    file_id: str
    mime_type: str
    caption: str | None


@dataclass(frozen=True, slots=True)
class Album:
    """A settled album: whose, where, and its photos in the album's order (message ids)."""

    media_group_id: str
    user_id: int
    chat_id: int
    photos: list[AlbumPhoto]


class AlbumRepository:
    """Keep album photos as they arrive; settle an album once no photo has come for a while."""

    def __init__(self, db: "Database") -> None:
        self._db = db

    async def add(
        self, media_group_id: str, user_id: int, chat_id: int, photo: AlbumPhoto, now: float
    ) -> bool:
        """Keep one photo (again: nothing changes) and note when the album last grew. False,
        keeping nothing, when the album was settled already (a photo that came too late)."""
        async with self._db.transaction() as tx:
            settled = await tx.fetchval(
                "SELECT settled FROM albums WHERE media_group_id = $1", media_group_id
            )
            if settled:
                return False
            await tx.execute(
                "INSERT INTO albums (media_group_id, user_id, chat_id, last_at)"
                " VALUES ($1, $2, $3, $4)"
                " ON CONFLICT (media_group_id) DO UPDATE SET last_at = excluded.last_at",
                media_group_id,
                user_id,
                chat_id,
                now,
            )
            await tx.execute(
                "INSERT INTO album_photos (media_group_id, message_id, file_id, mime_type,"
                " caption) VALUES ($1, $2, $3, $4, $5)"
                " ON CONFLICT (media_group_id, message_id) DO NOTHING",
                media_group_id,
                photo.message_id,
                photo.file_id,
                photo.mime_type,
                photo.caption,
            )
        return True

    async def due(self, quiet_since: float) -> list[str]:
        """The albums not settled that have had no new photo since `quiet_since`."""
        rows = await self._db.fetch(
            "SELECT media_group_id FROM albums WHERE settled = 0 AND last_at <= $1",
            quiet_since,
        )
        return [row["media_group_id"] for row in rows]

    async def settle(self, media_group_id: str, quiet_since: float) -> Album | None:
        """Settle the album if it has had no new photo since `quiet_since` and nobody settled
        it yet: it, with its photos; else None."""
        async with self._db.transaction() as tx:
            row = await tx.fetchrow(
                "UPDATE albums SET settled = 1"
                " WHERE media_group_id = $1 AND settled = 0 AND last_at <= $2 RETURNING *",
                media_group_id,
                quiet_since,
            )
            if row is None:
                return None
            photos = await tx.fetch(
                "SELECT message_id, file_id, mime_type, caption FROM album_photos"
                " WHERE media_group_id = $1 ORDER BY message_id",
                media_group_id,
            )
        return Album(
            media_group_id,
            row["user_id"],
            row["chat_id"],
            [
                AlbumPhoto(p["message_id"], p["file_id"], p["mime_type"], p["caption"])
                for p in photos
            ],
        )

    async def forget_settled(self, before: float) -> None:
        """Drop settled albums whose last photo came before `before` (a day is plenty: a late
        photo of one is only told apart while its album is remembered)."""
        async with self._db.transaction() as tx:
            await tx.execute(
                "DELETE FROM album_photos WHERE media_group_id IN"
                " (SELECT media_group_id FROM albums WHERE settled = 1 AND last_at < $1)",
                before,
            )
            await tx.execute("DELETE FROM albums WHERE settled = 1 AND last_at < $1", before)
