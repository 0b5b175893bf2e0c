"""The Bot API side of Telegram Stars: invoices, refunds and the bot's transactions."""

from telegram import Bot, InlineKeyboardMarkup, LabeledPrice, Message, TransactionPartnerUser
from telegram.error import BadRequest, TelegramError

from bot.payments.invoices import CURRENCY
from bot.payments.service import AlreadyRefunded, RefundRefused, RefundUnanswered, StarTransaction
from bot.telegram.calls import retrying

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
