"""Telegram Stars through the real bot process: a Star is never lost, never counted twice, and a
failed video costs nothing. After each scenario the balance the user is shown equals the sum
of their ledger rows and agrees with what Telegram's side recorded."""

import os
import signal

import pytest

from tests.chat import button, open_options, press_and_wait
from tests.e2e.delivery import delivered
from tests.e2e.stars import ADMIN, STARS_PER_USD, balance, invoice_for, ledger, options_for

ANN, BOB = 1001, 1002


@pytest.fixture
def bot_env(bot_env):
    bot_env.update(
        STARS_PER_USD=STARS_PER_USD, ADMIN_USER_IDS=str(ADMIN), TERMS_TEXT="Videos are final."
    )
    return bot_env


async def assert_adds_up(telegram, bot_env, user, expected: int) -> None:
    """The balance shown, the ledger's sum, and the Stars the user moved at Telegram agree."""
    shown = await balance(telegram, user)
    assert shown == expected == (await ledger(bot_env)).get(user["id"], 0)


async def say(telegram, user, text: str, answer_part: str) -> dict:
    """Send a text; the bot's answer containing `answer_part`."""
    telegram.send_text(user["id"], user, text)
    return await telegram.wait_for_bot_message(
        user["id"], lambda m: answer_part in m.get("text", "")
    )


async def test_a_new_user_pays_in_stars_and_a_failed_video_costs_nothing(
    bot, telegram, shortapi, bot_env
):
    ann = telegram.user(ANN)
    _, options = await open_options(telegram, ANN, ann)
    assert "Price: 64 ⭐" in options["text"]
    assert "🎬 Generate · 64 ⭐" in [
        b for row in options["reply_markup"]["inline_keyboard"] for b in [x["text"] for x in row]
    ]
    _, options = await press_and_wait(telegram, ANN, ann, options, "Quality")
    assert "Price: 128 ⭐" in options["text"], "the price follows every option change"
    _, options = await press_and_wait(telegram, ANN, ann, options, "Fast")

    # Generate with no Stars: no create call, an invoice for exactly this video.
    query = telegram.press(ANN, ann, options["message_id"], button(options, "Generate"))
    answer = await telegram.wait_for_answer(query)
    assert answer["show_alert"] and "64 ⭐ missing" in answer["text"]
    invoice = await invoice_for(telegram, ANN)
    assert invoice["invoice"]["total_amount"] == 64 and invoice["invoice"]["currency"] == "XTR"
    assert shortapi.creates == []
    paid = await telegram.pay(ANN, ann, invoice["message_id"])
    assert paid.ok
    await telegram.wait_for(lambda: delivered(telegram, options), timeout=20)
    assert len(shortapi.creates) == 1
    await assert_adds_up(telegram, bot_env, ann, 0)

    # A pack from /buy, then a video the API fails: the Stars come back, and she is told.
    telegram.send_text(ANN, ann, "/buy")
    offer = await telegram.wait_for_bot_message(ANN, lambda m: "pack" in m.get("text", ""))
    telegram.press(ANN, ann, offer["message_id"], button(offer, "100 ⭐"))
    pack = await invoice_for(telegram, ANN, count=2)
    assert (await telegram.pay(ANN, ann, pack["message_id"])).ok
    await telegram.wait_for_bot_message(ANN, lambda m: "100 ⭐ added" in m.get("text", ""))
    shortapi.script([0, {"status": 3, "error": "content policy violation"}])
    second = await options_for(telegram, ann, "A storm")
    telegram.press(ANN, ann, second["message_id"], button(second, "Generate"))
    told = await telegram.wait_for_bot_message(
        ANN, lambda m: "back on your balance" in m.get("text", "")
    )
    assert "content policy violation" in told["text"] and "64 ⭐" in told["text"]
    await assert_adds_up(telegram, bot_env, ann, 100)
    # Telegram's side: 164 Stars paid in, 64 kept for the one delivered video.
    assert telegram.star_balance() - 64 == 100

    telegram.send_text(ANN, ann, "/help")
    help_text = await telegram.wait_for_bot_message(
        ANN, lambda m: "Prices per video" in m.get("text", "")
    )
    table = "Prices per video (Stars):\nFast 720p/1080p no audio:\n4s 32 · 6s 48 · 8s 64\n"
    assert table in help_text["text"]


@pytest.mark.both_stores
async def test_two_generates_with_a_balance_for_one_make_one_create(
    bot, telegram, shortapi, bot_env
):
    ann, admin = telegram.user(ANN), telegram.user(ADMIN, "Op")
    telegram.send_text(ADMIN, admin, f"/grant {ANN} 64")
    await telegram.wait_for_bot_message(ADMIN, lambda m: "Granted 64 ⭐" in m.get("text", ""))
    shortapi.script([1])  # never finishes: the Stars stay spent while it runs
    first = await options_for(telegram, ann, "One")
    second = await options_for(telegram, ann, "Two")
    queries = [
        telegram.press(ANN, ann, m["message_id"], button(m, "Generate")) for m in (first, second)
    ]
    answers = [await telegram.wait_for_answer(q) for q in queries]
    assert sum("missing" in (a.get("text") or "") for a in answers) == 1
    await shortapi.wait_for(lambda: shortapi.creates, timeout=10)
    await invoice_for(telegram, ANN)
    await assert_adds_up(telegram, bot_env, ann, 0)
    assert len(shortapi.creates) == 1


async def test_the_same_payment_delivered_twice_is_counted_once(bot, telegram, bot_env):
    ann = telegram.user(ANN)
    telegram.send_text(ANN, ann, "/buy")
    offer = await telegram.wait_for_bot_message(ANN, lambda m: "pack" in m.get("text", ""))
    telegram.press(ANN, ann, offer["message_id"], button(offer, "500 ⭐"))
    paid = await telegram.pay(ANN, ann, (await invoice_for(telegram, ANN))["message_id"])
    await telegram.wait_for_bot_message(ANN, lambda m: "500 ⭐ added" in m.get("text", ""))
    telegram.redeliver(paid.update_id, same_id=True)  # Telegram sends it again
    telegram.redeliver(paid.update_id, same_id=False)  # or the same payment in a new update
    await assert_adds_up(telegram, bot_env, ann, 500)
    assert sum("added" in m.get("text", "") for m in telegram.bot_messages(ANN)) == 1
    # A second payment of the same invoice is a payment of its own.
    assert (await telegram.pay(ANN, ann, (await invoice_for(telegram, ANN))["message_id"])).ok
    await telegram.wait_for_bot_message(
        ANN, lambda m: "Your balance: 1,000 ⭐" in m.get("text", "")
    )
    await assert_adds_up(telegram, bot_env, ann, 1000)


async def test_kill_9_after_the_payment_and_before_the_credit_credits_once(
    bot, telegram, shortapi, bot_env
):
    ann = telegram.user(ANN)
    _, options = await open_options(telegram, ANN, ann)
    telegram.press(ANN, ann, options["message_id"], button(options, "Generate"))
    invoice = await invoice_for(telegram, ANN)

    def kill_at_the_answer(call):
        # The bot said yes; Telegram takes the Stars; the bot dies before the payment's update.
        if call.method == "answerPreCheckoutQuery" and not bot.exited:
            os.kill(bot.pid, signal.SIGKILL)

    telegram.observers.append(kill_at_the_answer)
    paid = await telegram.pay(ANN, ann, invoice["message_id"])
    telegram.observers.remove(kill_at_the_answer)
    assert paid.ok
    await bot.kill()
    assert bot.exited and await ledger(bot_env) == {}, "killed before the payment was counted"
    await bot.start()
    await telegram.wait_for(lambda: delivered(telegram, options), timeout=30)
    telegram.redeliver(paid.update_id, same_id=False)
    await assert_adds_up(telegram, bot_env, ann, 0)
    assert len(shortapi.creates) == 1


async def test_a_stale_invoice_is_refused_at_checkout_and_nothing_is_charged(
    bot, telegram, bot_env
):
    ann = telegram.user(ANN)
    _, options = await open_options(telegram, ANN, ann)
    telegram.press(ANN, ann, options["message_id"], button(options, "Generate"))
    invoice = await invoice_for(telegram, ANN)
    await press_and_wait(telegram, ANN, ann, options, "6s")  # the price changes
    refused = await telegram.pay(ANN, ann, invoice["message_id"])
    assert refused.answered and not refused.ok
    assert "changed" in refused.error_message
    telegram.send_text(ANN, ann, "/cancel")
    await telegram.wait_for_bot_message(
        ANN, lambda m: "Closed your open request" in m.get("text", "")
    )
    closed = await telegram.pay(ANN, ann, invoice["message_id"])
    assert not closed.ok and "cancelled" in closed.error_message
    assert telegram.star_transactions() == []
    await assert_adds_up(telegram, bot_env, ann, 0)


async def test_a_checkout_is_answered_while_the_users_other_update_waits(bot, telegram):
    ann = telegram.user(ANN)
    telegram.send_text(ANN, ann, "/buy")
    offer = await telegram.wait_for_bot_message(ANN, lambda m: "pack" in m.get("text", ""))
    telegram.press(ANN, ann, offer["message_id"], button(offer, "100 ⭐"))
    invoice = await invoice_for(telegram, ANN)
    telegram.stall_next("sendMessage", seconds=4)  # her /jobs answer hangs at Telegram
    telegram.send_text(ANN, ann, "/jobs")
    await telegram.wait_for(lambda: "sendMessage" in telegram.stalled, timeout=10)
    paid = await telegram.pay(ANN, ann, invoice["message_id"])
    assert paid.ok
    assert not any("no videos yet" in m.get("text", "") for m in telegram.bot_messages(ANN)), (
        "the checkout was answered before her earlier update was done"
    )
    await telegram.wait_for_bot_message(ANN, lambda m: "no videos yet" in m.get("text", ""))


async def test_an_admin_refunds_a_payment_once(bot, telegram, bot_env):
    ann, admin = telegram.user(ANN), telegram.user(ADMIN, "Op")
    telegram.send_text(ANN, ann, "/buy")
    offer = await telegram.wait_for_bot_message(ANN, lambda m: "pack" in m.get("text", ""))
    telegram.press(ANN, ann, offer["message_id"], button(offer, "100 ⭐"))
    paid = await telegram.pay(ANN, ann, (await invoice_for(telegram, ANN))["message_id"])
    await telegram.wait_for_bot_message(ANN, lambda m: "100 ⭐ added" in m.get("text", ""))

    telegram.send_text(ANN, ann, f"/refund {paid.charge_id}")
    await telegram.wait_for_bot_message(
        ANN, lambda m: "for the bot's operators" in m.get("text", "")
    )
    telegram.send_text(ADMIN, admin, f"/refund {paid.charge_id}")
    done = await telegram.wait_for_bot_message(
        ADMIN, lambda m: "Refunded 100 ⭐" in m.get("text", "")
    )
    assert str(ANN) in done["text"]
    await telegram.wait_for_bot_message(ANN, lambda m: "refunded to you" in m.get("text", ""))
    telegram.send_text(ADMIN, admin, f"/refund {paid.charge_id}")
    await telegram.wait_for_bot_message(ADMIN, lambda m: "refunded already" in m.get("text", ""))
    assert len(telegram.refunds()) == 1 and telegram.star_balance() == 0
    await assert_adds_up(telegram, bot_env, ann, 0)

    # What Telegram's terms for Stars ask of a bot that sells, and the operator's terms.
    support = await say(telegram, ann, "/paysupport", "Questions about a payment")
    # The admin never sent a photo: no username known, and no bare id a user cannot write to.
    assert str(ADMIN) not in support["text"] and "the bot's operator" in support["text"]
    assert (await say(telegram, ann, "/terms", "Videos are final."))["text"] == "Videos are final."

    # The admin's report: Stars per day and the money chart, as a photo.
    telegram.send_text(ADMIN, admin, "/stats")
    call = await telegram.wait_for_call("sendPhoto")
    assert call.files["photo"].data.startswith(b"\x89PNG")
    assert "Stars per day" in call.params["caption"]


async def test_reconciliation_credits_a_payment_whose_update_never_came(bot, telegram, bot_env):
    ann = telegram.user(ANN)
    telegram.send_text(ANN, ann, "/buy")
    offer = await telegram.wait_for_bot_message(ANN, lambda m: "pack" in m.get("text", ""))
    telegram.press(ANN, ann, offer["message_id"], button(offer, "100 ⭐"))
    paid = await telegram.pay(
        ANN, ann, (await invoice_for(telegram, ANN))["message_id"], deliver=False
    )
    assert paid.ok and paid.update_id is None
    assert await balance(telegram, ann) == 0, "no update, nothing counted yet"
    await bot.stop()
    await bot.start()  # reconciliation runs at each start
    told = await telegram.wait_for_bot_message(
        ANN, lambda m: "now on your balance" in m.get("text", "")
    )
    assert "100 ⭐" in told["text"]
    await assert_adds_up(telegram, bot_env, ann, 100)


async def test_a_grant_to_a_user_id_telegram_cannot_have_gets_the_usage(bot, telegram, bot_env):
    admin = telegram.user(ADMIN, "Op")

    # Telegram's user ids are positive and fit in 52 bits.
    def usages():
        return [m for m in telegram.bot_messages(ADMIN) if "Usage: /grant" in m.get("text", "")]

    for count, target in enumerate(("99999999999999999999999", str(2**52), "0"), start=1):
        telegram.send_text(ADMIN, admin, f"/grant {target} 5")
        await telegram.wait_for(lambda count=count: len(usages()) == count, timeout=10)
    highest = 2**52 - 1
    await say(telegram, admin, f"/grant {highest} 5", f"Granted 5 ⭐ to {highest}")
    assert await ledger(bot_env) == {highest: 5}
