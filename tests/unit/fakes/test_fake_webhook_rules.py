"""The fake Bot API refuses the webhooks api.telegram.org refuses, with its words."""

import pytest
from telegram import Bot
from telegram.error import BadRequest

from tests.fakes import FakeTelegram
from tests.fakes._tg_webhook import HTTPS_ONLY, WEBHOOK_PORT_REFUSED


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://bot.example.com/hook", HTTPS_ONLY),
        ("https://bot.example.com:8080/hook", WEBHOOK_PORT_REFUSED),
    ],
)
async def test_like_telegram_only_https_on_its_four_ports(tg: FakeTelegram, ptb: Bot, url, reason):
    tg.webhook_over_http = False
    with pytest.raises(BadRequest) as refused:
        await ptb.set_webhook(url)
    assert refused.value.message == reason.capitalize()  # PTB capitalises the description
    assert tg.webhook is None


@pytest.mark.parametrize(
    "url",
    ["https://bot.example.com/hook", "https://bot.example.com:8443/h", "https://b.example:88"],
)
async def test_https_on_443_80_88_or_8443_is_taken(tg: FakeTelegram, ptb: Bot, url):
    tg.webhook_over_http = False
    assert await ptb.set_webhook(url)
    assert tg.webhook is not None and tg.webhook["url"] == url


async def test_by_default_the_loopback_tests_may_use_http_on_any_port(tg: FakeTelegram, ptb: Bot):
    assert await ptb.set_webhook("http://127.0.0.1:8080/hook")
