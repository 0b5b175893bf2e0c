"""/start and /help."""

from telegram import Update
from telegram.ext import ContextTypes

from bot.handlers import services, words


async def on_help(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """How to use the bot and the price table."""
    if update.effective_message:
        t = await words(update, context)
        drafts = services(context).drafts
        await update.effective_message.reply_text(t.help_text(drafts.pricing, drafts.model))
