"""The fake Telegram's Stars payments and its Bot API table check, through PTB and raw HTTP.

In-process and cheap: a FakeTelegram, a PTB Bot pointed at it playing the bot's part, and the
driver playing the user's.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import pytest_asyncio
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, LabeledPrice, Update
from telegram.error import BadRequest

from tests.fakes import FakeTelegram, PaymentResult
from tests.fakes.telegram import DEFAULT_TOKEN

pytestmark = pytest.mark.asyncio

TOKEN = DEFAULT_TOKEN  # the `tg` fixture's (tests/conftest.py)
USER_ID = 111
BOB_ID = 222
GONE = r"(?i)query is too old and response timeout expired or query ID is invalid"


@pytest_asyncio.fixture
async def http(tg: FakeTelegram) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=f"{tg.base_url}/bot{TOKEN}") as client:
        yield client


@pytest.fixture
def ann(tg: FakeTelegram) -> dict[str, Any]:
    """A user whose private chat with the bot exists (her /start is queued)."""
    user = tg.user(USER_ID, "Ann", username="ann")
    tg.send_text(USER_ID, user, "/start")
    return user


def answered(tg: FakeTelegram, method: str) -> str | None:
    """The error Telegram gave the last call of `method` (PTB rewrites it), None if none."""
    return tg.calls_of(method)[-1].error


class Poller:
    """The bot's getUpdates loop, one update at a time, confirming each by the next offset."""

    def __init__(self, ptb: Bot) -> None:
        self.ptb = ptb
        self.offset: int | None = None

    async def next(self) -> Update:
        """The next update, waiting for it (long poll)."""
        [update] = await self.ptb.get_updates(offset=self.offset, limit=1, timeout=5)
        self.offset = update.update_id + 1
        return update

    async def skip_start(self) -> None:
        """Take the user's /start, queued by the `ann` fixture."""
        assert (await self.next()).message.text == "/start"


@pytest_asyncio.fixture
async def bot(ptb: Bot, ann: dict[str, Any]) -> Poller:
    poller = Poller(ptb)
    await poller.skip_start()
    return poller


async def send_invoice(ptb: Bot, amount: int = 50, **kwargs: Any) -> Any:
    """A Stars invoice as the project's bot sends one."""
    fields: dict[str, Any] = {
        "title": "50 Stars",
        "description": "Credit for videos",
        "payload": "pack:50:u111",
        "currency": "XTR",
        "prices": [LabeledPrice("50 Stars", amount)],
    }
    fields.update(kwargs)
    return await ptb.send_invoice(USER_ID, **fields)


async def checkout(
    tg: FakeTelegram,
    bot: Poller,
    user: dict[str, Any],
    message_id: int,
    *,
    ok: bool = True,
    error_message: str | None = None,
    **pay: Any,
) -> tuple[PaymentResult, Update]:
    """The user pays; the bot takes the pre_checkout_query and answers it."""
    paying = asyncio.create_task(tg.pay(USER_ID, user, message_id, **pay))
    query = await bot.next()
    await bot.ptb.answer_pre_checkout_query(
        query.pre_checkout_query.id, ok, error_message=error_message
    )
    return await paying, query


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
