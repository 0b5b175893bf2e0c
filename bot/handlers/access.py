"""The gate before every handler: only people's new messages and presses go on, and with
ALLOWED_USER_IDS only those of the people listed; everyone else gets a polite refusal.
"""

import logging
from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot import texts

log = logging.getLogger(__name__)


def make_gate(
    allowed: frozenset[int],
) -> Callable[[Update, ContextTypes.DEFAULT_TYPE], Awaitable[None]]:
    """A handler for group -2 (the first) that stops updates from users not in `allowed`
    (empty: all).

    What passes is a new message with a person behind it, a button press, or a pre-checkout
    query: the handlers rely on that (they assert a user and, for messages, a message).
    """

    async def gate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message, user = update.message, update.effective_user
        checkout = update.pre_checkout_query
        if checkout is not None:
            if allowed and checkout.from_user.id not in allowed:
                # Declined at once: left unanswered, Telegram would make the user wait 10 s.
                t = texts.of(texts.match(checkout.from_user.language_code))
                await checkout.answer(ok=False, error_message=t.not_allowed(checkout.from_user.id))
                raise ApplicationHandlerStop
            return
        if user is None or (message is None and update.callback_query is None):
            # Edits, channel posts and the other kinds: ALLOWED_UPDATES does not ask for them,
            # and a channel post has no sender at all. The bot acts on new messages only.
            log.debug("update %s ignored: not a new message from a person", update.update_id)
            raise ApplicationHandlerStop
        if message is not None and message.sender_chat is not None:
            # Sent as the group (anonymous admin) or as a channel: `from` is then a placeholder
            # bot (GroupAnonymousBot, Channel_Bot) shared by everyone who does so, so nothing
            # sent this way can be tied to a person's budget or requests.
            log.debug("update %s ignored: sent on behalf of a chat", update.update_id)
            if not message.is_automatic_forward and addresses_bot(update):
                # `from` is a placeholder bot with no language: the default catalog.
                await message.reply_text(texts.of(texts.FALLBACK).personal_account_needed)
            raise ApplicationHandlerStop
        if not allowed or user.id in allowed:
            return
        if message is not None and (message.successful_payment or message.refunded_payment):
            # Stars that moved at Telegram are counted whoever moved them: a user taken off
            # the list after paying keeps their ledger right (a dispute's refund, above all).
            return
        # Not read from the database: a stranger's choice of language is never stored.
        refusal = texts.of(texts.match(user.language_code)).not_allowed(user.id)
        if update.callback_query is not None:
            await update.callback_query.answer(refusal, show_alert=True)
        elif message is not None and addresses_bot(update):
            await message.reply_text(refusal)
        raise ApplicationHandlerStop

    return gate


def addresses_bot(update: Update) -> bool:
    """Whether a message is meant for the bot: anything in a private chat; in a group, only
    a photo, a file or a command (not every line of the chatter)."""
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None:
        return False
    if chat.type == ChatType.PRIVATE:
        return True
    return bool(message.photo or message.document or (message.text or "").startswith("/"))
