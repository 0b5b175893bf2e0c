"""A photo (or image file) with a caption opens an options message; a caption may come later."""

import logging

from telegram import ForceReply, Message, ReplyParameters, Update
from telegram.constants import ChatType
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot import texts
from bot.core.drafts import IncomingImage, TelegramUser
from bot.core.errors import NoPendingPhoto, UnsupportedFile, UserError
from bot.core.options import options_of
from bot.handlers import services, words
from bot.telegram.calls import retrying
from bot.telegram.keyboards import draft_keyboard
from storage import Draft

log = logging.getLogger(__name__)


async def on_photo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A compressed photo, or an image sent as a file: it opens a card; other files get told
    what to send."""
    message = update.effective_message
    assert message is not None
    await _start(update, context, incoming_image(message))


# An image sent as a file works like a photo.
on_document = on_photo


def incoming_image(message: Message) -> IncomingImage:
    """The image of a photo message (Telegram always re-encodes those as JPEG; the largest
    size) or of a file (its own type, checked later)."""
    if message.photo:
        biggest = message.photo[-1]
        return IncomingImage(biggest.file_id, "image/jpeg", biggest.file_size)
    doc = message.document
    assert doc is not None
    return IncomingImage(doc.file_id, doc.mime_type, doc.file_size)


async def on_other_media(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Video, audio, stickers and the like: say what to send instead."""
    if update.effective_message:
        t = await words(update, context)
        await update.effective_message.reply_text(t.user_error(UnsupportedFile()))


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A text message is the prompt of a photo sent without caption; with no photo waiting
    for one, in a private chat, it opens a card for a video from that text alone."""
    message, user, chat = update.effective_message, update.effective_user, update.effective_chat
    assert message is not None and user is not None and chat is not None
    t = await words(update, context)
    drafts = services(context).drafts
    try:
        # A card asked what its video should avoid: this text is that.
        avoided = await services(context).inputs.give_avoid(
            user_id=user.id, chat_id=chat.id, text=message.text or ""
        )
    except UserError as exc:
        await message.reply_text(t.user_error(exc))
        return
    if avoided is not None and avoided.message_id is not None:
        await show_options(context, avoided, t)
        return
    try:
        try:
            draft = await drafts.give_prompt(
                user_id=user.id, chat_id=chat.id, text=message.text or ""
            )
        except NoPendingPhoto:
            if chat.type != ChatType.PRIVATE:
                return  # in a group, ordinary chatter is not addressed to the bot
            draft = await drafts.from_text(
                user=TelegramUser(user.id, user.first_name, user.username, user.language_code),
                chat_id=chat.id,
                source_message_id=message.message_id,
                text=message.text or "",
            )
    except UserError as exc:
        await message.reply_text(t.user_error(exc))
        return
    if draft.message_id is not None:
        await show_options(context, draft, t)  # the card's Prompt button: that card shows it
    else:
        await send_options(context, draft, t)


async def _start(update: Update, context: ContextTypes.DEFAULT_TYPE, image: IncomingImage) -> None:
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None
    t = await words(update, context)
    drafts = services(context).drafts
    try:
        # A card asked for the photo its video ends on: a photo without a caption is that
        # (one with a caption is a new video of its own).
        ending = None
        if message.caption is None:
            ending = await services(context).inputs.give_last_frame(
                user_id=user.id, chat_id=message.chat_id, image=image
            )
    except UserError as exc:
        await message.reply_text(t.user_error(exc))
        return
    if ending is not None and ending.message_id is not None:
        await show_options(context, ending, t)
        return
    try:
        draft = await drafts.start(
            user=TelegramUser(user.id, user.first_name, user.username, user.language_code),
            chat_id=message.chat_id,
            source_message_id=message.message_id,
            image=image,
            caption=message.caption,
        )
    except UserError as exc:
        await message.reply_text(t.user_error(exc))
        return
    if draft.prompt is None:
        # ForceReply makes the app answer this message; in a group with privacy mode on, a
        # reply to the bot is the only plain text the bot receives at all.
        await ask_for_prompt(context, message.chat_id, message.message_id, t.ask_prompt, t)
        return
    await send_options(context, draft, t)


async def ask_for_prompt(
    context: ContextTypes.DEFAULT_TYPE,
    chat_id: int,
    reply_to: int,
    text: str,
    t: texts.Texts,
    hint: str | None = None,
) -> None:
    """Ask for a prompt (or other words, `hint` in the input field) with a forced reply: in a
    group, a reply to the bot is the only plain text the bot receives at all."""
    await retrying(
        lambda: context.bot.send_message(
            chat_id,
            text,
            reply_parameters=ReplyParameters(reply_to, allow_sending_without_reply=True),
            reply_markup=ForceReply(selective=True, input_field_placeholder=hint or t.prompt_hint),
        )
    )


async def show_options(context: ContextTypes.DEFAULT_TYPE, draft: Draft, t: texts.Texts) -> None:
    """Redraw a draft's card (its prompt or options changed)."""
    assert draft.message_id is not None
    options, cost = options_of(draft), services(context).drafts.cost(draft)
    expected = await services(context).drafts.expected(draft)
    try:
        await retrying(
            lambda: context.bot.edit_message_text(
                t.draft_text(draft, options, cost, expected, services(context).big_videos),
                chat_id=draft.chat_id,
                message_id=draft.message_id,
                reply_markup=draft_keyboard(t, draft.id, options, cost, draft.inputs),
            )
        )
    except BadRequest as exc:
        # Two quick presses can render the same state twice ("message is not modified"), and
        # the user may have deleted the message; the draft is saved either way.
        log.debug("options message %s not edited: %s", draft.message_id, exc.message)


async def send_options(
    context: ContextTypes.DEFAULT_TYPE, draft: Draft, t: texts.Texts
) -> Message:
    """Send the options message for a draft, as a reply to the photo, and remember it."""
    options, cost = options_of(draft), services(context).drafts.cost(draft)
    expected = await services(context).drafts.expected(draft)
    sent = await retrying(
        lambda: context.bot.send_message(
            draft.chat_id,
            t.draft_text(draft, options, cost, expected, services(context).big_videos),
            reply_markup=draft_keyboard(t, draft.id, options, cost, draft.inputs),
            reply_parameters=ReplyParameters(
                draft.source_message_id, allow_sending_without_reply=True
            ),
        )
    )
    await services(context).drafts.attach_message(draft.id, sent.message_id)
    return sent
