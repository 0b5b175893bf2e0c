"""The one global error handler: whatever no handler could explain is logged, with its trace."""

import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot import texts
from bot.handlers.access import addresses_bot
from bot.ops.logs import Throttled
from bot.telegram.updates import PerUserUpdates
from storage import DatabaseUnavailable

log = logging.getLogger(__name__)
# A failed getUpdates reaches here with no update, once per retry (every 1 to 30 s) for as
# long as Telegram is away: one line a minute says so, without a traceback each time.
_polling_failed = Throttled(log, logging.WARNING)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the error and the kind of update that caused it (not its content: it may be private).

    An update that met an unavailable database stays in the inbox and is handled again once
    the database answers; its sender is told so, once. The database itself logged the
    failure once, so it is not logged again for every update.
    """
    if update is None and isinstance(context.error, TelegramError):
        _polling_failed("getting updates from Telegram failed, retrying: %s", context.error)
        return
    kind = type(update).__name__
    if isinstance(update, Update):
        kind = f"update {update.update_id}"
    if not isinstance(context.error, DatabaseUnavailable):
        log.error("error while handling %s", kind, exc_info=context.error)
        return
    log.debug("%s not handled: database unavailable: %s", kind, context.error)
    if not isinstance(update, Update):
        return
    processor = context.application.update_processor
    inbox = processor.inbox if isinstance(processor, PerUserUpdates) else None
    # A checkout cannot wait (Telegram takes an answer within 10 s): it is declined. Any
    # other update waits in the inbox; its sender is told at its first failure.
    waits = update.pre_checkout_query is None and inbox is not None
    if waits and inbox.failed_on_database(update) > 1:
        return
    await tell_waiting(update)


async def tell_waiting(update: Update) -> None:
    """Tell the sender that the database is away and the update waits for it (it is handled
    once the database answers: no need to send it again); decline a checkout, which cannot
    wait."""
    t = _sender_words(update)
    message = update.message
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(t.storage_waiting, show_alert=True)
        elif update.pre_checkout_query is not None:
            # Declined: no payment is taken that the bot could not record.
            await update.pre_checkout_query.answer(ok=False, error_message=t.storage_failed)
        elif message is not None and message.successful_payment is not None:
            # Paid already: the user must know the Stars are safe, and not pay again.
            paid = message.successful_payment
            await message.reply_text(t.payment_waiting(paid.total_amount, paid.invoice_payload))
        elif message is not None and addresses_bot(update):
            await message.reply_text(t.storage_waiting)
    except TelegramError as exc:
        # The press may have been answered already, or the chat be gone: nothing more to say.
        log.debug("could not tell update %s's sender: %s", update.update_id, exc)


def _sender_words(update: Update) -> texts.Texts:
    # The stored choice of language is out of reach too: the sender's Telegram app decides.
    user = update.effective_user
    return texts.of(texts.match(user.language_code if user else None))
