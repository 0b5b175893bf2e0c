"""The bot's side of the fake's payments, by hand: a PTB bot that takes its updates one at a
time, sends Stars invoices and answers checkouts."""

from __future__ import annotations

import asyncio
from typing import Any

from telegram import Bot, LabeledPrice, Update

from tests.fakes import FakeTelegram, PaymentResult
from tests.unit.fakes.calls import USER_ID


def answered(tg: FakeTelegram, method: str) -> str | None:
    """The error Telegram gave the last call of `method` (PTB rewrites it), None if none."""
    return tg.calls_of(method)[-1].error


class Poller:
    """The bot's getUpdates loop, one update at a time, confirming each by the next offset."""

    def __init__(self, ptb: Bot) -> None:
        self.ptb = ptb
        self.offset: int | None = None

    async def next(self) -> Update:
        """The next update, waiting for it (long poll)."""
        [update] = await self.ptb.get_updates(offset=self.offset, limit=1, timeout=5)
        self.offset = update.update_id + 1
        return update

    async def skip_start(self) -> None:
        """Take the user's /start, queued by the `ann` fixture."""
        assert (await self.next()).message.text == "/start"


async def send_invoice(ptb: Bot, amount: int = 50, **kwargs: Any) -> Any:
    """A Stars invoice as the project's bot sends one."""
    fields: dict[str, Any] = {
        "title": "50 Stars",
        "description": "Credit for videos",
        "payload": "pack:50:u111",
        "currency": "XTR",
        "prices": [LabeledPrice("50 Stars", amount)],
    }
    fields.update(kwargs)
    return await ptb.send_invoice(USER_ID, **fields)


async def checkout(
    tg: FakeTelegram,
    bot: Poller,
    user: dict[str, Any],
    message_id: int,
    *,
    ok: bool = True,
    error_message: str | None = None,
    **pay: Any,
) -> tuple[PaymentResult, Update]:
    """The user pays; the bot takes the pre_checkout_query and answers it."""
    paying = asyncio.create_task(tg.pay(USER_ID, user, message_id, **pay))
    query = await bot.next()
    await bot.ptb.answer_pre_checkout_query(
        query.pre_checkout_query.id, ok, error_message=error_message
    )
    return await paying, query
