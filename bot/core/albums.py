"""An album of photos becomes one card: its photos are kept as they arrive (Telegram sends one
message per photo, in any order, possibly in separate batches), and once none has come for
ALBUM_QUIET seconds the album is settled, once, into one draft.

No telegram here: the handler (bot/handlers/albums.py) passes plain values in and sends the
card, the question for the prompt, or why there is none.
"""

import time
from dataclasses import dataclass, replace

from bot.core.drafts import DraftService, IncomingImage, TelegramUser, check_image
from bot.core.errors import TooManyPhotos, UserError
from storage import AlbumPhoto, Database, Draft

# How long after an album's last photo it counts as whole. Telegram sends an album's messages
# within a fraction of a second of each other; a photo later than this starts nothing new.
ALBUM_QUIET = 1.5
# An album of this many photos at most makes one video: a reference video takes 1 to 3.
MAX_REFERENCES = 3
# A settled album is remembered this long, so that a late photo of it is known for one.
REMEMBER_FOR = 24 * 3600.0


@dataclass(frozen=True, slots=True)
class SettledAlbum:
    """What a settled album made: a draft (open, or waiting for its prompt), or a refusal
    to explain (too many photos, an empty caption); where to say it, and to which message."""

    user_id: int
    chat_id: int
    first_message_id: int
    photos: int
    draft: Draft | None = None
    refusal: UserError | None = None


class Albums:
    """Collects albums and settles each into one draft."""

    def __init__(self, db: Database, drafts: DraftService) -> None:
        self._db = db
        self._drafts = drafts

    async def add(
        self,
        *,
        user: TelegramUser,
        chat_id: int,
        message_id: int,
        media_group_id: str,
        image: IncomingImage,
        caption: str | None,
    ) -> bool:
        """Keep one photo of an album (a file the bot cannot take is a UserError at once);
        False when its album was settled already (it came too late to be part of it)."""
        mime = check_image(image)
        await self._db.users.touch(user.id, user.first_name, user.username, user.language_code)
        photo = AlbumPhoto(message_id, image.file_id, mime, caption)
        return await self._db.albums.add(media_group_id, user.id, chat_id, photo, time.time())

    async def due(self) -> list[str]:
        """The albums whole by now and not settled (a restart, or a replica gone, left them)."""
        return await self._db.albums.due(time.time() - ALBUM_QUIET)

    async def settle(self, media_group_id: str) -> SettledAlbum | None:
        """Make the album's draft if it is whole (no photo for ALBUM_QUIET seconds) and nobody
        settled it yet; None otherwise (another photo came, or it is settled)."""
        now = time.time()
        # A timer set ALBUM_QUIET after the last photo may fire a hair early.
        album = await self._db.albums.settle(media_group_id, now - ALBUM_QUIET + 0.05)
        if album is None:
            return None
        await self._db.albums.forget_settled(now - REMEMBER_FOR)
        first = album.photos[0]
        captions = [p.caption for p in album.photos if p.caption is not None]
        settled = SettledAlbum(album.user_id, album.chat_id, first.message_id, len(album.photos))
        if len(album.photos) > MAX_REFERENCES:
            return replace(settled, refusal=TooManyPhotos(len(album.photos)))
        try:
            draft = await self._drafts.from_album(
                user_id=album.user_id,
                chat_id=album.chat_id,
                source_message_id=first.message_id,
                images=[IncomingImage(p.file_id, p.mime_type, None) for p in album.photos],
                caption=captions[0] if captions else None,
            )
        except UserError as exc:
            return replace(settled, refusal=exc)
        return replace(settled, draft=draft)
