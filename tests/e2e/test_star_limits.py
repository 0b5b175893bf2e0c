"""Telegram's bounds on Stars through the real bot process: an invoice asks 1 to 10,000 Stars,
so a rate that prices a video above that is refused at start, and a user whose missing Stars
exceed it is told what to do instead of getting an invoice Telegram would refuse."""

import pytest

from tests.chat import button, press_and_wait
from tests.e2e.stars import ADMIN, balance, buy, ledger, options_for
from tests.process import run_until_exit

ANN = 1001
RATE = "2600"  # the dearest video ($3.84) is 9,984 ⭐: within the limit; the default 1,664 ⭐


@pytest.fixture
def bot_env(bot_env):
    bot_env.update(STARS_PER_USD=RATE, STAR_PACKS="1700", ADMIN_USER_IDS=str(ADMIN))
    return bot_env


@pytest.mark.parametrize("rate", ["3000", "2605"])
async def test_a_rate_that_prices_a_video_over_10000_stars_is_refused_at_start(
    bot_env, tmp_path, rate
):
    code, out = await run_until_exit(bot_env | {"STARS_PER_USD": rate}, tmp_path, timeout=15)
    lines = out.strip().splitlines()
    assert code == 2 and len(lines) == 1, out
    assert lines[0].startswith("configuration error: STARS_PER_USD: ")
    assert "10000" in lines[0] and "Traceback" not in out


async def test_the_highest_rate_within_the_limit_starts(bot_env, bot_process, telegram):
    bot_env["STARS_PER_USD"] = "2604"  # the dearest video: ceil(3.84 × 2604) = 10,000 ⭐
    await bot_process.start()
    ann = telegram.user(ANN, "Ann")
    assert await balance(telegram, ann) == 0


async def test_more_stars_missing_than_one_invoice_can_ask_sends_no_invoice(
    bot, telegram, shortapi, bot_env
):
    ann, admin = telegram.user(ANN, "Ann"), telegram.user(ADMIN, "Op")
    paid = await buy(telegram, ann, 1700)
    first = await options_for(telegram, ann, "A fox in the snow")
    telegram.press(ANN, ann, first["message_id"], button(first, "Generate"))  # 1,664 ⭐
    await telegram.wait_for(
        lambda: "delivered" in telegram.message(ANN, first["message_id"])["text"], timeout=20
    )
    telegram.send_text(ADMIN, admin, f"/refund {paid.charge_id} force")
    await telegram.wait_for_bot_message(ADMIN, lambda m: "Refunded 1,700 ⭐" in m.get("text", ""))
    assert await balance(telegram, ann) == -1664

    card = await options_for(telegram, ann, "A fox in the snow, again")
    for label in ("Quality", "4K", "Audio"):
        _, card = await press_and_wait(telegram, ANN, ann, card, label)
    assert "Price: 9,984 ⭐" in card["text"]
    query = telegram.press(ANN, ann, card["message_id"], button(card, "Generate"))
    answer = await telegram.wait_for_answer(query)
    # 11,648 ⭐ missing: more than one invoice can ask. No invoice; what to do instead.
    assert answer["show_alert"] and "11,648 ⭐" in answer["text"] and "/buy" in answer["text"]
    assert "invoice below" not in answer["text"]
    assert await balance(telegram, ann) == -1664  # her next update: the press was handled
    assert [c.error for c in telegram.calls_of("sendInvoice") if c.http_status != 200] == []
    assert telegram.invoices(ANN)[-1]["invoice"]["total_amount"] == 1700
    assert len(shortapi.creates) == 1

    # What the answer said: Stars from /buy first, then Generate asks for the rest.
    await buy(telegram, ann, 1700)
    telegram.press(ANN, ann, card["message_id"], button(card, "Generate"))
    await telegram.wait_for(lambda: len(telegram.invoices(ANN)) == 3, timeout=10)
    assert telegram.invoices(ANN)[-1]["invoice"]["total_amount"] == 9984 - 36
    assert await balance(telegram, ann) == 36 == (await ledger(bot_env))[ANN]
