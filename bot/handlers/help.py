"""/start and /help."""

from telegram import Update
from telegram.ext import ContextTypes

from bot import texts
from bot.handlers import services


async def on_help(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """How to use the bot and the price table."""
    if update.effective_message:
        await update.effective_message.reply_text(
            texts.help_text(services(context).drafts.pricing)
        )
