"""The fake Telegram's profile texts through python-telegram-bot: the description and short
description per language, refused over the Bot API's limits (counted in UTF-16 units)."""

from __future__ import annotations

import pytest
from telegram import Bot
from telegram.error import BadRequest

from tests.fakes import FakeTelegram

pytestmark = pytest.mark.asyncio


async def test_descriptions_per_language_and_their_limits(tg: FakeTelegram, ptb: Bot) -> None:
    assert (await ptb.get_my_description()).description == ""
    await ptb.set_my_description("🦊" * 256)  # 512 UTF-16 units: the most allowed
    await ptb.set_my_description("Привет", language_code="ru")
    assert (await ptb.get_my_description(language_code="ru")).description == "Привет"
    assert tg.description() == "🦊" * 256 and tg.description("ru") == "Привет"
    with pytest.raises(BadRequest, match=r"(?i)description is too long"):
        await ptb.set_my_description("🦊" * 256 + "x")
    with pytest.raises(BadRequest, match=r"(?i)language code"):
        await ptb.set_my_description("Hi", language_code="pt-BR")
    assert tg.description() == "🦊" * 256  # a refused call changes nothing

    await ptb.set_my_short_description("x" * 120)
    with pytest.raises(BadRequest, match=r"(?i)short description is too long"):
        await ptb.set_my_short_description("x" * 121, language_code="ru")
    assert (await ptb.get_my_short_description()).short_description == "x" * 120
    assert tg.short_description("ru") == ""
    # An empty text removes the language's own: the default shows again.
    await ptb.set_my_description("", language_code="ru")
    assert tg.description("ru") == ""
