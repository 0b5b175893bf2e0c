"""The Telegram side of the job runner: the status message, the video, what the chat is told."""

import logging
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

from telegram import (
    Bot,
    InlineKeyboardMarkup,
    InputFile,
    Message,
    ReplyParameters,
)
from telegram.constants import ChatAction
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.core.followups import can_extend
from bot.core.options import options_of
from bot.jobs import DeliveryError
from bot.media.video import VideoInfo
from bot.telegram.calls import retrying, seconds_of
from bot.telegram.keyboards import video_keyboard
from bot.telegram.pace import Pace
from bot.texts.languages import Languages
from bot.veo import Shape
from bot.veo.sandbox import simulated
from storage import Job, JobStatus

log = logging.getLogger(__name__)
T = TypeVar("T")

# Uploads of tens of megabytes need far more than PTB's default 5 s write timeout.
UPLOAD_TIMEOUT = 300.0
# A status message shows a progress bar while its job is made: edited no more often than this
# per job (Telegram lets a bot edit about one message a second per chat, and a bar moving
# every few seconds would spend that on nothing a user needs).
PROGRESS_EDIT_EVERY = 10.0
# And no more bars moved than this a second by the whole bot: with thousands of jobs in
# flight each query would otherwise cost an edit (more CPU than the query) and Telegram
# hundreds of edits a second. A change of status is not held back.
PROGRESS_EDITS_PER_SECOND = 20.0
_PROGRESS = frozenset({JobStatus.QUEUED, JobStatus.GENERATING})


# Telegram's words for a chat the bot can no longer write to: retrying cannot help.
_CHAT_GONE = (
    "chat not found",
    "bot was kicked",
    "user is deactivated",
    "not enough rights",
    "have no rights",
    "bot is not a member",
)


def _chat_gone(exc: BadRequest) -> bool:
    text = exc.message.lower()
    return any(words in text for words in _CHAT_GONE)


def _video_fields(info: VideoInfo | None, thumbnail: bytes | None) -> dict[str, Any]:
    """sendVideo's parameters about the file: what is not known is left to Telegram."""
    fields: dict[str, Any] = {"supports_streaming": True}
    if info is not None:
        fields.update(width=info.width, height=info.height)
        if info.duration > 0:
            fields["duration"] = info.duration
    if thumbnail is not None:
        # Telegram takes a thumbnail only as a new upload in the same request (attach://).
        fields["thumbnail"] = InputFile(thumbnail, filename="thumbnail.jpg", attach=True)
    return fields


def _declared_fields(shape: Shape | None) -> dict[str, Any]:
    """sendVideo's parameters for a video sent by URL: the frame and length its model
    declares (none for a frame the provider chooses)."""
    fields: dict[str, Any] = {"supports_streaming": True}
    if shape is not None:
        fields["duration"] = shape.seconds
        if shape.width and shape.height:
            fields.update(width=shape.width, height=shape.height)
    return fields


def _cover(job: Job) -> str | None:
    """The picture a video sent by URL shows before it plays: the user's photo, by its file_id.
    Telegram's photos are always JPEG; an image of another type came as a file, no photo."""
    return job.file_id if job.mime_type == "image/jpeg" else None


def _about_url(exc: BadRequest) -> bool:
    """Whether Telegram refused the video's URL (not a parameter of the message)."""
    text = exc.message.lower()
    return "http url" in text or "web page" in text


def _about_caption(exc: BadRequest) -> bool:
    text = exc.message.lower()
    return "caption" in text or "entities" in text


class TelegramNotifier:
    """Renders job states into the chat: edits the status message, sends the video.

    Flood control (429 with retry_after) is handled below this class by PTB's AIORateLimiter;
    here, network errors on messages are retried with backoff. Telegram has no idempotent send,
    so a send that timed out after Telegram took it can show twice.
    """

    def __init__(
        self,
        bot: Bot,
        languages: Languages,
        *,
        video_by_url: bool = True,
        show_prices: bool = True,
        sandbox: bool = False,
    ) -> None:
        """`show_prices`: False when payments are off and the operator keeps prices to
        themself (a job paid in Stars always shows its Stars). `sandbox`: SHORTAPI_SANDBOX,
        whose jobs are simulated (each job submitted says by its ShortAPI id whether it is)."""
        self._bot = bot
        self._show_prices = show_prices
        self._sandbox = sandbox
        self._languages = languages  # each message in the language of the job's user
        self._video_by_url = video_by_url
        # Job id -> the progress text its message last got from this process, and when that
        # edit was done (monotonic). In memory only: after a restart (or on another replica)
        # the first edit of a job goes out at once, then the pace holds again.
        self._progress: dict[int, tuple[str, float]] = {}
        self._bars = Pace(PROGRESS_EDITS_PER_SECOND)

    def _priced(self, job: Job) -> bool:
        return self._show_prices or bool(job.stars)

    def _simulated(self, job: Job) -> bool:
        """Whether the job's video is the sandbox's: once submitted its ShortAPI id says so
        (the sandbox may have been turned on or off since); before, the setting does."""
        if job.provider_job_id is None:
            return self._sandbox
        return simulated(job.provider_job_id)

    def _extendable(self, job: Job) -> bool:
        """Whether Extend goes under the job's video: one Veo made (not the sandbox's sample)
        that the extension's declaration allows."""
        return not self._simulated(job) and can_extend(job)

    async def show_status(
        self, job: Job, since: Job | None = None, expected: float | None = None
    ) -> None:
        """Edit the options message into the job's current status (no keyboard); with `since`,
        only if the text differs from what the message showed then.

        While the job is queued or generating (a progress bar against `expected` seconds),
        an edit goes out only if the text changed, the last one of this job is at least
        PROGRESS_EDIT_EVERY old and the bot's bars are within PROGRESS_EDITS_PER_SECOND; any
        other status (sent, failed, overdue...) goes out at once.
        """
        now = time.monotonic()
        shown = self._progress.get(job.id)
        bar_only = job.status in _PROGRESS and since is not None and since.status in _PROGRESS
        if job.status not in _PROGRESS:
            self._progress.pop(job.id, None)
        elif bar_only and (
            (shown is not None and now - shown[1] < PROGRESS_EDIT_EVERY)
            or not self._bars.ready(now)
        ):
            return  # a later poll shows the bar as it is by then (not even rendered now)
        t = await self._languages.words(job.user_id)
        priced = self._priced(job)
        sandbox = self._simulated(job)
        text = t.job_text(
            job,
            options_of(job),
            now=job.updated_at,
            expected=expected,
            priced=priced,
            sandbox=sandbox,
        )
        if shown is not None and text == shown[0]:
            return
        if shown is None and since is not None:
            before = t.job_text(
                since,
                options_of(since),
                since.updated_at,
                expected,
                priced=priced,
                sandbox=self._simulated(since),
            )
            if text == before:
                return
        if bar_only and not self._bars.take(now):
            return  # thousands of jobs in flight: each bar moves less often
        await self.edit(job.chat_id, job.message_id, text)
        if job.status in _PROGRESS:
            # From the end of the edit: however slowly it went out, the next one arrives at
            # Telegram at least PROGRESS_EDIT_EVERY after it.
            self._remember(job.id, text)

    def _remember(self, job_id: int, text: str) -> None:
        now = time.monotonic()
        if len(self._progress) > 1024:
            # Jobs that ended on another replica: past the pace, an entry only spares an edit
            # of an unchanged text, which `since` spares too.
            self._progress = {
                job: seen
                for job, seen in self._progress.items()
                if now - seen[1] < PROGRESS_EDIT_EVERY
            }
        self._progress[job_id] = (text, now)

    async def edit(self, chat_id: int, message_id: int, text: str) -> None:
        """Edit a message's text, dropping its keyboard; a lost or unchanged message is fine."""
        try:
            await retrying(
                lambda: self._bot.edit_message_text(text, chat_id=chat_id, message_id=message_id)
            )
        except BadRequest as exc:
            # "message is not modified" (same text twice) and "message to edit not found" (the
            # user deleted it) leave nothing to do; the job itself goes on either way.
            log.debug("edit of %s/%s skipped: %s", chat_id, message_id, exc.message)
        except Forbidden as exc:
            log.debug("chat %s is closed to the bot: %s", chat_id, exc.message)
        except TelegramError as exc:
            log.warning("edit of %s/%s failed: %s", chat_id, message_id, exc)

    async def tell_failure(self, job: Job) -> None:
        """A new message (edits do not notify) saying why there is no video."""
        try:
            t = await self._languages.words(job.user_id)
            await self._say(job, t.failure_text(job))
        except Forbidden:
            # The user blocked the bot; the job's own log line says so already.
            log.debug("chat %s is closed to the bot", job.chat_id)
        except TelegramError as exc:
            log.warning("could not tell chat %s about job %s: %s", job.chat_id, job.id, exc)

    async def send_video(
        self,
        job: Job,
        video: Path,
        *,
        info: VideoInfo | None = None,
        thumbnail: bytes | None = None,
    ) -> str:
        """Upload the video as a reply to the options message; its Telegram file_id.

        sendVideo carries the file's width, height and duration and a thumbnail when they are
        known: without them some clients show a silent MP4 as a looping animation.
        What Telegram refuses is tried in a plainer form: the same file without its caption,
        then as a document (with, then without, the caption). Only when every form is refused
        does DeliveryError(refused=True) ask for a link instead.
        """
        await self._uploading(job)
        t = await self._languages.words(job.user_id)
        caption = t.video_caption(
            job, options_of(job), priced=self._priced(job), sandbox=self._simulated(job)
        )
        # Continue starts from the last frame, which only a file PyAV can read gives.
        buttons = video_keyboard(
            t, job.id, with_continue=info is not None, with_extend=self._extendable(job)
        )
        methods = (
            ("sendVideo", self._bot.send_video, _video_fields(info, thumbnail)),
            ("sendDocument", self._bot.send_document, {}),
        )
        for name, send, fields in methods:
            for with_caption in (caption, None):
                try:
                    message = await self._upload(send, job, video, with_caption, buttons, fields)
                except BadRequest as exc:
                    if _chat_gone(exc):
                        raise DeliveryError(exc.message, permanent=True) from exc
                    log.warning("job %s: %s refused: %s", job.id, name, exc.message)
                    if with_caption is not None and _about_caption(exc):
                        continue  # the same file, without the caption
                    break  # the next method
                sent = message.video or message.document or message.animation
                return sent.file_id if sent else ""
        raise DeliveryError(
            "Telegram refused the file in every form", permanent=False, refused=True
        )

    async def send_video_url(
        self, job: Job, url: str, *, shape: Shape | None = None
    ) -> str | None:
        """Hand Telegram the video's URL to fetch itself (it does up to 20 MB), so the bot
        moves no bytes; its file_id, or None when the bot is not to (VIDEO_BY_URL=false) or
        Telegram could not take it: then the caller uploads the file.

        Telegram reads a fetched video's size and length (and makes its thumbnail) only when
        the file is small (about 10 MB); a 1080p video is often bigger and would show 0:00 in
        a square frame with no picture until played. So the message carries the frame and
        length the model declares (`shape`), and the user's own photo as its cover. The last
        frame, for Continue, is read from Telegram's copy when Continue is pressed.
        """
        if not self._video_by_url or self._simulated(job):
            return None  # (a simulated video is on this machine only: no URL reaches it)
        await self._uploading(job)
        t = await self._languages.words(job.user_id)
        buttons = video_keyboard(t, job.id, with_continue=True, with_extend=self._extendable(job))
        caption = t.video_caption(
            job, options_of(job), priced=self._priced(job), sandbox=self._simulated(job)
        )
        fields = _declared_fields(shape)
        cover = _cover(job)
        for with_cover in (cover, None) if cover else (None,):
            sent = fields if with_cover is None else {**fields, "cover": with_cover}
            try:
                message = await self._upload(
                    self._bot.send_video, job, url, caption, buttons, sent
                )
            except BadRequest as exc:
                if _chat_gone(exc):
                    raise DeliveryError(exc.message, permanent=True) from exc
                if with_cover and not (_about_url(exc) or _about_caption(exc)):
                    # A JPEG sent as a file has a document's file_id, which is no photo.
                    log.info("job %s: cover refused (%s); sent without", job.id, exc.message)
                    continue
                # Too big for a fetch, unreachable, or its caption: the upload handles them.
                log.info(
                    "job %s: Telegram took no video by URL (%s); uploading", job.id, exc.message
                )
                return None
            video = message.video or message.document or message.animation
            return video.file_id if video else ""
        return None

    async def _uploading(self, job: Job) -> None:
        """Show "sending a video" in the chat while the video goes out."""
        try:
            await self._bot.send_chat_action(job.chat_id, ChatAction.UPLOAD_VIDEO)
        except Forbidden as exc:
            raise DeliveryError(exc.message, permanent=True) from exc
        except TelegramError as exc:
            log.debug("job %s: chat action not shown: %s", job.id, exc)  # only a hint

    async def _upload(
        self,
        send: Callable[..., Awaitable[Message]],
        job: Job,
        video: Path | str,
        caption: str | None,
        buttons: InlineKeyboardMarkup,
        fields: dict[str, Any],
    ) -> Message:
        """One try of one method: what every form of the message carries (its caption, the
        buttons under it), and `fields`, the method's own parameters (sendVideo's metadata)."""
        try:
            return await send(
                job.chat_id,
                video,
                caption=caption,
                reply_markup=buttons,
                reply_parameters=self._reply_to(job),
                write_timeout=UPLOAD_TIMEOUT,
                read_timeout=UPLOAD_TIMEOUT,
                **fields,
            )
        except BadRequest:
            raise
        except Forbidden as exc:
            raise DeliveryError(exc.message, permanent=True) from exc
        except RetryAfter as exc:
            # Still flooded after the rate limiter's own repeats: try again after the wait.
            raise DeliveryError(
                exc.message, permanent=False, retry_after=seconds_of(exc.retry_after)
            ) from exc
        except NetworkError as exc:
            # PTB reports Telegram's 413 as a NetworkError; retrying the same file cannot help.
            too_large = "too large" in exc.message.lower()
            raise DeliveryError(exc.message, permanent=False, too_large=too_large) from exc
        except TelegramError as exc:
            raise DeliveryError(str(exc), permanent=False) from exc

    async def send_link(
        self, job: Job, url: str, *, too_big: bool, until: float | None = None
    ) -> None:
        """Tell the user where to download a video Telegram will not carry, and for how
        long: until `until` (the bot serves it), or about as long as the provider keeps it."""
        try:
            # Again and New prompt work without the file; Continue needs its last frame
            # (Extend, the file itself: its press says when it can no longer be had).
            t = await self._languages.words(job.user_id)
            buttons = video_keyboard(
                t, job.id, with_continue=False, with_extend=self._extendable(job)
            )
            await self._say(job, t.link_text(job, url, too_big, until=until), buttons)
        except (Forbidden, BadRequest) as exc:
            raise DeliveryError(exc.message, permanent=True) from exc
        except RetryAfter as exc:
            raise DeliveryError(
                exc.message, permanent=False, retry_after=seconds_of(exc.retry_after)
            ) from exc
        except TelegramError as exc:
            raise DeliveryError(str(exc), permanent=False) from exc

    async def tell_delay(self, job: Job, waiting_for: str, until: float) -> None:
        """A new message saying the job is held up by an outage but not lost."""
        try:
            t = await self._languages.words(job.user_id)
            await self._say(job, t.delay_text(job, waiting_for, until))
        except TelegramError as exc:
            # Telegram itself may be what is down; the job goes on either way.
            log.info("could not tell chat %s that job %s is delayed: %s", job.chat_id, job.id, exc)

    async def tell_stars_back(self, job: Job) -> None:
        """A new message saying the Stars paid for a job without a video are back."""
        try:
            t = await self._languages.words(job.user_id)
            await self._say(job, t.stars_back(job))
        except TelegramError as exc:
            log.info(
                "could not tell chat %s that job %s was paid back: %s", job.chat_id, job.id, exc
            )

    async def say(self, chat_id: int, text: str) -> None:
        """A new message in a chat, about no job in particular; a closed chat is let be."""
        try:
            await retrying(lambda: self._bot.send_message(chat_id, text))
        except TelegramError as exc:
            log.info("could not tell chat %s: %s", chat_id, exc)

    async def _say(self, job: Job, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
        """A new message in the job's chat, as a reply to its status message."""
        await retrying(
            lambda: self._bot.send_message(
                job.chat_id, text, reply_parameters=self._reply_to(job), reply_markup=markup
            )
        )

    @staticmethod
    def _reply_to(job: Job) -> ReplyParameters:
        return ReplyParameters(job.message_id, allow_sending_without_reply=True)
