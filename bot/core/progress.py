"""The expected time of a video, and the progress bar measured against it."""

import statistics
from collections.abc import Sequence
from typing import NamedTuple

from bot.veo import Options

# Recent jobs with the same options needed before their median replaces the built-in guess
# (each model declares its own, bot/veo).
MIN_HISTORY = 3
CELLS = 10
# The bar is measured against a typical time, not a real signal of progress: it never claims
# the video is done before it exists.
MAX_PERCENT = 95


class Expected(NamedTuple):
    """How long a video usually takes, and whether that comes from this bot's own jobs."""

    seconds: float
    from_history: bool


def expected_seconds(options: Options, history: Sequence[float]) -> Expected:
    """The median of recent durations with these options when there are at least
    MIN_HISTORY of them, else the model's built-in estimate."""
    durations = [d for d in history if d >= 0]  # a clock set back must not give a negative
    if len(durations) >= MIN_HISTORY:
        return Expected(statistics.median(durations), True)
    return Expected(options.video_model.expected_seconds(options), False)


def bar(elapsed: float, expected: float) -> tuple[str, int]:
    """`▓▓▓░░░░░░░ 30 %` and its percent: elapsed against expected, at most MAX_PERCENT."""
    ratio = elapsed / expected if expected > 0 else 1.0
    percent = max(0, min(MAX_PERCENT, int(100 * ratio)))
    filled = percent * CELLS // 100
    return "▓" * filled + "░" * (CELLS - filled) + f" {percent} %", percent


def overtime(elapsed: float, expected: float) -> bool:
    """Whether the job has taken longer than videos with its options usually do."""
    return elapsed > expected
