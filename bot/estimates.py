"""How long a video usually takes here: from this bot's own recent jobs with the same options
(bot/progress.py turns them into one figure). No telegram here."""

from bot.options import options_of
from bot.progress import Expected, expected_seconds
from bot.veo import VideoOptions
from storage import Database, DatabaseUnavailable, Job

# Jobs whose expectation is kept; past this, the oldest are long done and the cache starts anew.
_KEPT = 1024


class ExpectedTimes:
    """The expected time for an option set (the card), and per job, fixed once computed (so a
    job's bar never jumps back when the history changes)."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._by_job: dict[int, float] = {}

    async def of(self, options: VideoOptions) -> Expected:
        """The median of recent jobs with these options, or the built-in estimate."""
        history = await self._db.estimates.recent_durations(
            options.mode.value, options.resolution.value, options.duration, options.audio
        )
        return expected_seconds(options, history)

    async def of_job(self, job: Job) -> float:
        """The seconds this job's video is expected to take (the built-in estimate while the
        database cannot be read: a bar is not worth a failed step)."""
        known = self._by_job.get(job.id)
        if known is not None:
            return known
        options = options_of(job)
        try:
            seconds = (await self.of(options)).seconds
        except DatabaseUnavailable:
            seconds = expected_seconds(options, []).seconds  # logged once by the database
        if len(self._by_job) >= _KEPT:
            self._by_job.clear()  # any job still running computes its own again
        self._by_job[job.id] = seconds
        return seconds
