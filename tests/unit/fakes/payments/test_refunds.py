"""The fake Telegram's Stars refunds and transactions, lost and repeated payment updates,
and its Bot API table check, through PTB and raw HTTP (helpers: this folder's conftest).
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from telegram.error import BadRequest

from tests.fakes import FakeTelegram
from tests.unit.fakes.calls import USER_ID
from tests.unit.fakes.payments.flows import Poller, answered, checkout, send_invoice

pytestmark = pytest.mark.asyncio

BOB_ID = 222


# -- refunds and transactions --------------------------------------------------------------


async def test_refunds_once_and_the_transactions_in_order(
    tg: FakeTelegram, bot: Poller, ann: dict[str, Any]
) -> None:
    bob = tg.user(BOB_ID, "Bob")
    sent = await send_invoice(bot.ptb)
    result, _ = await checkout(tg, bot, ann, sent.message_id)
    await bot.next()  # successful_payment
    charge = result.charge_id
    with pytest.raises(BadRequest):
        await bot.ptb.refund_star_payment(USER_ID, "stx-nope")
    assert answered(tg, "refundStarPayment") == "Bad Request: CHARGE_NOT_FOUND"
    with pytest.raises(BadRequest):
        await bot.ptb.refund_star_payment(bob["id"], charge)
    assert answered(tg, "refundStarPayment") == "Bad Request: USER_ID_INVALID"
    assert await bot.ptb.refund_star_payment(USER_ID, charge)
    with pytest.raises(BadRequest):
        await bot.ptb.refund_star_payment(USER_ID, charge)
    assert answered(tg, "refundStarPayment") == "Bad Request: CHARGE_ALREADY_REFUNDED"

    refunded = (await bot.next()).message
    assert refunded.chat.id == USER_ID and refunded.from_user.id == USER_ID
    assert refunded.refunded_payment.to_dict() == {
        "currency": "XTR",
        "total_amount": 50,
        "invoice_payload": "pack:50:u111",
        "telegram_payment_charge_id": charge,
    }
    payment, refund = tg.star_transactions()
    assert "source" in payment and tg.refunds() == [refund]
    assert refund == {
        "id": charge,
        "amount": 50,
        "date": refund["date"],
        "receiver": {"type": "user", "transaction_type": "invoice_payment", "user": ann},
    }
    assert tg.star_balance() == 0
    both = (await bot.ptb.get_star_transactions()).transactions
    assert [t.receiver is not None for t in both] == [False, True]
    [last] = (await bot.ptb.get_star_transactions(offset=1, limit=1)).transactions
    assert last.receiver.user.id == USER_ID
    for limit in (0, 101):
        with pytest.raises(BadRequest):
            await bot.ptb.get_star_transactions(limit=limit)
        assert answered(tg, "getStarTransactions") == "Bad Request: LIMIT_INVALID"


async def test_telegram_refunds_a_payment_by_itself(
    tg: FakeTelegram, bot: Poller, ann: dict[str, Any]
) -> None:
    sent = await send_invoice(bot.ptb)
    result, _ = await checkout(tg, bot, ann, sent.message_id)
    await bot.next()  # successful_payment
    with pytest.raises(ValueError, match="no charge"):
        tg.refund_by_telegram("stx-nope")
    pushed = tg.refund_by_telegram(result.charge_id)  # the user's dispute, say

    update = await bot.next()
    assert update.update_id == pushed["update_id"]
    refunded = update.message
    assert refunded.message_id == pushed["message"]["message_id"]
    assert refunded.chat.id == USER_ID and refunded.from_user.id == USER_ID
    assert refunded.refunded_payment.to_dict() == {
        "currency": "XTR",
        "total_amount": 50,
        "invoice_payload": "pack:50:u111",
        "telegram_payment_charge_id": result.charge_id,
    }
    # Recorded as a refund the bot made would be; the bot cannot refund it again.
    assert tg.refunds() == [
        {
            "id": result.charge_id,
            "amount": 50,
            "date": tg.refunds()[0]["date"],
            "receiver": {"type": "user", "transaction_type": "invoice_payment", "user": ann},
        }
    ]
    assert tg.star_balance() == 0
    with pytest.raises(BadRequest):
        await bot.ptb.refund_star_payment(USER_ID, result.charge_id)
    assert answered(tg, "refundStarPayment") == "Bad Request: CHARGE_ALREADY_REFUNDED"
    with pytest.raises(ValueError, match="refunded already"):
        tg.refund_by_telegram(result.charge_id)


# -- lost and repeated updates -------------------------------------------------------------


async def test_a_payment_whose_update_was_lost_is_still_a_payment(
    tg: FakeTelegram, bot: Poller, ann: dict[str, Any]
) -> None:
    sent = await send_invoice(bot.ptb)
    result, _ = await checkout(tg, bot, ann, sent.message_id, deliver=False)
    assert result.ok and result.update_id is None
    assert [t["id"] for t in tg.star_transactions()] == [result.charge_id]
    tg.send_text(USER_ID, ann, "where are my stars?")
    assert (await bot.next()).message.text == "where are my stars?"


async def test_redeliver_with_the_same_or_a_fresh_update_id(
    tg: FakeTelegram, bot: Poller, ann: dict[str, Any]
) -> None:
    sent = await send_invoice(bot.ptb)
    result, _ = await checkout(tg, bot, ann, sent.message_id)
    first = await bot.next()
    assert first.update_id == result.update_id
    # The bot has confirmed nothing beyond it; Telegram sends the same update again, and the
    # offset the bot already holds (past it) does not make it vanish.
    tg.redeliver(result.update_id)
    again = await bot.next()
    assert again.update_id == first.update_id and again.to_dict() == first.to_dict()
    fresh = tg.redeliver(result.update_id, same_id=False)
    copy = await bot.next()
    assert copy.update_id == fresh["update_id"] > first.update_id
    assert copy.message.successful_payment == first.message.successful_payment
    tg.send_text(USER_ID, ann, "done")
    assert (await bot.next()).message.text == "done"  # no third copy came in between
    assert len(tg.star_transactions()) == 1  # re-delivery moves no Stars


# -- the Bot API table check ---------------------------------------------------------------


async def test_every_call_is_checked_against_the_bot_api_table(
    tg: FakeTelegram, http: httpx.AsyncClient, ann: dict[str, Any]
) -> None:
    async def description(method: str, **kwargs: Any) -> str:
        answer = await http.post(f"/{method}", **kwargs)
        return answer.json().get("description", "ok")

    # A required parameter missing: telegram-bot-api's words.
    missing = await description("refundStarPayment", data={"user_id": USER_ID})
    assert missing == 'Bad Request: parameter "telegram_payment_charge_id" is required'
    # ... unless the method has more specific ones of Telegram's.
    text = await description("sendMessage", data={"chat_id": USER_ID})
    assert text == "Bad Request: message text is empty"
    assert await description("sendMessage", data={}) == "Bad Request: chat_id is empty"
    # Wrong types: an Integer that is not one, a Boolean that is neither, a String an object.
    ok_word = await description(
        "answerPreCheckoutQuery", data={"pre_checkout_query_id": "1", "ok": "maybe"}
    )
    assert ok_word == "Bad Request: ok is invalid"
    base = {"chat_id": USER_ID, "title": "t", "description": "d", "payload": "p"}
    stars = {**base, "currency": "XTR", "prices": '[{"label": "a", "amount": 5}]'}
    size = await description("sendInvoice", data={**stars, "photo_size": "big"})
    assert size == "Bad Request: photo_size is invalid"
    title = await description("sendInvoice", json={**stars, "title": {"text": "t"}})
    assert title == "Bad Request: title is invalid"
    assert tg.invoices(USER_ID) == []
    # A string holding JSON is still a string; unknown parameters are ignored.
    fine = {**stars, "provider_data": '{"a": 1}', "no_such_parameter": "x"}
    assert await description("sendInvoice", data=fine) == "ok"
    [call] = [c for c in tg.calls_of("sendInvoice") if c.http_status == 200]
    assert call.params["prices"] == [{"label": "a", "amount": 5}]  # typed by the table
