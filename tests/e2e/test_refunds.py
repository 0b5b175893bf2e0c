"""Refunds through the real bot process: a refund reserves its Stars before it asks Telegram, so
nothing spends them meanwhile; a refund Telegram makes by itself is counted at once; and each
refund is counted once, whichever of the message, /refund or reconciliation comes first."""

import pytest

from tests.chat import button
from tests.e2e.stars import (
    ADMIN,
    STARS_PER_USD,
    assert_adds_up,
    buy,
    kept_at_telegram,
    ledger,
    options_for,
)

ANN, BOB = 1001, 1002
NOTICE = "of your payment were refunded"  # what the user is told of a refund


@pytest.fixture
def bot_env(bot_env):
    bot_env.update(STARS_PER_USD=STARS_PER_USD, ADMIN_USER_IDS=str(ADMIN))
    return bot_env


def notices(telegram, user_id: int) -> list[dict]:
    """The refund notices the user was sent."""
    return [m for m in telegram.bot_messages(user_id) if NOTICE in m.get("text", "")]


@pytest.mark.both_stores
async def test_a_generate_while_a_refund_is_in_flight_cannot_spend_the_refunded_stars(
    bot, telegram, shortapi, bot_env
):
    bob, admin = telegram.user(BOB, "Bob"), telegram.user(ADMIN, "Op")
    paid = await buy(telegram, bob, 100)
    card = await options_for(telegram, bob, "A fox in the snow")  # 64 ⭐
    # refundStarPayment takes a second, as under load; Bob presses Generate meanwhile.
    telegram.stall_next("refundStarPayment", 1.0)
    telegram.send_text(ADMIN, admin, f"/refund {paid.charge_id}")
    await telegram.wait_for(lambda: "refundStarPayment" in telegram.stalled, timeout=10)
    query = telegram.press(BOB, bob, card["message_id"], button(card, "Generate"))
    answer = await telegram.wait_for_answer(query)
    done = await telegram.wait_for_bot_message(
        ADMIN, lambda m: "Refunded 100 ⭐" in m.get("text", "")
    )
    assert "their balance is 0 ⭐" in done["text"]
    assert "64 ⭐ missing" in answer["text"], "the refund's Stars were spendable meanwhile"
    assert shortapi.creates == [], "a video nobody paid for"
    await telegram.wait_for_bot_message(BOB, lambda m: NOTICE in m.get("text", ""))
    await assert_adds_up(telegram, bot_env, bob, 0)


@pytest.mark.both_stores
async def test_a_refund_telegram_refuses_gives_the_stars_back_and_can_be_tried_again(
    bot, telegram, shortapi, bot_env
):
    bob, admin = telegram.user(BOB, "Bob"), telegram.user(ADMIN, "Op")
    paid = await buy(telegram, bob, 100)
    telegram.fail_next("refundStarPayment", 400, "Bad Request: BALANCE_TOO_LOW")
    telegram.send_text(ADMIN, admin, f"/refund {paid.charge_id}")
    refused = await telegram.wait_for_bot_message(
        ADMIN, lambda m: "Telegram refused the refund" in m.get("text", "")
    )
    assert "balance_too_low" in refused["text"].lower()  # PTB words Telegram's code so
    await assert_adds_up(telegram, bot_env, bob, 100)
    assert notices(telegram, BOB) == []

    telegram.send_text(ADMIN, admin, f"/refund {paid.charge_id}")  # later, it goes through
    await telegram.wait_for_bot_message(ADMIN, lambda m: "Refunded 100 ⭐" in m.get("text", ""))
    await telegram.wait_for_bot_message(BOB, lambda m: NOTICE in m.get("text", ""))
    telegram.send_text(ADMIN, admin, f"/refund {paid.charge_id}")
    await telegram.wait_for_bot_message(ADMIN, lambda m: "refunded already" in m.get("text", ""))
    await assert_adds_up(telegram, bot_env, bob, 0)
    assert len(telegram.refunds()) == 1


async def test_a_forced_refund_of_spent_stars_still_goes_through(bot, telegram, shortapi, bot_env):
    bob, admin = telegram.user(BOB, "Bob"), telegram.user(ADMIN, "Op")
    paid = await buy(telegram, bob, 100)
    card = await options_for(telegram, bob, "A fox in the snow")
    telegram.press(BOB, bob, card["message_id"], button(card, "Generate"))
    await telegram.wait_for(
        lambda: "delivered" in telegram.message(BOB, card["message_id"])["text"], timeout=20
    )
    telegram.send_text(ADMIN, admin, f"/refund {paid.charge_id}")
    await telegram.wait_for_bot_message(ADMIN, lambda m: "Add `force`" in m.get("text", ""))
    assert telegram.refunds() == []
    telegram.send_text(ADMIN, admin, f"/refund {paid.charge_id} force")
    await telegram.wait_for_bot_message(ADMIN, lambda m: "Refunded 100 ⭐" in m.get("text", ""))
    await assert_adds_up(telegram, bot_env, bob, -64, spent=64)


@pytest.mark.both_stores
async def test_a_refund_telegram_makes_by_itself_is_counted_at_once_and_once(
    bot, telegram, shortapi, bot_env
):
    ann, admin = telegram.user(ANN, "Ann"), telegram.user(ADMIN, "Op")
    paid = await buy(telegram, ann, 500)
    card = await options_for(telegram, ann, "A fox in the snow")
    # Ann disputes the payment and Telegram refunds it; then she presses Generate.
    refund = telegram.refund_by_telegram(paid.charge_id)
    query = telegram.press(ANN, ann, card["message_id"], button(card, "Generate"))
    answer = await telegram.wait_for_answer(query)
    assert "64 ⭐ missing" in answer["text"], "the refunded Stars were still spendable"
    assert shortapi.creates == []
    told = await telegram.wait_for_bot_message(ANN, lambda m: NOTICE in m.get("text", ""))
    assert "500 ⭐" in told["text"] and "Your balance here: 0 ⭐" in told["text"]

    # Counted once, whatever comes next: the message again, /refund, reconciliation.
    telegram.redeliver(refund["update_id"], same_id=False)
    telegram.send_text(ADMIN, admin, f"/refund {paid.charge_id}")
    await telegram.wait_for_bot_message(ADMIN, lambda m: "refunded already" in m.get("text", ""))
    await bot.stop()
    await bot.start()  # reconciliation runs at each start
    await assert_adds_up(telegram, bot_env, ann, 0)
    assert len(notices(telegram, ANN)) == 1 and len(telegram.refunds()) == 1


async def test_reconciliation_first_then_the_message_counts_a_refund_once(
    bot, telegram, shortapi, bot_env
):
    ann = telegram.user(ANN, "Ann")
    paid = await buy(telegram, ann, 100)
    await bot.stop()
    refund = telegram.refund_by_telegram(paid.charge_id)  # while the bot is down
    telegram.redeliver(refund["update_id"], same_id=False)
    await bot.start()
    await assert_adds_up(telegram, bot_env, ann, 0)
    # Told once, by whichever of the message and the start's reconciliation counted it.
    await telegram.wait_for_bot_message(ANN, lambda m: NOTICE in m.get("text", ""))
    assert len(notices(telegram, ANN)) == 1


async def test_a_refund_whose_message_was_lost_is_told_by_reconciliation(
    bot, telegram, shortapi, bot_env
):
    ann = telegram.user(ANN, "Ann")
    paid = await buy(telegram, ann, 100)
    await bot.stop()
    telegram.refund_by_telegram(paid.charge_id, deliver=False)  # Ann's dispute; no message
    await bot.start()
    told = await telegram.wait_for_bot_message(ANN, lambda m: NOTICE in m.get("text", ""))
    assert "100 ⭐" in told["text"] and "Your balance here: 0 ⭐" in told["text"]
    await assert_adds_up(telegram, bot_env, ann, 0)


async def test_a_refund_to_a_user_taken_off_the_allow_list_is_counted_all_the_same(
    bot_env, bot_process, telegram, shortapi
):
    bot_env["ALLOWED_USER_IDS"] = f"{ANN},{ADMIN}"
    await bot_process.start()
    ann = telegram.user(ANN, "Ann")
    paid = await buy(telegram, ann, 500)
    await bot_process.stop()
    bot_env["ALLOWED_USER_IDS"] = str(ADMIN)  # the operator closes the bot to Ann
    await bot_process.start()
    telegram.refund_by_telegram(paid.charge_id)
    told = await telegram.wait_for_bot_message(ANN, lambda m: NOTICE in m.get("text", ""))
    assert "Your balance here: 0 ⭐" in told["text"]
    assert (await ledger(bot_env))[ANN] == 0 == kept_at_telegram(telegram, ANN)


async def test_a_refund_telegram_does_not_answer_holds_the_stars_and_says_so(
    bot, telegram, shortapi, bot_env
):
    bob, admin = telegram.user(BOB, "Bob"), telegram.user(ADMIN, "Op")
    paid = await buy(telegram, bob, 100)
    # Telegram answers 502 to the call and to each of the bot's retries.
    telegram.fail_next("refundStarPayment", 502, "Bad Gateway", times=4)
    telegram.send_text(ADMIN, admin, f"/refund {paid.charge_id}")
    told = await telegram.wait_for_bot_message(
        ADMIN, lambda m: "did not answer" in m.get("text", ""), timeout=30
    )
    assert "100 ⭐" in told["text"]
    assert len(telegram.calls_of("refundStarPayment")) == 4 and telegram.refunds() == []
    # Held, not spendable, until reconciliation learns whether Telegram made it.
    assert (await ledger(bot_env))[BOB] == 0
    assert notices(telegram, BOB) == []
