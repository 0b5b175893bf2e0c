"""The one global error handler: whatever no handler could explain is logged, with its trace."""

import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot import texts
from bot.handlers.access import addresses_bot
from bot.logs import Throttled
from storage import DatabaseUnavailable

log = logging.getLogger(__name__)
# A failed getUpdates reaches here with no update, once per retry (every 1 to 30 s) for as
# long as Telegram is away: one line a minute says so, without a traceback each time.
_polling_failed = Throttled(log, logging.WARNING)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the error and the kind of update that caused it (not its content: it may be private).

    When the database could not be used, the user is told so instead of getting silence; the
    database itself logged the failure once, so it is not logged again for every update.
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
    if isinstance(update, Update):
        await _tell_storage_failed(update)


async def _tell_storage_failed(update: Update) -> None:
    # The stored choice of language is out of reach too: the sender's Telegram app decides.
    user = update.effective_user
    t = texts.of(texts.match(user.language_code if user else None))
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(t.storage_failed, show_alert=True)
        elif update.pre_checkout_query is not None:
            # Declined: no payment is taken that the bot could not record.
            await update.pre_checkout_query.answer(ok=False, error_message=t.storage_failed)
        elif update.message is not None and addresses_bot(update):
            await update.message.reply_text(t.storage_failed)
    except TelegramError as exc:
        # The press may have been answered already, or the chat be gone: nothing more to say.
        log.debug("could not tell update %s's sender: %s", update.update_id, exc)
