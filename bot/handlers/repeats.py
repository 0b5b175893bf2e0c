"""A button pressed again while its first press is still being handled: the repeat is
answered at once and does nothing (20 quick taps on Continue send one frame, not 20; on a
Generate without Stars, one invoice)."""

from telegram import Update
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.handlers import words
from bot.telegram.calls import answer_press
from bot.telegram.updates import PerUserUpdates


async def on_repeated_press(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """For group -1, after the gate: stop a repeated press with a short answer."""
    query = update.callback_query
    processor = context.application.update_processor
    if query is None or not isinstance(processor, PerUserUpdates):
        return
    if processor.repeated(update):
        await answer_press(query, (await words(update, context)).press_in_hand)
        raise ApplicationHandlerStop
