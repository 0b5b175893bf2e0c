"""The fake Telegram's Stars invoices and pre-checkout queries, through PTB and raw HTTP.

In-process and cheap: a FakeTelegram, a PTB Bot pointed at it playing the bot's part, and the
driver playing the user's.
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, LabeledPrice
from telegram.error import BadRequest

from tests.fakes import FakeTelegram
from tests.unit.fakes.calls import USER_ID
from tests.unit.fakes.payments.flows import Poller, answered, checkout, send_invoice

pytestmark = pytest.mark.asyncio

GONE = r"(?i)query is too old and response timeout expired or query ID is invalid"


# -- sendInvoice ---------------------------------------------------------------------------


async def test_a_stars_invoice_is_paid_and_the_payment_delivered(
    tg: FakeTelegram, bot: Poller, ann: dict[str, Any]
) -> None:
    sent = await send_invoice(bot.ptb)
    assert sent.invoice.to_dict() == {
        "title": "50 Stars",
        "description": "Credit for videos",
        "start_parameter": "",
        "currency": "XTR",
        "total_amount": 50,
    }
    [stored] = tg.invoices(USER_ID)
    assert stored["message_id"] == sent.message_id and stored["_payload"] == "pack:50:u111"
    assert "payload" not in stored["invoice"]  # the payload is never shown

    result, query = await checkout(tg, bot, ann, sent.message_id)
    pcq = query.pre_checkout_query
    assert (pcq.id, pcq.from_user.id, pcq.currency, pcq.total_amount, pcq.invoice_payload) == (
        result.query_id,
        USER_ID,
        "XTR",
        50,
        "pack:50:u111",
    )
    assert tg.checkout_answer(result.query_id) == {"ok": True, "error_message": None}
    assert result.ok and result.answered and result.charge_id.startswith("stx")

    paid = await bot.next()
    assert paid.update_id == result.update_id
    assert paid.message.from_user.id == USER_ID and paid.message.chat.id == USER_ID
    assert paid.message.successful_payment.to_dict() == {
        "currency": "XTR",
        "total_amount": 50,
        "invoice_payload": "pack:50:u111",
        "telegram_payment_charge_id": result.charge_id,
        "provider_payment_charge_id": "",
    }
    [txn] = tg.star_transactions()
    assert txn == {
        "id": result.charge_id,
        "amount": 50,
        "date": txn["date"],
        "source": {
            "type": "user",
            "transaction_type": "invoice_payment",
            "user": ann,
            "invoice_payload": "pack:50:u111",
        },
    }
    [seen] = (await bot.ptb.get_star_transactions()).transactions
    assert (seen.id, seen.amount, seen.source.user.id) == (result.charge_id, 50, USER_ID)
    assert seen.source.invoice_payload == "pack:50:u111"
    assert tg.star_balance() == 50


async def test_charge_ids_are_unique_unless_given(
    tg: FakeTelegram, bot: Poller, ann: dict[str, Any]
) -> None:
    sent = await send_invoice(bot.ptb)
    first, _ = await checkout(tg, bot, ann, sent.message_id)
    await bot.next()
    second, _ = await checkout(tg, bot, ann, sent.message_id, charge_id="stx-given")
    assert first.charge_id != second.charge_id == "stx-given"
    with pytest.raises(ValueError, match="used already"):
        await tg.pay(USER_ID, ann, sent.message_id, charge_id="stx-given")


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"title": ""}, 'parameter "title" is required'),
        ({"title": "x" * 33}, "INVOICE_TITLE_INVALID"),
        ({"description": ""}, 'parameter "description" is required'),
        ({"description": "x" * 256}, "INVOICE_DESCRIPTION_INVALID"),
        ({"payload": ""}, 'parameter "payload" is required'),
        # 65 characters, 130 bytes: the limit is in bytes of UTF-8.
        ({"payload": "é" * 65}, "INVOICE_PAYLOAD_INVALID"),
        ({"provider_token": "284685063:TEST:abc"}, "PAYMENT_PROVIDER_INVALID"),
        ({"currency": "USD"}, "PAYMENT_PROVIDER_INVALID"),
        ({"prices": []}, "STARS_INVOICE_INVALID"),
        ({"prices": [LabeledPrice("a", 10), LabeledPrice("b", 5)]}, "STARS_INVOICE_INVALID"),
        ({"prices": [LabeledPrice("free", 0)]}, "CURRENCY_TOTAL_AMOUNT_INVALID"),
        ({"prices": [LabeledPrice("minus", -5)]}, "CURRENCY_TOTAL_AMOUNT_INVALID"),
        # A Stars invoice asks at most 10,000 Stars.
        ({"prices": [LabeledPrice("dear", 10_001)]}, "CURRENCY_TOTAL_AMOUNT_INVALID"),
        ({"max_tip_amount": 5}, "STARS_INVOICE_INVALID"),
        (
            {"reply_markup": InlineKeyboardMarkup([[InlineKeyboardButton("x", url="https://a")]])},
            "REPLY_MARKUP_BUY_EMPTY",
        ),
    ],
)
async def test_send_invoice_is_refused_as_telegram_refuses_it(
    tg: FakeTelegram, ptb: Bot, ann: dict[str, Any], fields: dict[str, Any], error: str
) -> None:
    with pytest.raises(BadRequest):
        await send_invoice(ptb, **fields)
    assert answered(tg, "sendInvoice") == f"Bad Request: {error}"
    assert tg.invoices(USER_ID) == []


async def test_send_invoice_takes_the_limits_themselves(
    tg: FakeTelegram, ptb: Bot, ann: dict[str, Any]
) -> None:
    pay_first = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton("Pay ⭐50", pay=True)],
            [InlineKeyboardButton("?", url="https://a")],
        ]
    )
    sent = await send_invoice(
        ptb,
        title="x" * 32,
        description="y" * 255,
        payload="é" * 64,  # 128 bytes
        provider_token="",
        start_parameter="buy50",
        reply_markup=pay_first,
        amount=10_000,
    )
    assert sent.invoice.start_parameter == "buy50" and sent.reply_markup == pay_first
    assert sent.invoice.total_amount == 10_000
    assert tg.invoices(USER_ID)[0]["_payload"] == "é" * 64


async def test_send_invoice_prices_must_parse(
    tg: FakeTelegram, http: httpx.AsyncClient, ann: dict[str, Any]
) -> None:
    base = {"chat_id": USER_ID, "title": "t", "description": "d", "payload": "p"}
    for prices in ("nope", '{"label": "a", "amount": 5}', '[{"label": "a", "amount": 1.5}]'):
        answer = await http.post(
            "/sendInvoice", data={**base, "currency": "XTR", "prices": prices}
        )
        assert answer.status_code == 400
        expected = "prices is invalid" if prices.startswith("{") else "can't parse prices"
        assert expected in answer.json()["description"], prices
    answer = await http.post("/sendInvoice", data={**base, "currency": "XTR"})
    assert answer.json()["description"] == 'Bad Request: parameter "prices" is required'
    assert tg.invoices(USER_ID) == []


# -- pre-checkout --------------------------------------------------------------------------


async def test_a_declined_checkout_moves_no_stars(
    tg: FakeTelegram, bot: Poller, ann: dict[str, Any]
) -> None:
    sent = await send_invoice(bot.ptb)
    result, _ = await checkout(tg, bot, ann, sent.message_id, ok=False, error_message="Sold out")
    assert (result.ok, result.answered, result.error_message) == (False, True, "Sold out")
    assert result.charge_id is None and result.update_id is None
    assert tg.checkout_answer(result.query_id) == {"ok": False, "error_message": "Sold out"}
    assert tg.star_transactions() == [] and tg.star_balance() == 0
    # The next update is the user's later message, not a successful_payment.
    tg.send_text(USER_ID, ann, "hello?")
    assert (await bot.next()).message.text == "hello?"


async def test_answer_pre_checkout_query_refusals(
    tg: FakeTelegram, bot: Poller, ann: dict[str, Any], http: httpx.AsyncClient
) -> None:
    sent = await send_invoice(bot.ptb)
    paying = asyncio.create_task(tg.pay(USER_ID, ann, sent.message_id))
    query_id = (await bot.next()).pre_checkout_query.id
    no_reason = await http.post(
        "/answerPreCheckoutQuery", data={"pre_checkout_query_id": query_id, "ok": "false"}
    )
    assert no_reason.json()["description"] == 'Bad Request: parameter "error_message" is required'
    with pytest.raises(BadRequest, match=GONE):
        await bot.ptb.answer_pre_checkout_query("4242", True)
    assert await bot.ptb.answer_pre_checkout_query(query_id, True)
    with pytest.raises(BadRequest, match=GONE):
        await bot.ptb.answer_pre_checkout_query(query_id, False, error_message="changed my mind")
    assert (await paying).ok
    assert tg.checkout_answer(query_id) == {"ok": True, "error_message": None}


async def test_a_checkout_not_answered_in_time_is_no_payment(
    tg: FakeTelegram, bot: Poller, ann: dict[str, Any]
) -> None:
    tg.PRE_CHECKOUT_TIMEOUT = 0.2  # Telegram's 10 s, shortened for the test
    sent = await send_invoice(bot.ptb)
    result = await tg.pay(USER_ID, ann, sent.message_id)
    assert (result.ok, result.answered) == (False, False)
    query = await bot.next()  # the bot fetches it too late
    with pytest.raises(BadRequest, match=GONE):
        await bot.ptb.answer_pre_checkout_query(query.pre_checkout_query.id, True)
    assert tg.checkout_answer(result.query_id) is None
    assert tg.star_transactions() == []
    tg.send_text(USER_ID, ann, "paid?")
    assert (await bot.next()).message.text == "paid?"


async def test_pre_checkout_queries_only_reach_a_bot_that_asked_for_them(
    tg: FakeTelegram, bot: Poller, ann: dict[str, Any]
) -> None:
    tg.PRE_CHECKOUT_TIMEOUT = 0.2
    sent = await send_invoice(bot.ptb)
    assert await bot.ptb.get_updates(bot.offset, allowed_updates=["message"], timeout=0) == ()
    result = await tg.pay(USER_ID, ann, sent.message_id)
    assert not result.answered
    tg.send_text(USER_ID, ann, "after")
    assert (await bot.next()).message.text == "after"  # the query was never delivered
