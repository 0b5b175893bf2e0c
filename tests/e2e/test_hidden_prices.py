"""Prices with payments off, through the real bot process: by default (SHOW_PRICES off) a user
whose videos the operator pays for sees no price on the card, the Generate button or /help,
and a limit as what is left of their allowance, never as a bill."""

import pytest

from tests.chat import button, keyboard_labels
from tests.e2e.stars import options_for

ANN = 1001


@pytest.fixture
def bot_env(bot_env):
    del bot_env["SHOW_PRICES"]  # the default: what a video costs the bot is not shown
    return bot_env


async def test_no_price_on_the_card_the_button_or_help_and_a_limit_is_what_is_left(
    bot_env, bot_process, telegram, shortapi
):
    bot_env["USER_DAILY_BUDGET"] = "1.00"
    await bot_process.start()
    ann = telegram.user(ANN)
    card = await options_for(telegram, ann, "A dog surfing")
    assert "Price" not in card["text"] and "$" not in card["text"]
    labels = [label for row in keyboard_labels(card) for label in row]
    assert "🎬 Generate" in labels and not any("$" in label for label in labels)

    telegram.send_text(ANN, ann, "/help")
    help_text = (await telegram.wait_for_bot_message(ANN, lambda m: "caption" in m["text"]))[
        "text"
    ]
    assert "Prices per video" not in help_text and "$" not in help_text

    telegram.press(ANN, ann, card["message_id"], button(card, "Generate"))
    await telegram.wait_for(lambda: telegram.uploads, timeout=20)
    # Nor on the request's status message, nor under the video it brings.
    status = telegram.message(ANN, card["message_id"])["text"]
    assert "Status" in status and "Price" not in status and "$" not in status
    caption = telegram.calls_of("sendVideo")[-1].params["caption"]
    assert "A dog surfing" in caption and "$" not in caption
    second = await options_for(telegram, ann, "more")
    query = telegram.press(ANN, ann, second["message_id"], button(second, "Generate"))
    answer = await telegram.wait_for_answer(query)
    assert answer["show_alert"] and "daily allowance ($0.36)" in answer["text"]
    assert "$0.64" not in answer["text"] and "$1.00" not in answer["text"]
    assert len(shortapi.creates) == 1

    telegram.send_text(ANN, ann, "/jobs")
    listing = await telegram.wait_for_bot_message(
        ANN, lambda m: "Your recent videos" in m.get("text", "")
    )
    assert listing["text"].startswith("Left of your daily allowance today: $0.36.")
    assert "Spent" not in listing["text"] and "$0.64" not in listing["text"]


async def test_the_bots_budget_refuses_in_the_bots_name(bot_env, bot_process, telegram, shortapi):
    bot_env["DAILY_BUDGET"] = "1.00"
    await bot_process.start()
    ann = telegram.user(ANN)
    for n, caption in enumerate(("one", "two"), start=1):
        card = await options_for(telegram, ann, caption)
        query = telegram.press(ANN, ann, card["message_id"], button(card, "Generate"))
        if n == 1:
            await telegram.wait_for(lambda: telegram.uploads, timeout=20)
    answer = await telegram.wait_for_answer(query)
    assert answer["text"].startswith("The bot has reached its limit for today")
    assert "$" not in answer["text"] and "Stars" not in answer["text"]
    assert len(shortapi.creates) == 1


async def test_nothing_promises_prices_that_are_not_shown(bot_env, bot_process, telegram):
    await bot_process.start()
    ann = telegram.user(ANN, "Ann", language_code="ru")
    menus = {
        language: {c["command"]: c["description"] for c in telegram.commands_of(language)}
        for language in ("", "ru")
    }
    assert menus[""]["help"] == "How it works"
    assert menus["ru"]["help"] == "Как всё устроено"
    telegram.send_text(ANN, ann, "/start")
    greeting = await telegram.wait_for_bot_message(ANN, lambda m: bool(m.get("reply_markup")))
    assert keyboard_labels(greeting) == [["ℹ️ Как это работает"]]
    telegram.send_text(ANN, ann, "/foo")
    told = await telegram.wait_for_bot_message(ANN, lambda m: "/help — " in m.get("text", ""))
    assert "/help — Как всё устроено\n" in told["text"] and "цены" not in told["text"]
