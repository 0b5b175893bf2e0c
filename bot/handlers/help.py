"""/start's greeting and its button, /help's details and prices, and the answer to a command
the bot does not know."""

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, MessageEntity, Update
from telegram.constants import ChatType
from telegram.ext import ContextTypes

from bot.handlers import services, words
from bot.handlers.language import menu_commands
from bot.telegram.callback_data import HelpButton, decode_help
from bot.telegram.calls import answer_press, retrying


async def on_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A few lines: what the bot does, an example, the cheapest price, how to begin; the
    details are one tap away."""
    if update.effective_message:
        t = await words(update, context)
        drafts = services(context).drafts
        label = t.details_label if drafts.pricing.shown else t.details_label_unpriced
        button = InlineKeyboardButton(label, callback_data=HelpButton().encode())
        await update.effective_message.reply_text(
            t.start_text(drafts.pricing, drafts.model),
            reply_markup=InlineKeyboardMarkup([[button]]),
        )


async def on_help(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """How to use the bot and the price table."""
    if update.effective_message:
        t = await words(update, context)
        drafts = services(context).drafts
        await update.effective_message.reply_text(t.help_text(drafts.pricing, drafts.model))


async def on_details_press(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start's button: /help's text, as a message of its own below the greeting."""
    query = update.callback_query
    assert query is not None
    t = await words(update, context)
    if decode_help(query.data) is None or query.message is None:
        await answer_press(query, t.stale_button)
        return
    await answer_press(query)
    drafts = services(context).drafts
    chat_id, text = query.message.chat.id, t.help_text(drafts.pricing, drafts.model)
    await retrying(lambda: context.bot.send_message(chat_id, text))


async def on_unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A command no handler took: what the bot understands. In a group, only a command
    addressed to this bot (`/foo@this_bot`): a bare `/foo` there may be another bot's."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    command = message.parse_entities([MessageEntity.BOT_COMMAND])
    first = next(iter(command.values()), "")
    _, at, bot_name = first.partition("@")
    if at and bot_name.lower() != (context.bot.username or "").lower():
        return
    if not at and message.chat.type != ChatType.PRIVATE:
        return
    t = await words(update, context)
    pricing = services(context).drafts.pricing
    await message.reply_text(
        t.unknown_command(menu_commands(pricing.enabled), priced=pricing.shown)
    )
