"""Files downloaded through the Bot API: the photos of jobs (the runner's ImageSource) and
the videos the bot sent by URL (for Continue's last frame)."""

import logging

from telegram import Bot, File
from telegram.error import TelegramError

from bot.jobs import ImageFetchError

log = logging.getLogger(__name__)


class TelegramImage:
    """One photo on the Bot API: its size from getFile, its bytes on request."""

    def __init__(self, file: File) -> None:
        self._file = file
        self.size = file.file_size

    async def read(self) -> bytearray:
        """The file's bytes (one copy of them: no conversion to bytes)."""
        try:
            return await self._file.download_as_bytearray()
        except TelegramError as exc:
            raise ImageFetchError(f"{type(exc).__name__}: {exc.message}") from exc


class TelegramImages:
    """Downloads photos via the Bot API; its file URL holds the token, so it is never shared."""

    def __init__(self, bot: Bot) -> None:
        self._bot = bot

    async def open(self, file_id: str) -> TelegramImage:
        """The photo's file description."""
        try:
            return TelegramImage(await self._bot.get_file(file_id))
        except TelegramError as exc:
            raise ImageFetchError(f"{type(exc).__name__}: {exc.message}") from exc


class TelegramVideos:
    """Videos read back from Telegram: getFile serves up to 20 MB, the most Telegram fetches
    from a URL, so every video sent that way can be read."""

    def __init__(self, bot: Bot) -> None:
        self._bot = bot

    async def read(self, file_id: str) -> bytes | None:
        """The video's bytes; None if Telegram does not give them."""
        try:
            file = await self._bot.get_file(file_id)
            return bytes(await file.download_as_bytearray())
        except TelegramError as exc:
            log.info("video %s not read from Telegram: %s", file_id, exc)
            return None
