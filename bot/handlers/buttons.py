"""Presses on an options message: change an option, Generate, Cancel."""

import dataclasses
import logging

from telegram import CallbackQuery, Update
from telegram.ext import ContextTypes

from bot import texts
from bot.core.errors import (
    NotYourRequest,
    SpendLimitReached,
    StarsShort,
    TooManyActiveJobs,
    UserError,
)
from bot.handlers import services, show_started, words
from bot.handlers.payments import send_video_invoice
from bot.handlers.photo import ask_for_prompt, show_options
from bot.payments.invoices import one_invoice
from bot.telegram.callback_data import Action, decode
from bot.telegram.calls import answer_press
from storage import Draft

log = logging.getLogger(__name__)


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Every callback query is answered, whatever it carries."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    button = decode(query.data)
    t = await words(update, context)
    if button is None:
        await answer_press(query, t.stale_button)
        return
    svc = services(context)
    try:
        if button.action is Action.GENERATE:
            started = await svc.generate.press(button.draft_id, user.id)
            await show_started(context, started, answer_press(query, t.submitting))
            return
        if button.action is Action.PROMPT:
            draft = await _with_card(
                context, await svc.drafts.ask_prompt(button.draft_id, user.id), query
            )
            await answer_press(query)
            assert draft.message_id is not None
            await ask_for_prompt(context, draft.chat_id, draft.message_id, t.ask_card_prompt, t)
            return
        if button.action in (Action.LAST_FRAME, Action.AVOID):
            await _input_pressed(context, query, user.id, button.draft_id, button.action, t)
            return
        if button.action is Action.CANCEL:
            draft = await _with_card(
                context, await svc.drafts.cancel(button.draft_id, user.id), query
            )
            await answer_press(query, t.cancelled_answer)
            if draft.message_id is not None:
                await svc.notifier.edit(draft.chat_id, draft.message_id, t.cancelled_message)
            return
        draft = await svc.drafts.change_option(button.draft_id, user.id, **button.option_change())
    except StarsShort as exc:
        if not one_invoice(exc.missing):
            # Telegram refuses a Stars invoice above 10,000 (a balance far below zero after a
            # forced refund): no invoice; the answer says to buy Stars with /buy first.
            await answer_press(query, t.stars_short_of_one_invoice(exc), True)
            return
        # No create call: the invoice for the missing Stars is the way on.
        await answer_press(query, t.user_error(exc), True)
        if query.message is not None:
            await send_video_invoice(
                context, query.message.chat.id, query.message.message_id, exc, t
            )
        return
    except UserError as exc:
        # An alert stays until dismissed: for what the user must read, not a passing note.
        alert = isinstance(exc, NotYourRequest | SpendLimitReached | TooManyActiveJobs)
        await answer_press(query, t.user_error(exc), alert)
        return
    await answer_press(query)
    if draft is None:
        return  # the chosen value was pressed again: nothing to redraw
    draft = await _with_card(context, draft, query)
    if draft.message_id is not None:
        await show_options(context, draft, t)


async def _with_card(
    context: ContextTypes.DEFAULT_TYPE, draft: Draft, query: CallbackQuery
) -> Draft:
    """The draft with its card's message. The card is sent, then its message id recorded: a
    press can come in between (the card pressed the moment it appeared), and the pressed
    message is that card, so it is recorded now and the press redraws it."""
    if draft.message_id is not None or query.message is None:
        return draft
    await services(context).drafts.attach_message(draft.id, query.message.message_id)
    return dataclasses.replace(draft, message_id=query.message.message_id)


async def _input_pressed(
    context: ContextTypes.DEFAULT_TYPE,
    query: CallbackQuery,
    user_id: int,
    draft_id: int,
    action: Action,
    t: texts.Texts,
) -> None:
    """Last frame or Avoid: ask for it (a photo, words), or drop what the card has; the card
    shows either."""
    inputs = services(context).inputs
    if action is Action.LAST_FRAME:
        draft, asked = await inputs.last_frame(draft_id, user_id)
        question, hint = t.ask_last_frame, None
    else:
        draft, asked = await inputs.avoid(draft_id, user_id)
        question, hint = t.ask_avoid, t.avoid_hint
    await answer_press(query)
    draft = await _with_card(context, draft, query)
    if draft.message_id is None:
        return
    await show_options(context, draft, t)
    if asked:
        await ask_for_prompt(context, draft.chat_id, draft.message_id, question, t, hint)
