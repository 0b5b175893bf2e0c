"""Fake Telegram Bot API and ShortAPI servers for end-to-end tests of the bot.

Both are aiohttp servers started inside the test's event loop::

    async with FakeTelegram(token) as tg, FakeShortAPI(key) as api:
        env = {"TELEGRAM_API_URL": tg.base_url, "SHORTAPI_BASE_URL": api.base_url}
        ann = tg.user(111)
        tg.send_photo(111, ann, png_bytes, caption="waves")      # what a user does
        reply = await tg.wait_for_bot_message(111)                # what the bot did
        await api.wait_for(lambda: api.jobs)

Driver methods are plain calls; `wait_for*` wake up on every change of state (no sleeping).
"""

from ._tg_payments import PaymentResult
from ._tg_webhook import WebhookDelivery
from .shortapi import FakeShortAPI, ImageFetch, Job, price
from .telegram import FakeTelegram

__all__ = [
    "FakeShortAPI",
    "FakeTelegram",
    "ImageFetch",
    "Job",
    "PaymentResult",
    "WebhookDelivery",
    "price",
]
