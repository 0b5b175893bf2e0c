"""Presses on an options message: change an option, Generate, Cancel."""

import logging

from telegram import Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot import texts
from bot.callback_data import Action, decode
from bot.handlers import services
from bot.handlers.payments import send_video_invoice
from bot.keyboards import draft_keyboard
from bot.service import (
    NotYourRequest,
    SpendLimitReached,
    StarsShort,
    TooManyActiveJobs,
    UserError,
    options_of,
)
from bot.telegram_io import answer_press, retrying

log = logging.getLogger(__name__)


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Every callback query is answered, whatever it carries."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    button = decode(query.data)
    if button is None:
        await answer_press(query, texts.STALE_BUTTON)
        return
    svc = services(context)
    try:
        if button.action is Action.GENERATE:
            job = await svc.drafts.generate(button.draft_id, user.id)
            # In hand at once (its lease kept), though it runs after the press is answered.
            submission = svc.runner.submit(job)
            try:
                await answer_press(query, texts.SUBMITTING_ANSWER)
                await svc.notifier.show_status(job)
            finally:
                # The job row (status submitting) is committed: it must be submitted even if
                # answering the press failed. The paid call runs outside the update, so the
                # bot keeps answering others meanwhile.
                context.application.create_task(submission, name=f"submit-{job.id}")
            return
        if button.action is Action.CANCEL:
            draft = await svc.drafts.cancel(button.draft_id, user.id)
            await answer_press(query, texts.CANCELLED_ANSWER)
            if draft.message_id is not None:
                await svc.notifier.edit(draft.chat_id, draft.message_id, texts.CANCELLED_MESSAGE)
            return
        draft = await svc.drafts.change_option(button.draft_id, user.id, **button.option_change())
    except StarsShort as exc:
        # No create call: the invoice for the missing Stars is the way on.
        await answer_press(query, texts.user_error(exc), True)
        if query.message is not None:
            await send_video_invoice(context, query.message.chat.id, query.message.message_id, exc)
        return
    except UserError as exc:
        # An alert stays until dismissed: for what the user must read, not a passing note.
        alert = isinstance(exc, NotYourRequest | SpendLimitReached | TooManyActiveJobs)
        await answer_press(query, texts.user_error(exc), alert)
        return
    await answer_press(query)
    if draft is None or draft.message_id is None:
        return  # the chosen value was pressed again: nothing to redraw
    options, cost = options_of(draft), services(context).drafts.cost(draft)
    expected = await services(context).drafts.expected(draft)
    try:
        await retrying(
            lambda: context.bot.edit_message_text(
                texts.draft_text(draft, options, cost, expected),
                chat_id=draft.chat_id,
                message_id=draft.message_id,
                reply_markup=draft_keyboard(draft.id, options, cost),
            )
        )
    except BadRequest as exc:
        # Two quick presses can render the same state twice ("message is not modified"), and
        # the user may have deleted the message; the draft is saved either way.
        log.debug("options message %s not edited: %s", draft.message_id, exc.message)
