"""How long videos took here: the history behind the expected time on the options card."""

from typing import TYPE_CHECKING

from storage.records import JobStatus
from storage.sql import Args

if TYPE_CHECKING:
    from storage.db import Database

# Jobs whose video was made: submitted_at to finished_at is how long the API took for it.
_MADE = (JobStatus.SUCCEEDED, JobStatus.DELIVERED)
# How the sandbox's ids begin (bot/veo/sandbox.py; storage imports nothing of bot, and a test
# holds the two equal).
SIMULATED_PREFIX = "sandbox-"


class EstimateRepository:
    """Durations of this bot's finished jobs, by history key."""

    def __init__(self, db: "Database") -> None:
        self._db = db

    async def recent_durations(self, key: str, limit: int = 20) -> list[float]:
        """Seconds from submission to the finished video of the newest jobs with this history
        key (bot/veo's declaration of the model computes it from the args that change the
        work) whose video was made, newest first."""
        a = Args()
        rows = await self._db.fetch(
            "SELECT finished_at - submitted_at AS seconds FROM jobs"
            f" WHERE estimate_key = {a(key)} AND status IN ({a.many(_MADE)})"
            " AND submitted_at IS NOT NULL AND finished_at IS NOT NULL"
            # A simulated video (the sandbox) says nothing of how long a real one takes.
            f" AND COALESCE(provider_job_id, '') NOT LIKE {a(SIMULATED_PREFIX + '%')}"
            f" ORDER BY id DESC LIMIT {a(limit)}",
            *a.values,
        )
        return [float(row["seconds"]) for row in rows]
