"""In-memory stand-ins of the bot's ports, for unit tests below Telegram: the photos the job
engine reads (ImageSource), what the user would see (JobNotifier), Telegram's Stars (StarsAPI),
Telegram's copies of videos (VideoFiles); for the status notifier, a Bot that records its edits
and Languages that speak English to everyone; and a clock the test moves."""

from pathlib import Path

from bot import texts
from bot.jobs import DeliveryError, ImageFetchError
from bot.media.video import VideoInfo
from bot.payments.service import AlreadyRefunded, RefundRefused, StarTransaction
from bot.veo import Shape
from storage import Job, JobStatus


class Photo:
    """One photo as getFile describes it."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.size = len(data)

    async def read(self) -> bytes:
        """The photo's bytes."""
        return self.data


class Images:
    """Photos by file id, as the Bot API would serve them."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files

    async def open(self, file_id: str) -> Photo:
        """The photo with this file id; ImageFetchError if Telegram has none."""
        if file_id not in self.files:
            raise ImageFetchError("invalid file_id")
        return Photo(self.files[file_id])


class RecordingNotifier:
    """A JobNotifier that records what the user would see."""

    def __init__(self) -> None:
        self.statuses: list[JobStatus] = []
        self.failures: list[str | None] = []
        self.videos: list[bytes] = []
        self.video_infos: list[VideoInfo | None] = []
        self.thumbnails: list[bytes | None] = []
        self.links: list[str] = []
        self.delays: list[str] = []
        self.stars_back: list[int] = []
        self.send_error: DeliveryError | None = None
        self.by_url = False  # True: Telegram takes each video by its URL
        self.video_urls: list[str] = []
        self.url_shapes: list[Shape | None] = []  # what each video sent by URL was declared

    async def show_status(
        self, job: Job, since: Job | None = None, expected: float | None = None
    ) -> None:
        """Record the status, when it is one a user would see change."""
        if since is None or since.status is not job.status:  # what a user would see change
            self.statuses.append(job.status)

    async def tell_failure(self, job: Job) -> None:
        """Record the job's error."""
        self.failures.append(job.error)

    async def send_video(
        self,
        job: Job,
        video: Path,
        *,
        info: VideoInfo | None = None,
        thumbnail: bytes | None = None,
    ) -> str:
        """Record the uploaded video (or raise `send_error`); its file id."""
        if self.send_error is not None:
            raise self.send_error
        self.videos.append(video.read_bytes())
        self.video_infos.append(info)
        self.thumbnails.append(thumbnail)
        return f"video-{job.id}"

    async def send_video_url(
        self, job: Job, url: str, *, shape: Shape | None = None
    ) -> str | None:
        """Record the URL and its declared shape if Telegram takes videos by URL (`by_url`);
        its file id, else None."""
        if not self.by_url:
            return None
        if self.send_error is not None:
            raise self.send_error
        self.video_urls.append(url)
        self.url_shapes.append(shape)
        return f"video-{job.id}"

    async def send_link(
        self, job: Job, url: str, *, too_big: bool, until: float | None = None
    ) -> None:
        """Record the link sent instead of a video."""
        self.links.append(url)

    async def tell_delay(self, job: Job, waiting_for: str, until: float) -> None:
        """Record what the job waits for."""
        self.delays.append(waiting_for)

    async def tell_stars_back(self, job: Job) -> None:
        """Record the job whose Stars came back."""
        self.stars_back.append(job.id)


class Stopped(Exception):
    """The bot process ended here (a kill, a crash) before Telegram's answer came."""


class FakeStars:
    """Telegram's record of the bot's Star transactions, and its refunds."""

    def __init__(self) -> None:
        self.log: list[StarTransaction] = []
        self.refunded: list[str] = []
        self.refuse: str | None = None
        # The bot stops during refundStarPayment: "before" Telegram made it, or "after".
        self.cut: str | None = None

    async def transactions(self):
        """Every Star transaction so far."""
        return list(self.log)

    async def refund(self, user_id, charge_id):
        """Refund the charge once, as Telegram would (or refuse, or stop as `cut` says)."""
        if self.cut == "before":
            raise Stopped()
        if self.refuse:
            raise RefundRefused(self.refuse)
        if charge_id in self.refunded:
            raise AlreadyRefunded()
        self.refunded.append(charge_id)
        self.log.append(StarTransaction(charge_id, 0, user_id, incoming=False))
        if self.cut == "after":
            raise Stopped()


class Videos:
    """Telegram's copies of the videos it took by URL, by file_id; each read is counted."""

    def __init__(self, files: dict[str, bytes] | None = None) -> None:
        self.files = files or {}
        self.reads: list[str] = []

    async def read(self, file_id: str) -> bytes | None:
        """The video's bytes, None if Telegram has no such file; the read is counted."""
        self.reads.append(file_id)
        return self.files.get(file_id)


class RecordingBot:
    """Records the edits the notifier makes, as the Bot API would receive them."""

    def __init__(self) -> None:
        self.edits: list[str] = []

    async def edit_message_text(self, text: str, *, chat_id: int, message_id: int) -> None:
        """Record the message's new text."""
        self.edits.append(text)


class English:
    """Every user speaks the fallback language (the notifier's only need of Languages)."""

    async def words(self, user_id, language_code=None):
        """English's words, whoever asks."""
        return texts.of("en")


class Clock:
    """A clock that stands still until the test moves `now`: call it, or read monotonic()."""

    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        """The time now."""
        return self.now

    def monotonic(self) -> float:
        """The time now (in place of the `time` module)."""
        return self.now
