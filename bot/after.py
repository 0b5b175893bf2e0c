"""The buttons under a delivered video: Again, New prompt, Continue from the last frame.

No telegram here: the handler (bot/handlers/after.py) sends what must be sent and passes ids in.
Nothing here is paid: each press makes a draft, and only Generate on its card makes a job.
"""

import time

from bot.jobs.delivery import KEEP_FRAMES_FOR
from bot.service import DraftService, NotYourRequest, UnknownRequest, UserError
from storage import Database, Draft, Job, JobStatus

# The buttons under a video work as long as the video's last frame is kept.
KEEP_FOR = KEEP_FRAMES_FOR


class VideoTooOld(UserError):
    """A button under a video older than the bot keeps what its buttons need."""


class NoFrame(UserError):
    """Continue pressed where no video file was kept (it was sent as a link)."""


class AfterVideo:
    """What the buttons under a video do."""

    def __init__(self, db: Database, drafts: DraftService) -> None:
        self._db = db
        self._drafts = drafts

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
        """The JPEG of the video's last frame, kept since its delivery."""
        await self._delivered(job_id, user_id)
        frame = await self._db.frames.get(job_id)
        if frame is None:
            raise NoFrame()
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
