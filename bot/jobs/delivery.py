"""Delivery of a finished video: Telegram fetches it by its URL, or the bot downloads and
uploads it; one too big for Telegram the bot keeps and links to at its own address (when it
has one, bot/jobs/kept.py); the provider's link is the last resort.

No telegram here: the chat is reached through the JobNotifier port.
"""

import asyncio
import dataclasses
import logging
import time
from pathlib import Path

import httpx

from bot.core.followups import KEEP_FOR
from bot.core.inputs import seconds_of
from bot.core.options import options_of
from bot.jobs.kept import KeptVideos, shown
from bot.jobs.outcomes import Outcomes
from bot.jobs.policy import PollPolicy
from bot.jobs.ports import DeliveryError, Failure, JobNotifier
from bot.media import video
from bot.veo import Shape
from bot.veo.download import DownloadError, DownloadTooLarge, download_to_file
from storage import DatabaseUnavailable, Job
from storage.frames import FrameRepository

log = logging.getLogger(__name__)


class Delivery:
    """Gets a succeeded job's video to its chat; faults are retried until the deadline."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        notifier: JobNotifier,
        outcomes: Outcomes,
        policy: PollPolicy,
        upload_limit: int,
        download_dir: Path,
        uploads: int,
        frames: FrameRepository,
        kept: KeptVideos | None = None,
    ) -> None:
        """`kept`: where videos over `upload_limit` are kept and served (None: the bot has
        no public address, so such a video goes as the provider's link)."""
        self._http = http
        self._notifier = notifier
        self._out = outcomes
        self._policy = policy
        self._upload_limit = upload_limit
        self._download_dir = download_dir
        # PTB reads a file it uploads into memory, so uploads have a bound of their own.
        self._uploads = asyncio.Semaphore(uploads)
        self._frames = frames
        self._kept = kept

    async def deliver(self, job: Job) -> None:
        """Send the finished video into the chat: by its URL, else downloaded and uploaded,
        else its link."""
        assert job.result_url is not None
        if job.poll_failures and time.time() >= self._delivery_deadline(job):
            # Faults lasted as long as delivery is tried: the link is the last thing to try.
            await self._send_link(job, too_big=False, last=True)
            return
        try:
            # Telegram fetches it: no bytes through the bot, so no upload slot is held.
            file_id = await self._notifier.send_video_url(
                job, job.result_url, shape=_declared_shape(job)
            )
        except DeliveryError as exc:
            await self._not_sent(job, exc)
            return
        if file_id is not None:
            await self._out.delivered(job, file_id)
            return
        async with self._uploads:
            await self._download_and_send(job)

    async def _download_and_send(self, job: Job) -> None:
        assert job.result_url is not None
        # A video the bot can keep is read whole even past what Telegram takes.
        cap = max(self._upload_limit, self._kept.max_bytes if self._kept else 0)
        try:
            path = await download_to_file(
                self._http, job.result_url, max_bytes=cap, directory=self._download_dir
            )
        except DownloadTooLarge:
            await self._send_link(job, too_big=True)
            return
        except DownloadError as exc:
            await self._delivery_fault(job, Failure.DOWNLOAD_FAILED, str(exc))
            return
        except OSError as exc:  # the disk is full, or the folder not writable: tried again
            await self._delivery_fault(job, Failure.DOWNLOAD_FAILED, f"not written: {exc}")
            return
        if path.stat().st_size > self._upload_limit:
            try:
                await self._keep_and_link(job, path, too_big=True)
            finally:
                path.unlink(missing_ok=True)
            return
        try:
            # Read in a thread (decoding is CPU work); None for what PyAV cannot read, which
            # is still sent, as Telegram's own guess of a video.
            info, thumbnail = await asyncio.to_thread(_describe, path)
            if info is not None:
                # Kept before the video is sent: its Continue button can be pressed at once.
                await self._keep_last_frame(job, path)
            file_id = await self._notifier.send_video(job, path, info=info, thumbnail=thumbnail)
            # Recorded before anything else, the file's removal included: a crash between
            # Telegram's acceptance and this commit is what would send the video twice.
            await self._out.delivered(job, file_id)
        except DeliveryError as exc:
            if exc.too_large or exc.refused:
                await self._forget_frame(job)
                if self._kept is not None:
                    await self._keep_and_link(job, path, too_big=exc.too_large)
                    return
            await self._not_sent(job, exc)
        finally:
            path.unlink(missing_ok=True)

    async def _keep_and_link(self, job: Job, path: Path, *, too_big: bool) -> None:
        """Keep a downloaded video Telegram will not carry, and send the link to the bot's
        own copy; the provider's link when it cannot be kept (no public address, a full
        disk). The link goes out only once the file is whole on disk: a crash before that
        downloads it again on the next try (the copy left behind is swept in time)."""
        if self._kept is None:
            await self._send_link(job, too_big=too_big)
            return
        try:
            kept = await asyncio.to_thread(self._kept.keep, path)
        except OSError as exc:
            log.warning("job %s: the video could not be kept: %s", job.id, exc)
            await self._send_link(job, too_big=too_big)
            return
        log.info(
            "job %s: video kept as %s until %.0f",
            job.id,
            shown(kept.url.rpartition("/")[2]),
            kept.until,
        )
        await self._send_link(job, too_big=too_big, url=kept.url, until=kept.until)

    async def _not_sent(self, job: Job, exc: DeliveryError) -> None:
        """What follows a send that failed: the link, the end, or a retry later."""
        if exc.too_large or exc.refused:
            await self._send_link(job, too_big=exc.too_large)
        elif exc.permanent:
            await self._out.fail(job, Failure.UNDELIVERABLE, str(exc))
        else:
            await self._delivery_fault(
                job, Failure.UNDELIVERABLE, str(exc), retry_after=exc.retry_after
            )

    async def _keep_last_frame(self, job: Job, path: Path) -> None:
        """Store the video's last frame (what "Continue" starts from), and forget those past
        their time. A failure here only costs the frame, so it is logged, not raised into the
        delivery's retries."""
        frame = await asyncio.to_thread(video.last_frame, path)
        if frame is None:
            log.info("job %s: no last frame could be read from the video", job.id)
            return
        try:
            await self._frames.put(job.id, frame)
            await self._frames.forget_before(time.time() - KEEP_FOR)
        except DatabaseUnavailable as exc:
            log.warning("job %s: last frame not kept: %s", job.id, exc)

    async def _forget_frame(self, job: Job) -> None:
        try:
            await self._frames.forget(job.id)
        except DatabaseUnavailable as exc:
            log.warning("job %s: a frame no button can reach is kept: %s", job.id, exc)

    async def _send_link(
        self,
        job: Job,
        *,
        too_big: bool,
        last: bool = False,
        url: str | None = None,
        until: float | None = None,
    ) -> None:
        """The link to the video: the bot's own (`url`, served `until`), else the provider's."""
        assert job.result_url is not None
        try:
            await self._notifier.send_link(
                job, url or job.result_url, too_big=too_big, until=until
            )
        except DeliveryError as exc:
            if exc.permanent or last:
                await self._out.fail(job, Failure.UNDELIVERABLE, str(exc))
            else:
                await self._delivery_fault(
                    job, Failure.UNDELIVERABLE, str(exc), retry_after=exc.retry_after
                )
            return
        await self._out.delivered(job, None)

    async def _delivery_fault(
        self, job: Job, key: str, detail: str, retry_after: float | None = None
    ) -> None:
        deadline = self._delivery_deadline(job)
        if time.time() >= deadline:
            await self._send_link(job, too_big=False, last=True)
            return
        await self._out.retry_later(job, key, detail, deadline=deadline, retry_after=retry_after)

    def _delivery_deadline(self, job: Job) -> float:
        return self._policy.delivery_deadline(job.finished_at or job.updated_at)


def _declared_shape(job: Job) -> Shape | None:
    """The frame and length the job's model declares for its options: what a video sent by
    URL is described by, as the bot reads no byte of it. An extension's video is the whole
    clip: its length is its source's and the seconds it added."""
    options = options_of(job)
    shape = options.video_model.shape_of(options)
    seconds = seconds_of(job)
    return dataclasses.replace(shape, seconds=seconds) if shape and seconds else shape


def _describe(path: Path) -> tuple[video.VideoInfo | None, bytes | None]:
    """What sendVideo is told about the file, and its thumbnail (a file PyAV cannot read has
    neither)."""
    info = video.probe(path)
    return info, (video.thumbnail(path) if info is not None else None)
