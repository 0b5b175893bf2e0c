"""The benchmark's baseline: a bare python-telegram-bot bot doing the least equal work.

A photo: download it, answer with a static keyboard and a price text. A press: answer it and
edit the text. No database, no rate limiter, PTB's defaults otherwise. Run by the benchmark as
`python -m tests.bench.baseline_bot` with TELEGRAM_BOT_TOKEN and TELEGRAM_API_URL set.
"""

import os

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, ContextTypes, MessageHandler, filters

# As many buttons as the real options keyboard has, so both send the same amount of markup.
KEYBOARD = InlineKeyboardMarkup(
    [
        [InlineKeyboardButton(text, callback_data=f"b:{row}:{col}") for col, text in enumerate(r)]
        for row, r in enumerate(
            [
                ["Fast", "Quality"],
                ["4 s", "6 s", "8 s"],
                ["720p", "1080p", "4K"],
                ["Auto", "16:9", "9:16"],
                ["Audio: off"],
                ["Generate · $0.64"],
                ["Cancel"],
            ]
        )
    ]
)
TEXT = "Your video\nPrice: $0.64"


async def on_photo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Download the largest size, then answer with the keyboard."""
    message = update.effective_message
    assert message is not None and message.photo
    file = await message.photo[-1].get_file()
    await file.download_as_bytearray()
    await message.reply_text(TEXT, reply_markup=KEYBOARD)


async def on_press(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer the press, then edit the text (it names the button, so it always changes)."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    await query.edit_message_text(f"{TEXT}\nLast pressed: {query.data}", reply_markup=KEYBOARD)


def main() -> None:
    """Poll the (fake) Bot API until SIGTERM."""
    api_url = os.environ["TELEGRAM_API_URL"]
    app = (
        Application.builder()
        .token(os.environ["TELEGRAM_BOT_TOKEN"])
        .base_url(f"{api_url}/bot")
        .base_file_url(f"{api_url}/file/bot")
        .build()
    )
    app.add_handler(MessageHandler(filters.PHOTO, on_photo))
    app.add_handler(CallbackQueryHandler(on_press))
    app.run_polling(allowed_updates=[Update.MESSAGE, Update.CALLBACK_QUERY])


if __name__ == "__main__":
    main()
