"""The video an extension continues, as ShortAPI is to get it at submit: with the bot's own
address, its bytes to host there (Telegram's copy, else ShortAPI's result URL read once
more); without one, ShortAPI's result URL itself, the only copy ShortAPI can be given."""

import httpx

from bot.core.followups import VideoFiles
from bot.core.inputs import source_of
from bot.veo.download import DownloadError, download_bytes
from storage import Database, Job

# The most of a video to extend the bot reads to host it: a 720p clip of Veo's longest (about
# 148 s) is well under this.
MAX_SOURCE_BYTES = 200 * 1024 * 1024


class VideoUnavailable(Exception):
    """The video an extension continues could not be had (its job, Telegram's copy, ShortAPI's
    result URL)."""


class SourceVideos:
    """Finds the video a job extends."""

    def __init__(
        self, db: Database, http: httpx.AsyncClient, videos: VideoFiles | None, *, hosted: bool
    ) -> None:
        self._db = db
        self._http = http
        self._videos = videos  # Telegram's copies of delivered videos
        self._hosted = hosted

    async def video_for(self, job: Job) -> str | bytes | None:
        """Its bytes (to host) or ShortAPI's URL of it; None for a job that extends none;
        VideoUnavailable when it can no longer be had."""
        source_id = source_of(job)
        if source_id is None:
            return None
        source = await self._db.jobs.get(source_id)
        if source is None or (source.telegram_file_id is None and source.result_url is None):
            raise VideoUnavailable(f"job {source_id} has no video")
        if not self._hosted:
            if source.result_url is None:
                raise VideoUnavailable(f"job {source_id} has no result URL")
            return source.result_url
        if source.telegram_file_id and self._videos is not None:
            data = await self._videos.read(source.telegram_file_id)
            if data:
                return data
        if source.result_url is None:
            raise VideoUnavailable(f"Telegram did not give job {source_id}'s video")
        try:
            return await download_bytes(self._http, source.result_url, max_bytes=MAX_SOURCE_BYTES)
        except DownloadError as exc:
            raise VideoUnavailable(str(exc)) from exc
