"""The benchmark's second baseline: a bare aiogram 3 bot doing the same least work as
baseline_bot.py (the framework most peer bots use, so "as fast as a bare bot" has two anchors).

A photo: download it, answer with a static keyboard and a price text. A press: answer it and
edit the text. No database, aiogram's defaults otherwise; long polling until SIGTERM, which
aiogram's polling handles itself. Run by the benchmark as `python -m tests.bench.baseline_aiogram`
with TELEGRAM_BOT_TOKEN and TELEGRAM_API_URL set.
"""

import asyncio
import os

from aiogram import Bot, Dispatcher, F
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from tests.bench.baseline_bot import KEYBOARD as PTB_KEYBOARD
from tests.bench.baseline_bot import TEXT

# The PTB baseline's keyboard, button for button, so both send the same markup.
KEYBOARD = InlineKeyboardMarkup(
    inline_keyboard=[
        [InlineKeyboardButton(text=b.text, callback_data=b.callback_data) for b in row]
        for row in PTB_KEYBOARD.inline_keyboard
    ]
)

dispatcher = Dispatcher()


@dispatcher.message(F.photo)
async def on_photo(message: Message, bot: Bot) -> None:
    """Download the largest size into memory, then answer with the keyboard."""
    assert message.photo
    await bot.download(message.photo[-1])
    # answer(), not reply(): PTB's reply_text quotes nothing in a private chat either.
    await message.answer(TEXT, reply_markup=KEYBOARD)


@dispatcher.callback_query()
async def on_press(query: CallbackQuery) -> None:
    """Answer the press, then edit the text (it names the button, so it always changes)."""
    await query.answer()
    assert isinstance(query.message, Message)
    await query.message.edit_text(f"{TEXT}\nLast pressed: {query.data}", reply_markup=KEYBOARD)


async def _run() -> None:
    session = AiohttpSession(api=TelegramAPIServer.from_base(os.environ["TELEGRAM_API_URL"]))
    bot = Bot(os.environ["TELEGRAM_BOT_TOKEN"], session=session)
    await dispatcher.start_polling(bot, allowed_updates=["message", "callback_query"])


def main() -> None:
    """Poll the (fake) Bot API until SIGTERM."""
    asyncio.run(_run())


if __name__ == "__main__":
    main()
