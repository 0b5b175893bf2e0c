"""Hosted photos' bytes, in the database so that any replica can serve them."""

import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from storage.records import JobStatus

if TYPE_CHECKING:
    from storage.db import Database


class MediaRepository:
    """Store, read and delete a hosted photo by its token."""

    def __init__(self, db: "Database") -> None:
        self._db = db

    async def host(
        self,
        job_id: int,
        token: str,
        mime: str,
        callback_secret: str,
        data: bytes | bytearray,
        replaces: str | None = None,
        more: Sequence[tuple[str, bytes | bytearray]] = (),
    ) -> bool:
        """Keep a job's photo under its token with the job's secrets, and its other images
        (`more`: token, bytes) under theirs, in one transaction and only while the job is
        being submitted; an earlier try's files (`replaces` names its photo) go.
        False, changing nothing, if the job is no longer being submitted."""
        async with self._db.transaction() as tx:
            changed = await tx.execute(
                "UPDATE jobs SET media_token = $1, media_mime = $2, callback_secret = $3,"
                " updated_at = $4 WHERE id = $5 AND status = $6",
                token,
                mime,
                callback_secret,
                time.time(),
                job_id,
                JobStatus.SUBMITTING,
            )
            if changed != 1:
                return False
            if replaces is not None:
                await tx.execute("DELETE FROM media_files WHERE job_id = $1", job_id)
            for one, content in ((token, data), *more):
                await tx.execute(
                    "INSERT INTO media_files (token, job_id, data) VALUES ($1, $2, $3)",
                    one,
                    job_id,
                    bytes(content),
                )
        return True

    async def job_of(self, token: str) -> int | None:
        """The id of the job whose file this token names, or None."""
        found = await self._db.fetchval("SELECT job_id FROM media_files WHERE token = $1", token)
        return int(found) if found is not None else None

    async def get(self, token: str) -> bytes | None:
        """The photo's bytes, or None."""
        data = await self._db.fetchval("SELECT data FROM media_files WHERE token = $1", token)
        return bytes(data) if data is not None else None

    async def remove(self, job_id: int, token: str) -> None:
        """Delete a job's files no longer served (`token` names its photo; the job keeps it,
        and it answers 404)."""
        async with self._db.transaction() as tx:
            await tx.execute("DELETE FROM media_files WHERE job_id = $1", job_id)
            await tx.execute("UPDATE jobs SET media_mime = NULL WHERE id = $1", job_id)
