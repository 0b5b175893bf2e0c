"""How long a video usually takes here: from this bot's own recent jobs with the same options
(bot/core/progress.py turns them into one figure). No telegram here."""

import time
from collections.abc import Callable

from bot.core.options import options_of
from bot.core.progress import Expected, expected_seconds
from bot.veo import Options
from storage import Database, DatabaseUnavailable, Job

# Jobs whose expectation is kept (a float each); past this, the cache starts anew.
_KEPT = 100_000
# How long the figure for an option set serves the jobs' bars before it is read again: with
# thousands of jobs in flight, not one query of the history per query of a job.
REFRESH_EVERY = 60.0


class ExpectedTimes:
    """The expected time for an option set (the card), and per job, fixed once computed (so a
    job's bar never jumps back when the history changes)."""

    def __init__(self, db: Database, clock: Callable[[], float] = time.monotonic) -> None:
        self._db = db
        self._clock = clock
        self._by_job: dict[int, float] = {}
        self._by_options: dict[Options, tuple[float, float]] = {}  # seconds, read at

    async def of(self, options: Options) -> Expected:
        """The median of recent jobs with these options, or the built-in estimate."""
        key = options.video_model.history_key(options)
        history = await self._db.estimates.recent_durations(key)
        return expected_seconds(options, history)

    async def of_job(self, job: Job) -> float:
        """The seconds this job's video is expected to take (the built-in estimate while the
        database cannot be read: a bar is not worth a failed step)."""
        known = self._by_job.get(job.id)
        if known is not None:
            return known
        seconds = await self._recent(options_of(job))
        if len(self._by_job) >= _KEPT:
            self._by_job.clear()  # any job still running computes its own again
        self._by_job[job.id] = seconds
        return seconds

    async def _recent(self, options: Options) -> float:
        now = self._clock()
        seen = self._by_options.get(options)
        if seen is not None and now - seen[1] < REFRESH_EVERY:
            return seen[0]
        try:
            seconds = (await self.of(options)).seconds
        except DatabaseUnavailable:
            return expected_seconds(options, []).seconds  # logged once by the database
        self._by_options[options] = (seconds, now)
        return seconds
