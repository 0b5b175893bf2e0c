"""Logging set-up: secrets are redacted from every line, httpx's URL logging is kept quiet."""

import logging
import re
import sys
from collections.abc import Iterable

# A bot token is `<digits>:<35 url-safe chars>`; redact anything of that shape, not only ours.
# No \b before the digits: in Bot API URLs the token follows "bot" directly (/bot123:AA…).
_TOKEN_SHAPE = re.compile(r"(?<![0-9])[0-9]{5,}:[A-Za-z0-9_-]{30,}")
_BEARER = re.compile(r"(Bearer\s+)[^\s'\"]+", re.IGNORECASE)
REDACTED = "[REDACTED]"
_MIN_SECRET = 6


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
        text = text.replace(secret, REDACTED)
    text = _TOKEN_SHAPE.sub(REDACTED, text)
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
