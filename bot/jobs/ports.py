"""What the job runner needs from the Telegram side, and the failure keys it records."""

from pathlib import Path
from typing import Protocol

from bot.media.video import VideoInfo
from bot.veo import Shape
from storage import Job


class Failure:
    """Keys stored in jobs.error (as `key: detail`); texts.py turns them into plain words."""

    PHOTO_UNAVAILABLE = "photo_unavailable"
    BAD_IMAGE = "bad_image"
    REFUSED = "refused"
    KEY_REJECTED = "key_rejected"
    API_ERROR = "api_error"
    UNREACHABLE = "unreachable"
    OUTCOME_UNKNOWN = "outcome_unknown"
    PROVIDER_FAILED = "provider_failed"
    NO_ANSWER = "no_answer"
    DOWNLOAD_FAILED = "download_failed"
    EXPIRED = "expired"
    UNDELIVERABLE = "undeliverable"
    LOST = "lost"  # the API answered that it does not know the job (any more)
    VIDEO_UNAVAILABLE = "video_unavailable"  # the video to extend could not be had


class ImageFetchError(Exception):
    """The user's photo could not be downloaded from Telegram."""


class DeliveryError(Exception):
    """Sending into the chat failed.

    `permanent`: the chat is gone (blocked, deleted), so retrying cannot help. `too_large`: over
    the upload limit. `refused`: Telegram refused the file in every form (video, document, with
    and without caption), so a link is the way left. Otherwise it is a fault worth another try,
    no sooner than `retry_after` seconds when Telegram said so.
    """

    def __init__(
        self,
        message: str,
        *,
        permanent: bool,
        too_large: bool = False,
        refused: bool = False,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.permanent = permanent
        self.too_large = too_large
        self.refused = refused
        self.retry_after = retry_after


class RemoteImage(Protocol):
    """A photo whose size is known before its bytes are fetched."""

    size: int | None

    async def read(self) -> bytes | bytearray:
        """The file's bytes, or ImageFetchError."""
        ...


class ImageSource(Protocol):
    """Where the photo behind a file id comes from (the Bot API)."""

    async def open(self, file_id: str) -> RemoteImage:
        """The photo's description (its size), or ImageFetchError."""
        ...


class JobNotifier(Protocol):
    """How the user hears about a job (the Telegram chat)."""

    async def show_status(
        self, job: Job, since: Job | None = None, expected: float | None = None
    ) -> None:
        """Re-render the job's status message; with `since` (the job as the message last
        showed it), only if it would now read differently. While the job is made, with a
        progress bar against `expected` seconds, edited no more than once every 10 s.
        """
        ...

    async def tell_failure(self, job: Job) -> None:
        """Tell the user in plain words why the job failed."""
        ...

    async def send_video(
        self,
        job: Job,
        video: Path,
        *,
        info: VideoInfo | None = None,
        thumbnail: bytes | None = None,
    ) -> str:
        """Upload the finished video as a reply, with its size, duration and thumbnail (a
        JPEG) when they could be read from the file; the Telegram file_id, or DeliveryError.
        """
        ...

    async def send_video_url(
        self, job: Job, url: str, *, shape: Shape | None = None
    ) -> str | None:
        """Have Telegram fetch the finished video from its URL, told its frame and length as
        the job's model declares them (`shape`; Telegram reads them itself only from a small
        file); the Telegram file_id, or None when it is to be uploaded instead (the URL is not
        to be used, or Telegram refused it), or DeliveryError as send_video.
        """
        ...

    async def send_link(
        self, job: Job, url: str, *, too_big: bool, until: float | None = None
    ) -> None:
        """Send the result as a link: the file is too big to upload, or Telegram refused it.
        `until`: the bot keeps the file and serves it until then; None: the provider's own
        link, whose lifetime is not promised."""
        ...

    async def tell_delay(self, job: Job, waiting_for: str, until: float) -> None:
        """Tell the user (once per job) that an outage of `waiting_for` ("api" or "telegram")
        holds the job up, and that the bot keeps trying until `until`.
        """
        ...

    async def tell_stars_back(self, job: Job) -> None:
        """Tell the user that the Stars paid for a job that ended without a video are back."""
        ...
