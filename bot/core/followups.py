"""The buttons under a delivered video: Again, New prompt, Continue from the last frame, Extend.

No telegram here: the handler (bot/handlers/followups.py) sends what must be sent and passes
ids in.
Nothing here is paid: each press makes a draft, and only Generate on its card makes a job.
"""

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Protocol

from bot.core.drafts import DraftService
from bot.core.errors import (
    CannotExtend,
    FrameUnreadable,
    NoFrame,
    NotYourRequest,
    UnknownRequest,
    VideoTooOld,
)
from bot.core.inputs import seconds_of
from bot.core.options import options_of
from bot.media import video
from bot.veo.veo31_extend import extendable
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


def can_extend(job: Job) -> bool:
    """Whether Veo can make this job's video longer, as the extension's declaration says
    (bot/veo/veo31_extend.py: its resolution, and its whole length against the ceiling)."""
    seconds = seconds_of(job)
    return seconds is not None and extendable(options_of(job).args, seconds)


class AfterVideo:
    """What the buttons under a video do.

    `hosted`: the bot has a public address, so an extension's video is fetched at submit
    (Telegram's copy, else ShortAPI's) and served from it; without one, ShortAPI's result URL
    is the only copy ShortAPI can be given. `served(url)` says whether a URL still serves.
    """

    def __init__(
        self,
        db: Database,
        drafts: DraftService,
        videos: VideoFiles,
        *,
        hosted: bool = False,
        served: Callable[[str], Awaitable[bool]] | None = None,
    ) -> None:
        self._db = db
        self._drafts = drafts
        self._videos = videos
        self._hosted = hosted
        self._served = served

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

    async def extend(self, job_id: int, user_id: int, chat_id: int, reply_to: int) -> Draft:
        """A draft of the video made longer, waiting for the prompt of its next seconds; or
        CannotExtend when Veo cannot extend it (resolution, length) or its file is gone."""
        job = await self._delivered(job_id, user_id)
        seconds = seconds_of(job)
        if seconds is None or not extendable(options_of(job).args, seconds):
            raise CannotExtend(gone=False)
        if not await self._obtainable(job):
            raise CannotExtend(gone=True)
        return await self._drafts.extending(
            job, chat_id=chat_id, source_message_id=reply_to, seconds=seconds
        )

    async def _obtainable(self, job: Job) -> bool:
        """Whether the video can still be handed to ShortAPI: Telegram's copy when the bot
        hosts it, else (or when Telegram has none) ShortAPI's result URL, which ShortAPI
        keeps for a time it does not publish."""
        if self._hosted and job.telegram_file_id:
            return True
        if not job.result_url or self._served is None:
            return False
        return await self._served(job.result_url)

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
