"""ALLOWED_USER_IDS: everyone else gets a polite refusal before any other handler runs."""

from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot import texts


def make_gate(
    allowed: frozenset[int],
) -> Callable[[Update, ContextTypes.DEFAULT_TYPE], Awaitable[None]]:
    """A handler for group -1 that stops updates from users not in `allowed` (empty: all)."""

    async def gate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        user = update.effective_user
        if not allowed or (user is not None and user.id in allowed):
            return
        refusal = texts.NOT_ALLOWED.format(user_id=user.id if user else "?")
        if update.callback_query is not None:
            await update.callback_query.answer(refusal, show_alert=True)
        elif update.effective_message is not None and _addresses_bot(update):
            await update.effective_message.reply_text(refusal)
        raise ApplicationHandlerStop

    return gate


def _addresses_bot(update: Update) -> bool:
    # In a group, answer only what was meant for the bot (a photo or command), not every line.
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None:
        return False
    if chat.type == ChatType.PRIVATE:
        return True
    return bool(message.photo or message.document or (message.text or "").startswith("/"))
