"""Calls to the Bot API that every part of the bot makes: retries of sends after network
errors, and answering a button press."""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import TypeVar

from telegram import CallbackQuery
from telegram.error import BadRequest, NetworkError, TelegramError

log = logging.getLogger(__name__)
T = TypeVar("T")


async def retrying(send: Callable[[], Awaitable[T]], retries: int = 3, backoff: float = 1.0) -> T:
    """Repeat a send after network errors and 5xx, with backoff; Telegram's refusals are final.

    (PTB raises BadRequest, a NetworkError subclass, for refusals; 429s are already handled
    below by the rate limiter.)
    """
    attempt = 0
    while True:
        try:
            return await send()
        except BadRequest:
            raise
        except NetworkError as exc:
            attempt += 1
            if attempt > retries:
                raise
            delay = backoff * 2 ** (attempt - 1)
            log.info("send failed (%s); retry %d in %.1fs", exc, attempt, delay)
            await asyncio.sleep(delay)


async def answer_press(query: CallbackQuery, text: str | None = None, alert: bool = False) -> None:
    """Answer a button press; failing to (the query expired, Telegram had an error) only costs
    the spinner, so it must not stop the handler from doing the press's work.
    """
    try:
        await retrying(lambda: query.answer(text, show_alert=alert), retries=1, backoff=0.5)
    except TelegramError as exc:
        log.info("callback query %s not answered: %s", query.id, exc)


def seconds_of(wait: int | timedelta) -> float:
    """A retry_after in seconds."""
    # PTB gives retry_after as int seconds or a timedelta, depending on its settings.
    return wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
