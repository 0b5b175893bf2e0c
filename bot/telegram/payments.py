"""The Bot API side of Telegram Stars: invoices, refunds and the bot's transactions, and the
reconciliation of the bot's ledger with them."""

import asyncio
import logging

from telegram import Bot, InlineKeyboardMarkup, LabeledPrice, Message, TransactionPartnerUser
from telegram.error import BadRequest, TelegramError

from bot.payments.invoices import CURRENCY
from bot.payments.service import (
    AlreadyRefunded,
    PaymentService,
    RefundRefused,
    RefundUnanswered,
    StarTransaction,
)
from bot.telegram.calls import retrying
from bot.telegram.inbox import Inbox
from bot.telegram.notifier import TelegramNotifier
from bot.texts.languages import Languages
from storage import DatabaseUnavailable

log = logging.getLogger(__name__)

# How often Telegram's record of the bot's Star transactions is checked against the ledger
# (and once at each start): a payment whose update was lost is counted within this time.
RECONCILE_EVERY = 6 * 3600.0
# getStarTransactions returns at most this many at a time.
_PAGE = 100
# A bound on the pages read in one reconciliation (a million transactions).
_MAX_PAGES = 10_000


class TelegramStars:
    """StarsAPI over PTB's Bot."""

    def __init__(self, bot: Bot) -> None:
        self._bot = bot

    async def transactions(self) -> list[StarTransaction]:
        """Every Star transaction of the bot, oldest first (Telegram's order)."""
        found: list[StarTransaction] = []
        for page in range(_MAX_PAGES):
            batch = await retrying(
                lambda page=page: self._bot.get_star_transactions(offset=page * _PAGE, limit=_PAGE)
            )
            for t in batch.transactions:
                # A user's payment has them as its source; a refund, as its receiver.
                incoming = isinstance(t.source, TransactionPartnerUser)
                partner = t.source if incoming else t.receiver
                user_id = partner.user.id if isinstance(partner, TransactionPartnerUser) else None
                found.append(StarTransaction(t.id, t.amount, user_id, incoming))
            if len(batch.transactions) < _PAGE:
                break
        return found

    async def refund(self, user_id: int, charge_id: str) -> None:
        """refundStarPayment; Telegram's refusals become AlreadyRefunded or RefundRefused, no
        answer after the retries (the network, a timeout, a 5xx) RefundUnanswered."""
        try:
            await retrying(lambda: self._bot.refund_star_payment(user_id, charge_id))
        except BadRequest as exc:
            if "CHARGE_ALREADY_REFUNDED" in exc.message.upper():
                raise AlreadyRefunded() from None
            raise RefundRefused(exc.message) from None
        except TelegramError as exc:
            raise RefundUnanswered(str(exc)) from None


async def send_invoice(
    bot: Bot,
    chat_id: int,
    *,
    title: str,
    description: str,
    payload: str,
    stars: int,
    reply_to: int | None = None,
    markup: InlineKeyboardMarkup | None = None,
) -> Message:
    """An invoice in Telegram Stars: currency XTR, no provider token, one price line."""
    return await retrying(
        lambda: bot.send_invoice(
            chat_id,
            title=title,
            description=description,
            payload=payload,
            currency=CURRENCY,
            prices=[LabeledPrice(title, stars)],
            provider_token="",
            reply_markup=markup,
            reply_to_message_id=reply_to,
            allow_sending_without_reply=True,
        )
    )


async def reconcile_forever(
    payments: PaymentService, notifier: TelegramNotifier, languages: Languages, inbox: Inbox
) -> None:
    """At the start and every RECONCILE_EVERY: count what Telegram recorded and the ledger
    lacks (not the payments whose updates wait in the inbox), and tell whoever's payment or
    refund is counted only now (a refunded_payment message coming later finds it counted and
    says nothing: told once, whichever comes first)."""
    while True:
        try:
            for entry in await payments.reconcile(await inbox.waiting_payments()):
                balance = (await payments.account(entry.user_id, entries=0)).balance
                t = await languages.words(entry.user_id)
                await notifier.say(entry.user_id, t.reconciled_text(entry, balance))
        except (TelegramError, DatabaseUnavailable) as exc:
            log.warning("reconciliation of Star transactions failed, tried again later: %s", exc)
        except Exception:
            # A bug here must not end the reconciliation for good: logged with its trace.
            log.exception("reconciliation of Star transactions failed")
        await asyncio.sleep(RECONCILE_EVERY)
