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
    # How long a finished video's delivery is retried through faults; 0: timeout + late_grace.
    delivery_timeout: float = 0.0
    # Faults (5xx, 429, timeouts) back off further than ordinary polls, up to this many times
    # the poll cap: an outage is not hammered, and the end of it is still noticed soon.
    retry_cap_factor: float = 4.0
    # Consecutive faults after which the user is told the job is delayed (once).
    tell_after: int = 3

    def retry_delay(self, failures: int) -> float:
        """Seconds until the next try after `failures` faults in a row: growing, capped,
        jittered shorter (as `delay`).
        """
        cap = self.max_interval * self.retry_cap_factor
        return min(cap, self.interval * 1.5**failures) * random.uniform(0.85, 1.0)

    def query_deadline(self, started: float) -> float:
        """Until when a job submitted at `started` is worth asking about: the API can hand a
        late video over until then.
        """
        return started + self.timeout + self.late_grace

    def delivery_deadline(self, finished: float) -> float:
        """Until when delivery of a video finished at `finished` is retried through faults."""
        return finished + (self.delivery_timeout or self.timeout + self.late_grace)

    def delay(self, polls: int) -> float:
        """Seconds until the next query after `polls` queries: growing to the cap.

        The jitter only shortens the wait, so no job waits longer than the cap, and jobs
        submitted together drift apart instead of querying in bursts.
        """
        return min(self.max_interval, self.interval * 1.5**polls) * random.uniform(0.85, 1.0)

    def next_queries(self, now: float) -> list[float]:
        """When a query step claimed `now` queries next if it finds nothing new: entry i is
        for a job queried i times before (`delay(i + 1)` from now), the last for any more.
        One jitter for the batch: the batches themselves are claimed at scattered times."""
        jitter = random.uniform(0.85, 1.0)
        times, polls = [], 1
        while True:
            wait = min(self.max_interval, self.interval * 1.5**polls)
            times.append(now + wait * jitter)
            if wait >= self.max_interval or len(times) >= 40:
                return times
            polls += 1
