"""The expected time of a video, the progress bar measured against it, and the pace of bars."""

import statistics
from collections.abc import Sequence
from typing import NamedTuple

from bot.veo import Mode, Resolution, VideoOptions

# Recent jobs with the same options needed before their median replaces the built-in guess.
MIN_HISTORY = 3
CELLS = 10
# The bar is measured against a typical time, not a real signal of progress: it never claims
# the video is done before it exists.
MAX_PERCENT = 95

# Seconds from the create call to a finished video, by mode, resolution and duration. These are
# estimates, not measurements: plausible figures for Veo 3.1 (fast is quicker, 4K and longer
# clips slower), used only until this bot has MIN_HISTORY jobs of its own with the same options.
BUILT_IN: dict[tuple[Mode, Resolution], dict[int, float]] = {
    (Mode.FAST, Resolution.P720): {4: 50, 6: 60, 8: 75},
    (Mode.FAST, Resolution.P1080): {4: 65, 6: 80, 8: 95},
    (Mode.FAST, Resolution.K4): {4: 150, 6: 180, 8: 210},
    (Mode.QUALITY, Resolution.P720): {4: 110, 6: 140, 8: 170},
    (Mode.QUALITY, Resolution.P1080): {4: 140, 6: 170, 8: 200},
    (Mode.QUALITY, Resolution.K4): {4: 270, 6: 320, 8: 360},
}


class Expected(NamedTuple):
    """How long a video usually takes, and whether that comes from this bot's own jobs."""

    seconds: float
    from_history: bool


def expected_seconds(options: VideoOptions, history: Sequence[float]) -> Expected:
    """The median of recent durations with these options when there are at least
    MIN_HISTORY of them, else the built-in estimate."""
    durations = [d for d in history if d >= 0]  # a clock set back must not give a negative
    if len(durations) >= MIN_HISTORY:
        return Expected(statistics.median(durations), True)
    return Expected(BUILT_IN[options.mode, options.resolution][options.duration], False)


def bar(elapsed: float, expected: float) -> tuple[str, int]:
    """`▓▓▓░░░░░░░ 30 %` and its percent: elapsed against expected, at most MAX_PERCENT."""
    ratio = elapsed / expected if expected > 0 else 1.0
    percent = max(0, min(MAX_PERCENT, int(100 * ratio)))
    filled = percent * CELLS // 100
    return "▓" * filled + "░" * (CELLS - filled) + f" {percent} %", percent


def overtime(elapsed: float, expected: float) -> bool:
    """Whether the job has taken longer than videos with its options usually do."""
    return elapsed > expected


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
