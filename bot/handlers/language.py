"""/language: the user chooses the language the bot speaks with them, or Telegram's again."""

import asyncio
import logging

from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Update,
)
from telegram.constants import ChatType
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes

from bot import texts
from bot.core.drafts import TelegramUser
from bot.handlers import services, words
from bot.telegram.callback_data import AUTO_LANGUAGE, LanguageButton, decode_language
from bot.telegram.calls import answer_press, retrying

log = logging.getLogger(__name__)

# The command menu, in its order; the descriptions come from the catalogs.
COMMANDS = ("start", "help", "jobs", "cancel", "language")
PAYMENT_COMMANDS = ("balance", "buy", "paysupport")


def menu_commands(payments: bool) -> tuple[str, ...]:
    """The commands of the menu (those the bot lists as what it understands)."""
    return COMMANDS + PAYMENT_COMMANDS if payments else COMMANDS


def command_menu(t: texts.Texts, payments: bool, priced: bool = True) -> list[BotCommand]:
    """The command menu in one language (/help promises prices only if users see them)."""
    return [
        BotCommand(name, t.command_description(name, priced=priced))
        for name in menu_commands(payments)
    ]


def menu_language_code(code: str) -> str | None:
    """setMyCommands' language_code for a catalog (two letters; none for the fallback)."""
    return None if code == texts.FALLBACK else code.split("-", 1)[0].lower()


async def describe_bot(bot: Bot, payments: bool, priced: bool = True) -> None:
    """At each start: the command menu, the description (the empty chat before Start) and the
    short description (the profile) in every language, the fallback's for all others."""
    for code in texts.LANGUAGES:
        # Telegram shows each user the menu of their app's language, the fallback's to others.
        await bot.set_my_commands(
            command_menu(texts.of(code), payments, priced),
            language_code=menu_language_code(code),
        )
    await asyncio.gather(*(_describe(bot, code) for code in texts.LANGUAGES))


async def _describe(bot: Bot, code: str) -> None:
    # Read first and set only what differs: every replica runs this at every start, and an
    # unchanged profile needs no write.
    t, language = texts.of(code), menu_language_code(code)
    try:
        current = await bot.get_my_description(language_code=language)
        if current.description != t.bot_description:
            await bot.set_my_description(t.bot_description, language_code=language)
        short = await bot.get_my_short_description(language_code=language)
        if short.short_description != t.bot_short_description:
            await bot.set_my_short_description(t.bot_short_description, language_code=language)
    except TelegramError as exc:
        # Only the profile's words: the bot works without them, and the next start tries again.
        log.warning("bot description in %s not set: %s", code, exc)


async def on_language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The languages as buttons, each in its own words, the current one marked."""
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None
    current = await services(context).languages.of(user.id, user.language_code)
    t = texts.of(current)
    rows = [
        [InlineKeyboardButton(label, callback_data=LanguageButton(code).encode())]
        for code, label in _choices(current)
    ]
    await message.reply_text(t.language_choose, reply_markup=InlineKeyboardMarkup(rows))


def _choices(current: str) -> list[tuple[str, str]]:
    choices = [
        (code, f"{texts.CHOSEN} {name}" if code == current else name)
        for code in texts.LANGUAGES
        for name in (texts.of(code).language_name,)
    ]
    return [*choices, (AUTO_LANGUAGE, texts.of(current).language_auto)]


async def on_language_press(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Store the choice, and say so in the language chosen; the menu follows in a private
    chat (the menu of a group is everyone's)."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    press = decode_language(query.data, texts.LANGUAGES)
    if press is None:
        await answer_press(query, (await words(update, context)).stale_button)
        return
    languages = services(context).languages
    chosen = None if press.language == AUTO_LANGUAGE else press.language
    await languages.choose(
        TelegramUser(user.id, user.first_name, user.username, user.language_code), chosen
    )
    t = await languages.words(user.id, user.language_code)
    said = t.language_chosen if chosen is not None else t.language_auto_chosen
    await answer_press(query, said)
    message = query.message
    if message is None:
        return
    try:
        await retrying(lambda: message.edit_text(said))
    except BadRequest as exc:
        # The same choice twice ("message is not modified"), or the message is gone.
        log.debug("language message not edited: %s", exc.message)
    if message.chat.type != ChatType.PRIVATE:
        return
    scope = BotCommandScopeChat(message.chat.id)
    if chosen is None:
        await retrying(lambda: context.bot.delete_my_commands(scope=scope))
    else:
        pricing = services(context).drafts.pricing
        menu = command_menu(t, pricing.enabled, pricing.shown)
        await retrying(lambda: context.bot.set_my_commands(menu, scope=scope))
