"""The last frame of each video sent as a file: the image a "Continue" starts from."""

import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storage.db import Database


class FrameRepository:
    """One JPEG per delivered job, kept for a while and then forgotten."""

    def __init__(self, db: "Database") -> None:
        self._db = db

    async def put(self, job_id: int, data: bytes) -> None:
        """Keep the job's last frame (a second one for the same job replaces the first)."""
        await self._db.execute(
            "INSERT INTO job_frames (job_id, data, created_at) VALUES ($1, $2, $3)"
            " ON CONFLICT (job_id) DO UPDATE SET data = excluded.data,"
            " created_at = excluded.created_at",
            job_id,
            bytes(data),
            time.time(),
        )

    async def get(self, job_id: int) -> bytes | None:
        """The job's last frame, or None (sent as a link, unreadable, or forgotten)."""
        data = await self._db.fetchval("SELECT data FROM job_frames WHERE job_id = $1", job_id)
        return bytes(data) if data is not None else None

    async def forget(self, job_id: int) -> None:
        """Drop the job's frame (its video went out as a link: no Continue is offered)."""
        await self._db.execute("DELETE FROM job_frames WHERE job_id = $1", job_id)

    async def forget_before(self, ts: float) -> int:
        """Drop the frames stored before `ts` (a time.time()); how many."""
        return await self._db.execute("DELETE FROM job_frames WHERE created_at < $1", ts)
