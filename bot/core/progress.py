"""The expected time of a video, when it is late, and the moving bar of a job being made."""

import statistics
from collections.abc import Sequence
from typing import NamedTuple

from bot.veo import Options

# Recent jobs with the same options needed before their median replaces the built-in guess
# (each model declares its own, bot/veo).
MIN_HISTORY = 3
# ShortAPI says nothing of how far along a video is, so the bar shows only that the bot is
# still at it: a few lit cells walking to and fro, one step per STEP_SECONDS (the pace of the
# status edits, bot/telegram/notifier.py). It never fills, so it never claims a share done.
CELLS = 10
LIT = 3
STEP_SECONDS = 10.0
# Late only by a clear margin: the expected time is a median or a guess, and videos vary.
LATE_FACTOR = 1.5
LATE_MARGIN_SECONDS = 60.0


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


def bar(elapsed: float) -> str:
    """`░░▓▓▓░░░░░`: LIT cells at a place that moves with the time elapsed, no share claimed."""
    places = CELLS - LIT + 1
    step = max(0, int(elapsed // STEP_SECONDS)) % (2 * places - 2)
    start = step if step < places else 2 * places - 2 - step  # back the other way
    return "░" * start + "▓" * LIT + "░" * (CELLS - LIT - start)


def overtime(elapsed: float, expected: float) -> bool:
    """Whether the job is clearly later than videos with its options usually are: past
    LATE_FACTOR times the expected time and at least LATE_MARGIN_SECONDS over it."""
    return elapsed > max(LATE_FACTOR * expected, expected + LATE_MARGIN_SECONDS)
