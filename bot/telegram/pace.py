"""How often the bot may send what nobody waits for (progress bars): a token bucket, so that
thousands of jobs' bars never crowd out the answers people are waiting for."""


class Pace:
    """A token bucket: at most `rate` takes a second on average, up to a second's burst."""

    def __init__(self, rate: float) -> None:
        self._rate = rate
        self._tokens = rate
        self._at: float | None = None

    def ready(self, now: float) -> bool:
        """Whether one more may go at `now` (a monotonic clock's)."""
        if self._at is None or now > self._at:
            # Callers may pass a `now` read before an await: time only ever moves forward
            # here, or the same second would be counted twice.
            since = 0.0 if self._at is None else now - self._at
            self._tokens = min(self._rate, self._tokens + since * self._rate)
            self._at = now
        return self._tokens >= 1

    def take(self, now: float) -> bool:
        """Whether one more may go at `now`, and if so, count it."""
        if not self.ready(now):
            return False
        self._tokens -= 1
        return True
