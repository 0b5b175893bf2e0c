"""The buttons under a delivered video: Again, New prompt, Continue from the last frame,
Extend."""

from telegram import ForceReply, ReplyParameters, Update
from telegram.ext import ContextTypes

from bot.core.errors import (
    CannotExtend,
    FrameUnreadable,
    NoFrame,
    NotYourRequest,
    UserError,
    VideoTooOld,
)
from bot.handlers import services, words
from bot.handlers.photo import ask_for_prompt, send_options
from bot.telegram.callback_data import After, decode_video
from bot.telegram.calls import answer_press, retrying


async def on_video_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Each press makes a new draft; nothing is created at ShortAPI until its Generate."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    press = decode_video(query.data)
    t = await words(update, context)
    if press is None or query.message is None:
        await answer_press(query, t.stale_button)
        return
    after = services(context).after
    chat_id, reply_to = query.message.chat.id, query.message.message_id
    try:
        if press.action is After.AGAIN:
            draft = await after.again(press.job_id, user.id, chat_id, reply_to)
            await answer_press(query)
            await send_options(context, draft, t)
        elif press.action is After.NEW_PROMPT:
            await after.new_prompt(press.job_id, user.id, chat_id, reply_to)
            await answer_press(query)
            await ask_for_prompt(context, chat_id, reply_to, t.ask_new_prompt, t)
        elif press.action is After.EXTEND:
            await after.extend(press.job_id, user.id, chat_id, reply_to)
            await answer_press(query)
            await ask_for_prompt(context, chat_id, reply_to, t.ask_extend_prompt, t)
        else:
            frame = await after.last_frame(press.job_id, user.id)
            await answer_press(query)
            # Sent as a photo: the user sees where the next part starts, and the frame gets a
            # Telegram file id, the way every photo reaches ShortAPI.
            sent = await retrying(
                lambda: context.bot.send_photo(
                    chat_id,
                    frame,
                    caption=t.ask_next_prompt,
                    reply_parameters=ReplyParameters(reply_to, allow_sending_without_reply=True),
                    reply_markup=ForceReply(selective=True, input_field_placeholder=t.prompt_hint),
                )
            )
            await after.continue_from(
                press.job_id, user.id, chat_id, sent.message_id, sent.photo[-1].file_id
            )
    except UserError as exc:
        # An alert for what the user must read (Extend: the video is fine, only this button
        # can no longer do its work).
        alert = isinstance(
            exc, CannotExtend | NotYourRequest | VideoTooOld | NoFrame | FrameUnreadable
        )
        await answer_press(query, t.user_error(exc), alert)
