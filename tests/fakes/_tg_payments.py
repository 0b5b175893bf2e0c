"""Payments in Telegram Stars (currency XTR) on the fake Telegram.

The Bot API side: sendInvoice, answerPreCheckoutQuery, refundStarPayment, getStarTransactions,
validated as Telegram validates them. The driver side: a user pays an invoice (`pay`), which
goes through the pre-checkout query the bot must answer within 10 seconds, as on Telegram;
an update can be delivered again (`redeliver`), as Telegram does with unconfirmed ones;
Telegram can refund a payment by itself (`refund_by_telegram`); the bot's Star transactions
and balance can be read.

Only Stars are supported: the fake knows no payment provider, so any other currency is refused
as an invoice with a bad provider token would be. The refusals for a title or description out
of range are the fake's guess in Telegram's style; the others are texts Telegram is known to
give.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import secrets
import time
from dataclasses import dataclass
from typing import Any

from ._tg_model import check_markup
from ._tg_request import bad_request, now
from ._tg_webhook import TelegramWebhook

MAX_TITLE = 32
MAX_DESCRIPTION = 255
MAX_PAYLOAD_BYTES = 128
# A Stars invoice asks 1 to 10,000 Stars.
MAX_INVOICE_STARS = 10_000
_QUERY_GONE = "query is too old and response timeout expired or query ID is invalid"


@dataclass
class PaymentResult:
    """What came of a user's attempt to pay an invoice (see TelegramPayments.pay)."""

    ok: bool  # paid: the bot said ok and the Stars moved
    query_id: str  # the pre_checkout_query's id
    answered: bool  # the bot answered the query in time
    error_message: str | None = None  # the bot's reason, when it said no
    charge_id: str | None = None  # telegram_payment_charge_id, when paid
    update_id: int | None = None  # of the successful_payment message update, when pushed


@dataclass
class _Checkout:
    """A pre-checkout query waiting for (or given) the bot's answer."""

    user: dict[str, Any]
    deadline: float  # time.monotonic() after which an answer is refused
    answer: dict[str, Any] | None = None
    expired: bool = False


@dataclass
class _Charge:
    """A successful Stars payment, by its telegram_payment_charge_id."""

    user: dict[str, Any]
    chat_id: int
    amount: int
    payload: str
    refunded: bool = False


class TelegramPayments(TelegramWebhook):
    """Stars invoices, pre-checkout queries, payments, refunds and the bot's transactions."""

    # Telegram's limit for answerPreCheckoutQuery; a test may lower it so as not to wait.
    PRE_CHECKOUT_TIMEOUT = 10.0

    def __init__(self, token: str, bot_user_id: int | None, bot_username: str) -> None:
        super().__init__(token, bot_user_id, bot_username)
        # (chat_id, message_id) -> what Telegram keeps of an invoice and shows nobody.
        self._invoices: dict[tuple[int, int], dict[str, Any]] = {}
        self._checkouts: dict[str, _Checkout] = {}
        self._charges: dict[str, _Charge] = {}
        self._transactions: list[dict[str, Any]] = []
        # Every update ever queued, by id, so that one can be delivered again.
        self._update_log: dict[int, dict[str, Any]] = {}
        self._last_update_id: int | None = None
        for name in (
            "sendInvoice",
            "answerPreCheckoutQuery",
            "refundStarPayment",
            "getStarTransactions",
        ):
            self._methods[name.lower()] = (name, getattr(self, f"_api_{name}"))

    def _push_update(self, kind: str, payload: dict[str, Any]) -> None:
        super()._push_update(kind, payload)
        update = self._updates[-1]
        self._update_log[update["update_id"]] = copy.deepcopy(update)
        self._last_update_id = update["update_id"]

    # -- Bot API methods ---------------------------------------------------------------------

    async def _api_sendInvoice(self, params: dict[str, Any], files: dict) -> Any:
        # telegram-bot-api takes an empty required string for a missing one.
        for name in ("title", "description", "payload", "currency"):
            if not params.get(name):
                raise bad_request(f'parameter "{name}" is required')
        prices = _price_parts(params.get("prices"))
        markup = check_markup(params.get("reply_markup"))
        chat_id = self._chat(params)
        reply = self._reply_target(chat_id, params)
        title, description, payload = params["title"], params["description"], params["payload"]
        if len(title) > MAX_TITLE:
            raise bad_request("INVOICE_TITLE_INVALID")
        if len(description) > MAX_DESCRIPTION:
            raise bad_request("INVOICE_DESCRIPTION_INVALID")
        if len(payload.encode("utf-8")) > MAX_PAYLOAD_BYTES:
            raise bad_request("INVOICE_PAYLOAD_INVALID")
        if params["currency"] != "XTR" or params.get("provider_token"):
            # Stars take no provider token; any other currency needs a provider the fake
            # does not have, and Telegram answers this for an empty or unknown token.
            raise bad_request("PAYMENT_PROVIDER_INVALID")
        if len(prices) != 1 or params.get("max_tip_amount") or params.get("suggested_tip_amounts"):
            # A Stars invoice has exactly one price and no tips.
            raise bad_request("STARS_INVOICE_INVALID")
        amount = prices[0]["amount"]
        if not 1 <= amount <= MAX_INVOICE_STARS:
            raise bad_request("CURRENCY_TOTAL_AMOUNT_INVALID")
        if markup is not None and not markup["inline_keyboard"][0][0].get("pay"):
            # Without a keyboard Telegram shows its own Pay button; with one, it comes first.
            raise bad_request("REPLY_MARKUP_BUY_EMPTY")
        invoice = {
            "title": title,
            "description": description,
            "start_parameter": params.get("start_parameter", ""),
            "currency": "XTR",
            "total_amount": amount,
        }
        message = self._store(
            chat_id,
            self.bot_user,
            {"invoice": invoice, "reply_markup": markup, "reply_to_message": reply},
        )
        self._invoices[(chat_id, message["message_id"])] = {"payload": payload, "amount": amount}
        return message

    async def _api_answerPreCheckoutQuery(self, params: dict[str, Any], files: dict) -> Any:
        checkout = self._checkouts.get(params.get("pre_checkout_query_id", ""))
        if (
            checkout is None
            or checkout.answer is not None
            or checkout.expired
            or time.monotonic() > checkout.deadline
        ):
            raise bad_request(_QUERY_GONE)
        ok = params["ok"]  # required, and a bool once the table check has typed it
        error_message = params.get("error_message") or None
        if not ok and error_message is None:
            raise bad_request('parameter "error_message" is required')
        checkout.answer = {"ok": ok, "error_message": None if ok else error_message}
        self._notify()
        return True

    async def _api_refundStarPayment(self, params: dict[str, Any], files: dict) -> Any:
        charge_id = params["telegram_payment_charge_id"]
        charge = self._charges.get(charge_id)
        if charge is None:
            raise bad_request("CHARGE_NOT_FOUND")
        if charge.user["id"] != params["user_id"]:
            # The charge exists; the user named is not the one who paid it.
            raise bad_request("USER_ID_INVALID")
        if charge.refunded:
            raise bad_request("CHARGE_ALREADY_REFUNDED")
        self._refund(charge_id, charge)
        return True

    def _refund(
        self, charge_id: str, charge: _Charge, *, deliver: bool = True
    ) -> dict[str, Any] | None:
        """Give the charge's Stars back: the refund transaction, and (unless deliver=False)
        the refunded_payment message Telegram puts in the user's chat; that message."""
        charge.refunded = True
        self._transactions.append(
            {
                # A refund has the id of the payment it gives back.
                "id": charge_id,
                "amount": charge.amount,
                "date": now(),
                "receiver": {
                    "type": "user",
                    "transaction_type": "invoice_payment",
                    "user": copy.deepcopy(charge.user),
                },
            }
        )
        self._notify()
        if not deliver:
            return None
        refunded = {
            "currency": "XTR",
            "total_amount": charge.amount,
            "invoice_payload": charge.payload,
            "telegram_payment_charge_id": charge_id,
        }
        return self._user_message(charge.chat_id, charge.user, {"refunded_payment": refunded})

    async def _api_getStarTransactions(self, params: dict[str, Any], files: dict) -> Any:
        offset = params.get("offset", 0)
        limit = params.get("limit", 100)
        if not 1 <= limit <= 100:
            raise bad_request("LIMIT_INVALID")
        if offset < 0:
            raise bad_request("OFFSET_INVALID")
        return {"transactions": copy.deepcopy(self._transactions[offset : offset + limit])}

    # -- driver: paying ----------------------------------------------------------------------

    async def pay(
        self,
        chat_id: int,
        user: dict[str, Any],
        message_id: int,
        *,
        charge_id: str | None = None,
        deliver: bool = True,
    ) -> PaymentResult:
        """The user pays the invoice message: a pre_checkout_query, then (if the bot says ok
        within PRE_CHECKOUT_TIMEOUT) the payment and its successful_payment message.

        deliver=False is a payment whose successful_payment update got lost: the Stars moved
        (the transaction is recorded) but no update is queued.
        """
        if self._chats.get(chat_id, {}).get(message_id) is None:
            raise ValueError(f"no message {message_id} in chat {chat_id}")
        invoice = self._invoices.get((chat_id, message_id))
        if invoice is None:
            raise ValueError(f"message {message_id} in chat {chat_id} is not an invoice")
        if chat_id > 0 and chat_id != user["id"]:
            raise ValueError("a private chat's id is the user's id")
        if charge_id is not None and charge_id in self._charges:
            raise ValueError(f"charge id {charge_id} was used already")
        self._users.setdefault(user["id"], copy.deepcopy(user))
        query_id = str(secrets.randbits(63))
        checkout = _Checkout(copy.deepcopy(user), time.monotonic() + self.PRE_CHECKOUT_TIMEOUT)
        self._checkouts[query_id] = checkout
        self._push_update(
            "pre_checkout_query",
            {
                "id": query_id,
                "from": copy.deepcopy(user),
                "currency": "XTR",
                "total_amount": invoice["amount"],
                "invoice_payload": invoice["payload"],
            },
        )
        await self._wait_for_checkout(checkout)
        answer = checkout.answer
        if answer is None:
            return PaymentResult(ok=False, query_id=query_id, answered=False)
        if not answer["ok"]:
            return PaymentResult(
                ok=False, query_id=query_id, answered=True, error_message=answer["error_message"]
            )
        charge_id = charge_id or self._new_charge_id()
        amount, payload = invoice["amount"], invoice["payload"]
        self._charges[charge_id] = _Charge(copy.deepcopy(user), chat_id, amount, payload)
        self._transactions.append(
            {
                "id": charge_id,
                "amount": amount,
                "date": now(),
                "source": {
                    "type": "user",
                    "transaction_type": "invoice_payment",
                    "user": copy.deepcopy(user),
                    "invoice_payload": payload,
                },
            }
        )
        self._notify()
        update_id = None
        if deliver:
            paid = {
                "currency": "XTR",
                "total_amount": amount,
                "invoice_payload": payload,
                "telegram_payment_charge_id": charge_id,
                "provider_payment_charge_id": "",
            }
            self._user_message(chat_id, user, {"successful_payment": paid})
            update_id = self._last_update_id
        return PaymentResult(
            ok=True, query_id=query_id, answered=True, charge_id=charge_id, update_id=update_id
        )

    async def _wait_for_checkout(self, checkout: _Checkout) -> None:
        """Until the bot answers the query or its time is up (then no answer is taken)."""
        while checkout.answer is None:
            event = self._changed  # taken before the check so no change can slip between
            remaining = checkout.deadline - time.monotonic()
            if remaining <= 0:
                checkout.expired = True
                return
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)

    def _new_charge_id(self) -> str:
        # Stars charge ids are opaque: "stx" and a long random tail.
        while True:
            charge_id = "stx" + secrets.token_urlsafe(48)
            if charge_id not in self._charges:
                return charge_id

    def refund_by_telegram(self, charge_id: str, *, deliver: bool = True) -> dict[str, Any]:
        """Telegram refunds a payment by itself (the user's dispute, or the bot's owner in
        another client): the refund is recorded as refundStarPayment records it, and the
        refunded_payment message reaches the bot; the update queued.

        deliver=False is a refund whose refunded_payment update got lost: the Stars went back
        (the transaction is recorded) but no update is queued; {} is returned.
        """
        charge = self._charges.get(charge_id)
        if charge is None:
            raise ValueError(f"no charge {charge_id}")
        if charge.refunded:
            raise ValueError(f"charge {charge_id} was refunded already")
        if self._refund(charge_id, charge, deliver=deliver) is None:
            return {}
        return copy.deepcopy(self._updates[-1])

    def redeliver(self, update_id: int, *, same_id: bool = True) -> dict[str, Any]:
        """Queue an earlier update again; the update queued.

        same_id=True is Telegram sending an unconfirmed update again: same update_id, and the
        offset of the getUpdates that hands it out does not confirm it. same_id=False is the
        same content under a fresh update_id.
        """
        logged = self._update_log.get(update_id)
        if logged is None:
            raise ValueError(f"no update {update_id} was ever queued")
        if not same_id:
            kind = self._kind(logged)
            self._push_update(kind, copy.deepcopy(logged[kind]))
            return copy.deepcopy(self._updates[-1])
        queued = next((u for u in self._updates if u["update_id"] == update_id), None)
        if queued is None:
            queued = copy.deepcopy(logged)
            self._updates.append(queued)
        self._replays.append(queued)
        self._delivered.discard(update_id)
        self._notify()
        return copy.deepcopy(queued)

    # -- driver: inspection ------------------------------------------------------------------

    def invoices(self, chat_id: int) -> list[dict[str, Any]]:
        """The chat's invoice messages, oldest first, each with its payload under "_payload"."""
        return [
            {**m, "_payload": self._invoices[(chat_id, m["message_id"])]["payload"]}
            for m in self.messages(chat_id)
            if (chat_id, m["message_id"]) in self._invoices
        ]

    def checkout_answer(self, query_id: str) -> dict[str, Any] | None:
        """The bot's answer to a pre-checkout query ({"ok", "error_message"}), or None."""
        checkout = self._checkouts.get(query_id)
        return copy.deepcopy(checkout.answer) if checkout else None

    def star_transactions(self) -> list[dict[str, Any]]:
        """The bot's Star transactions (payments and refunds), oldest first."""
        return copy.deepcopy(self._transactions)

    def refunds(self) -> list[dict[str, Any]]:
        """The refund transactions (with `receiver`), oldest first."""
        return [t for t in self.star_transactions() if "receiver" in t]

    def star_balance(self) -> int:
        """Stars the bot holds: payments received minus refunds given."""
        return sum(t["amount"] if "source" in t else -t["amount"] for t in self._transactions)


def _price_parts(prices: Any) -> list[dict[str, Any]]:
    """LabeledPrice list as telegram-bot-api parses it (the table check made it a list)."""
    unparsable = bad_request("can't parse prices JSON object")
    if not isinstance(prices, list):
        raise unparsable
    for part in prices:
        if (
            not isinstance(part, dict)
            or not isinstance(part.get("label"), str)
            or not isinstance(part.get("amount"), int)
            or isinstance(part.get("amount"), bool)
        ):
            raise unparsable
    return prices
