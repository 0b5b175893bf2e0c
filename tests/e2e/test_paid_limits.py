"""Spend limits as a paying user sees them, through the real bot process: with Stars on, the
operator's per-user USD budget does not cap a customer, /jobs shows no spend, and the
all-users budget refuses in the bot's name with nothing taken."""

import pytest

from tests.chat import button
from tests.e2e.stars import (
    ADMIN,
    STARS_PER_USD,
    balance,
    buy,
    invoice_for,
    ledger,
    options_for,
)

ANN = 1001


@pytest.fixture
def bot_env(bot_env):
    bot_env.update(STARS_PER_USD=STARS_PER_USD, STAR_PACKS="500", ADMIN_USER_IDS=str(ADMIN))
    return bot_env


async def customer(bot_env, bot_process, telegram, **budget: str) -> dict:
    """Start the bot with `budget`; Ann, who has bought 500 ⭐."""
    bot_env.update(budget)
    await bot_process.start()
    ann = telegram.user(ANN, "Ann")
    await buy(telegram, ann, 500)
    return ann


async def test_a_customer_is_not_capped_by_the_per_user_budget(
    bot_env, bot_process, telegram, shortapi
):
    ann = await customer(bot_env, bot_process, telegram, USER_DAILY_BUDGET="1.00")
    for n, caption in enumerate(("A fox", "A fox, again"), start=1):
        card = await options_for(telegram, ann, caption)
        assert "Price: 64 ⭐" in card["text"]  # $0.64 at 100 ⭐ a dollar
        query = telegram.press(ANN, ann, card["message_id"], button(card, "Generate"))
        answer = await telegram.wait_for_answer(query)
        assert "limit" not in answer.get("text", "")
        await telegram.wait_for(lambda n=n: len(telegram.uploads) == n, timeout=20)
    assert len(shortapi.creates) == 2
    assert await balance(telegram, ann) == 500 - 2 * 64 == (await ledger(bot_env))[ANN]

    telegram.send_text(ANN, ann, "/jobs")
    listing = await telegram.wait_for_bot_message(
        ANN, lambda m: "Your recent videos" in m.get("text", "")
    )
    assert "Spent" not in listing["text"] and "$" not in listing["text"]
    assert "64 ⭐" in listing["text"]


async def test_the_bots_budget_refuses_a_customer_in_the_bots_name_taking_nothing(
    bot_env, bot_process, telegram, shortapi
):
    ann = await customer(bot_env, bot_process, telegram, DAILY_BUDGET="1.00")
    first = await options_for(telegram, ann, "A fox")
    telegram.press(ANN, ann, first["message_id"], button(first, "Generate"))
    await telegram.wait_for(lambda: len(telegram.uploads) == 1, timeout=20)

    second = await options_for(telegram, ann, "A fox, again")
    query = telegram.press(ANN, ann, second["message_id"], button(second, "Generate"))
    answer = await telegram.wait_for_answer(query)
    assert answer["show_alert"]
    assert answer["text"].startswith("The bot has reached its limit for today")
    assert "No Stars were spent" in answer["text"] and "tomorrow" in answer["text"]
    assert "$" not in answer["text"] and "your daily limit" not in answer["text"]
    assert len(shortapi.creates) == 1
    assert await balance(telegram, ann) == 500 - 64 == (await ledger(bot_env))[ANN]


async def test_a_paid_invoice_the_bots_budget_refuses_says_so_once(
    bot_env, bot_process, telegram, shortapi
):
    bot_env["DAILY_BUDGET"] = "1.00"
    await bot_process.start()
    ann, bob = telegram.user(ANN, "Ann"), telegram.user(ANN + 1, "Bob")
    card = await options_for(telegram, ann, "A fox")
    telegram.press(ANN, ann, card["message_id"], button(card, "Generate"))
    invoice = await invoice_for(telegram, ANN)  # Ann has no Stars: the video's invoice
    # Before Ann pays, Bob's video takes $0.64 of the bot's $1.00 for the day.
    await buy(telegram, bob, 500)
    bobs = await options_for(telegram, bob, "A cat")
    telegram.press(ANN + 1, bob, bobs["message_id"], button(bobs, "Generate"))
    await telegram.wait_for(lambda: len(telegram.uploads) == 1, timeout=20)

    assert (await telegram.pay(ANN, ann, invoice["message_id"])).ok
    told = await telegram.wait_for_bot_message(ANN, lambda m: "Thank you" in m.get("text", ""))
    assert told["text"] == (
        "✅ Thank you! 64 ⭐ added. Your balance: 64 ⭐.\n\nThe video did not start, so the"
        " Stars stay on your balance: the bot has reached its limit for today. Please try"
        " again tomorrow (after 00:00 UTC)."
    )
    assert len(shortapi.creates) == 1 and await balance(telegram, ann) == 64
