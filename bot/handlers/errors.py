"""The one global error handler: whatever no handler could explain is logged, with its trace."""

import logging

from telegram import Update
from telegram.ext import ContextTypes

log = logging.getLogger(__name__)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the error and the kind of update that caused it (not its content: it may be private)."""
    kind = type(update).__name__
    if isinstance(update, Update):
        kind = f"update {update.update_id}"
    log.error("error while handling %s", kind, exc_info=context.error)
