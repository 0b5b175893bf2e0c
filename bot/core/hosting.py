"""Hosting the user's photo under an unguessable URL, and the per-job ShortAPI callback URL.

Used when PUBLIC_BASE_URL is set. No telegram here; the HTTP routes are in bot/web/server.py.
"""

import logging
import re
import secrets
import time
from collections.abc import Sequence

from bot.media.images import sniff_image
from storage import Database, JobStatus

log = logging.getLogger(__name__)

# Photos are served only while the API may still need them.
_SERVING = frozenset(
    {
        JobStatus.SUBMITTING,
        JobStatus.CREATING,
        JobStatus.QUEUED,
        JobStatus.GENERATING,
        JobStatus.OVERDUE,
    }
)
_TOKEN = re.compile(r"[A-Za-z0-9_-]{32,64}")


def new_token() -> str:
    """192 random bits, URL-safe; carries no user or job id."""
    return secrets.token_urlsafe(24)


class Hosting:
    """Keeps photos in the database (any replica serves them) and says which a token names."""

    def __init__(self, db: Database, public_base_url: str, max_age: float) -> None:
        self._db = db
        self._base = public_base_url.rstrip("/")
        self._max_age = max_age

    async def prepare(
        self, job_id: int, data: bytes | bytearray, mime: str, replaces: str | None = None
    ) -> tuple[str, str] | None:
        """Store the photo and the job's secrets (durably, before the create call).

        `replaces` is the token of an earlier try of the same job (stopped before its create
        call), whose files go. Returns the image URL and the callback URL to hand to ShortAPI,
        or None, storing nothing, if the job is no longer being submitted.
        """
        hosted = await self.prepare_all(job_id, [(data, mime)], replaces)
        return (hosted[0][0], hosted[1]) if hosted is not None else None

    async def prepare_all(
        self,
        job_id: int,
        images: Sequence[tuple[bytes | bytearray, str]],
        replaces: str | None = None,
    ) -> tuple[list[str], str] | None:
        """prepare() for a job of several images (bytes, MIME type), the first its photo:
        their URLs in the same order, and the callback URL."""
        tokens = [new_token() for _ in images]
        secret = new_token()
        (data, mime), *others = images
        more = [(token, content) for token, (content, _) in zip(tokens[1:], others, strict=True)]
        if not await self._db.media.host(
            job_id, tokens[0], mime, secret, data, replaces, more=more
        ):
            return None
        urls = [f"{self._base}/media/{token}" for token in tokens]
        return urls, f"{self._base}/callbacks/shortapi/{secret}"

    async def open(self, token: str) -> tuple[bytes, str] | None:
        """The photo's bytes and MIME type, or None: unknown token, job over, or too old."""
        if not _TOKEN.fullmatch(token):
            return None
        job_id = await self._db.media.job_of(token)
        job = await self._db.jobs.get(job_id) if job_id is not None else None
        if job is None or job.media_mime is None or job.status not in _SERVING:
            return None
        if job.created_at < time.time() - self._max_age:
            return None
        data = await self._db.media.get(token)
        if data is None:
            return None
        # A job's other images (a last frame, an album's) may be of another type than its photo.
        return data, (job.media_mime if token == job.media_token else sniff_image(data) or "")

    async def job_for_callback(self, secret: str) -> int | None:
        """The id of the job a callback URL secret belongs to."""
        if not _TOKEN.fullmatch(secret):
            return None
        job = await self._db.jobs.by_callback_secret(secret)
        return job.id if job else None

    async def sweep(self) -> int:
        """Delete the photos no longer served; how many."""
        removed = 0
        for job in await self._db.jobs.media_to_remove(time.time() - self._max_age):
            assert job.media_token is not None
            await self._db.media.remove(job.id, job.media_token)
            removed += 1
        if removed:
            log.info("removed %d hosted photos", removed)
        return removed
