"""The buttons under a delivered video: Again, New prompt, Continue from the last frame.

No telegram here: the handler (bot/handlers/followups.py) sends what must be sent and passes
ids in.
Nothing here is paid: each press makes a draft, and only Generate on its card makes a job.
"""

import asyncio
import time
from typing import Protocol

from bot.core.drafts import DraftService
from bot.core.errors import FrameUnreadable, NoFrame, NotYourRequest, UnknownRequest, VideoTooOld
from bot.media import video
from storage import Database, Draft, Job, JobStatus

# How long a delivered video's last frame is kept (what "Continue" starts from), and so how
# long the buttons under a video work. Older ones are forgotten at the next delivery: the
# table only grows while videos are delivered.
KEEP_FOR = 30 * 24 * 3600.0


class VideoFiles(Protocol):
    """The videos Telegram holds (the bot kept no copy of one it sent by its URL)."""

    async def read(self, file_id: str) -> bytes | None:
        """The video's bytes; None if Telegram cannot give them."""
        ...


class AfterVideo:
    """What the buttons under a video do."""

    def __init__(self, db: Database, drafts: DraftService, videos: VideoFiles) -> None:
        self._db = db
        self._drafts = drafts
        self._videos = videos

    async def again(self, job_id: int, user_id: int, chat_id: int, reply_to: int) -> Draft:
        """A new card with the same photo, prompt and options."""
        job = await self._delivered(job_id, user_id)
        return await self._drafts.from_job(
            job, chat_id=chat_id, source_message_id=reply_to, prompt=job.prompt
        )

    async def new_prompt(self, job_id: int, user_id: int, chat_id: int, reply_to: int) -> Draft:
        """The same photo and options, waiting for a prompt."""
        job = await self._delivered(job_id, user_id)
        return await self._drafts.from_job(
            job, chat_id=chat_id, source_message_id=reply_to, prompt=None
        )

    async def last_frame(self, job_id: int, user_id: int) -> bytes:
        """The JPEG of the video's last frame: kept since its delivery, or (a video Telegram
        took by its URL) read back from Telegram at the first press."""
        job = await self._delivered(job_id, user_id)
        frame = await self._db.frames.get(job_id)
        if frame is not None:
            return frame
        if job.telegram_file_id is None:
            raise NoFrame()  # sent as a link
        return await self._frame_from_telegram(job, job.telegram_file_id)

    async def _frame_from_telegram(self, job: Job, file_id: str) -> bytes:
        """A video Telegram took by its URL: its last frame is read from Telegram's copy at
        the first Continue, and kept for the next ones (and forgotten with the others)."""
        data = await self._videos.read(file_id)
        frame = await asyncio.to_thread(video.last_frame, data) if data else None
        if frame is None:
            raise FrameUnreadable()
        await self._db.frames.put(job.id, frame)
        await self._db.frames.forget_before(time.time() - KEEP_FOR)
        return frame

    async def continue_from(
        self, job_id: int, user_id: int, chat_id: int, reply_to: int, file_id: str
    ) -> Draft:
        """The last frame (now a Telegram photo, `file_id`) and the options, waiting for the
        prompt of the next part."""
        job = await self._delivered(job_id, user_id)
        return await self._drafts.from_job(
            job, chat_id=chat_id, source_message_id=reply_to, prompt=None, file_id=file_id
        )

    async def _delivered(self, job_id: int, user_id: int) -> Job:
        job = await self._db.jobs.get(job_id)
        # Succeeded: the video is in the chat and its delivery is being recorded this instant.
        if job is None or job.status not in (JobStatus.SUCCEEDED, JobStatus.DELIVERED):
            raise UnknownRequest()
        if job.user_id != user_id:
            raise NotYourRequest()
        if (job.delivered_at or job.finished_at or time.time()) < time.time() - KEEP_FOR:
            raise VideoTooOld()
        return job
