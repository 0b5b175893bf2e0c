"""Logging set-up: secrets are redacted from every line, httpx's URL logging is kept quiet;
lines strangers can cause are throttled.
"""

import logging
import math
import re
import sys
import time
from collections.abc import Callable, Iterable

# A bot token is `<digits>:<35 url-safe chars>`; redact anything of that shape, not only ours.
# No \b before the digits: in Bot API URLs the token follows "bot" directly (/bot123:AA…).
_TOKEN_SHAPE = re.compile(r"(?<![0-9])[0-9]{5,}:[A-Za-z0-9_-]{30,}")
_BEARER = re.compile(r"(Bearer\s+)[^\s'\"]+", re.IGNORECASE)
# The link to a video the bot keeps (bot/jobs/kept.py) is the only key to it: PTB's debug
# lines carry the message with it, so only its first characters are logged.
_KEPT_VIDEO = re.compile(r"(/v/[A-Za-z0-9_-]{4})[A-Za-z0-9_-]{28}(?=\.mp4)")
REDACTED = "[REDACTED]"
_MIN_SECRET = 6
# A secret this long is random enough never to occur by chance in other text: removed wherever
# it stands, also glued to other characters (/bot<token>/getMe). A shorter one (a database
# password an operator chose) only where it stands alone, so that a password "own" leaves
# "unknown" as it is.
_LONG_SECRET = 16
_ALONE = r"(?<![A-Za-z0-9_-]){}(?![A-Za-z0-9_-])"


class RedactingFormatter(logging.Formatter):
    """Formats as usual, then removes secrets from the whole line, tracebacks included."""

    def __init__(self, fmt: str, secrets: Iterable[str]) -> None:
        super().__init__(fmt)
        # Longest first, so a secret containing another is replaced whole. A very short value
        # cannot be a real secret and replacing it everywhere would make logs unreadable.
        self._secrets = sorted(
            {s for s in secrets if len(s) >= _MIN_SECRET}, key=len, reverse=True
        )

    def format(self, record: logging.LogRecord) -> str:
        """The formatted record with secrets replaced."""
        return redact(super().format(record), self._secrets)


def redact(text: str, secrets: Iterable[str]) -> str:
    """`text` with the given secrets, token-shaped strings and bearer credentials removed."""
    for secret in secrets:
        if len(secret) >= _LONG_SECRET:
            text = text.replace(secret, REDACTED)
        elif secret:
            text = re.sub(_ALONE.format(re.escape(secret)), REDACTED, text)
    text = _TOKEN_SHAPE.sub(REDACTED, text)
    text = _KEPT_VIDEO.sub(r"\1…", text)
    return _BEARER.sub(lambda m: m.group(1) + REDACTED, text)


def setup_logging(level: str, secrets: Iterable[str]) -> None:
    """Log to stderr through the redacting formatter."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", secrets)
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # httpx logs every request's full URL at INFO, and Bot API URLs contain the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    # aiosqlite logs every statement at DEBUG, which drowns the bot's own lines.
    logging.getLogger("aiosqlite").setLevel(logging.INFO)


# PTB logs a failed start (getMe, deleteWebhook) with its whole traceback, then raises the
# error; __main__ turns that error into one line, so the log record only repeats it at length.
_PTB_BOOTSTRAP = "Network Retry Loop (Bootstrap"


def _not_bootstrap_failure(record: logging.LogRecord) -> bool:
    return not (record.levelno >= logging.ERROR and record.getMessage().startswith(_PTB_BOOTSTRAP))


# PTB's rate limiter logs the 429 it stops repeating at ERROR with a traceback, then raises
# it; the bot handles that (a send is retried later, a delivery waits out its retry_after).
_PTB_GAVE_UP = "Rate limit hit after maximum"


def _rate_limit_in_one_line(record: logging.LogRecord) -> bool:
    if record.getMessage().startswith(_PTB_GAVE_UP):
        record.exc_info, record.exc_text = None, None
        record.levelno, record.levelname = logging.WARNING, "WARNING"
    return True


def quiet_ptb_startup() -> None:
    """Keep PTB's tracebacks of what the bot handles out of the log: a failed start (the
    caller reports the error), a 429 the rate limiter gave up on (one line instead)."""
    # The retry loop logs through the "telegram.ext" logger itself, where a filter applies.
    logging.getLogger("telegram.ext").addFilter(_not_bootstrap_failure)
    logging.getLogger("telegram.ext.AIORateLimiter").addFilter(_rate_limit_in_one_line)


class Throttled:
    """One kind of recurring log line, written at most once per `every` seconds.

    For events a stranger can cause at will (a malformed request, a refused connection): the
    operator learns that they happen and how often, but the log cannot be filled by them.
    """

    def __init__(
        self,
        logger: logging.Logger,
        level: int,
        every: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._logger, self._level, self._every, self._clock = logger, level, every, clock
        self._next = -math.inf
        self._left_out = 0

    def __call__(self, message: str, *args: object) -> None:
        """Log the line now, or only count it if one was logged less than `every` ago."""
        now = self._clock()
        if now < self._next:
            self._left_out += 1
            return
        if self._left_out:
            message += f" ({self._left_out} more like it left out of the log)"
        self._logger.log(self._level, message, *args)
        self._next = now + self._every
        self._left_out = 0
