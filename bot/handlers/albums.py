"""An album of photos: each photo is kept as it comes, and once the album is whole it opens
one card (a video whose subject follows the photos), asks for its prompt, or says why not."""

import asyncio
import contextlib
import logging

from telegram import Message, ReplyParameters, Update
from telegram.ext import Application, CallbackContext, ContextTypes, filters

from bot.core.albums import ALBUM_QUIET, SettledAlbum
from bot.core.drafts import TelegramUser
from bot.core.errors import UserError
from bot.handlers import services, words
from bot.handlers.photo import ask_for_prompt, incoming_image, send_options
from bot.telegram.calls import retrying
from storage import DatabaseUnavailable

log = logging.getLogger(__name__)
# How often every replica looks for albums left whole but not settled (a restart, a replica
# gone between an album's last photo and its card).
SWEEP_EVERY = 30.0
SWEEP_FIRST = 5.0


class _InAlbum(filters.MessageFilter):
    def filter(self, message: Message) -> bool:
        return message.media_group_id is not None


# A photo or image file that is one of an album's (registered before on_photo in bot/app.py).
IN_ALBUM = _InAlbum(name="IN_ALBUM")


async def on_album_photo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Keep the photo; ALBUM_QUIET seconds after it, settle the album unless another came."""
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None and message.media_group_id is not None
    image = incoming_image(message)
    group = message.media_group_id
    try:
        kept = await services(context).albums.add(
            user=TelegramUser(user.id, user.first_name, user.username, user.language_code),
            chat_id=message.chat_id,
            message_id=message.message_id,
            media_group_id=group,
            image=image,
            caption=message.caption,
        )
    except UserError as exc:
        t = await words(update, context)
        await message.reply_text(t.user_error(exc))
        return
    if not kept:
        log.info("a photo of album %s came after it was settled; not used", group)
        return
    # Outside the update: the album's other photos are handled meanwhile.
    context.application.create_task(_settle_later(context, group), name=f"album-{group}")


async def _settle_later(context: ContextTypes.DEFAULT_TYPE, group: str) -> None:
    await asyncio.sleep(ALBUM_QUIET)
    with contextlib.suppress(DatabaseUnavailable):  # the sweep settles it once it answers
        await settle(context, group)


async def settle(context: ContextTypes.DEFAULT_TYPE, group: str) -> None:
    """Settle one album if it is whole and nobody did yet, and tell its sender what it made."""
    settled = await services(context).albums.settle(group)
    if settled is not None:
        await _tell(context, settled)


async def _tell(context: ContextTypes.DEFAULT_TYPE, settled: SettledAlbum) -> None:
    t = await services(context).languages.words(settled.user_id)
    if settled.refusal is not None:
        await retrying(
            lambda: context.bot.send_message(
                settled.chat_id,
                t.user_error(settled.refusal),  # type: ignore[arg-type]
                reply_parameters=ReplyParameters(
                    settled.first_message_id, allow_sending_without_reply=True
                ),
            )
        )
        return
    draft = settled.draft
    assert draft is not None
    if draft.prompt is None:
        question = t.ask_album_prompt if settled.photos > 1 else t.ask_prompt
        await ask_for_prompt(context, settled.chat_id, settled.first_message_id, question, t)
        return
    sent: Message = await send_options(context, draft, t)
    log.debug("album card %s sent", sent.message_id)


async def sweep_forever(app: Application) -> None:
    """Until cancelled: settle the albums whole but not settled, SWEEP_FIRST seconds after
    the start, then every SWEEP_EVERY seconds (one replica's timer settles each album; this
    catches the rest)."""
    context = CallbackContext(app)
    # An album's last photos may wait in the inbox, left by the process that stopped: they are
    # handled first (each sets its album's timer again), so an album is not settled without them.
    await asyncio.sleep(SWEEP_FIRST)
    while True:
        try:
            for group in await services(context).albums.due():
                await settle(context, group)
        except DatabaseUnavailable:
            pass  # logged once by the database; the next round tries again
        await asyncio.sleep(SWEEP_EVERY)
