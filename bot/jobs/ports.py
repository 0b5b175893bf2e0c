"""What the job runner needs from the Telegram side, and the failure keys it records."""

from pathlib import Path
from typing import Protocol

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


class ImageFetchError(Exception):
    """The user's photo could not be downloaded from Telegram."""


class DeliveryError(Exception):
    """Sending into the chat failed; `permanent` when retrying cannot help."""

    def __init__(self, message: str, *, permanent: bool, too_large: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent
        self.too_large = too_large


class ImageSource(Protocol):
    """Where the photo behind a file id comes from (the Bot API)."""

    async def fetch(self, file_id: str) -> bytes:
        """The file's bytes, or ImageFetchError."""
        ...


class JobNotifier(Protocol):
    """How the user hears about a job (the Telegram chat)."""

    async def show_status(self, job: Job, since: Job | None = None) -> None:
        """Re-render the job's status message; with `since` (the job as the message last
        showed it), only if it would now read differently.
        """
        ...

    async def tell_failure(self, job: Job) -> None:
        """Tell the user in plain words why the job failed."""
        ...

    async def send_video(self, job: Job, video: Path) -> str:
        """Upload the finished video as a reply; the Telegram file_id, or DeliveryError."""
        ...

    async def send_link(self, job: Job, url: str) -> None:
        """Send the result as a link when the file is too big to upload."""
        ...
