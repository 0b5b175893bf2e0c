"""When to query a job at the API, and when to stop waiting for it."""

import random
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PollPolicy:
    """When to query a job, and when to stop waiting for it."""

    interval: float
    max_interval: float
    timeout: float
    late_grace: float
    max_failures: int = 5

    def delay(self, polls: int) -> float:
        """Seconds until the next query after `polls` queries: growing to the cap.

        The jitter only shortens the wait, so no job waits longer than the cap, and jobs
        submitted together drift apart instead of querying in bursts.
        """
        return min(self.max_interval, self.interval * 1.5**polls) * random.uniform(0.85, 1.0)
