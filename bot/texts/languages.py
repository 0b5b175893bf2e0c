"""Which language each user is spoken to in: the one they chose with /language, else their
Telegram app's (the update's language_code, or the one stored from their last photo)."""

import time
from collections.abc import Callable

from bot import texts
from bot.core.drafts import TelegramUser
from bot.texts.catalog import LANGUAGES, match
from storage import Database, DatabaseUnavailable

# How long a user's stored choice is reused without reading it again. /language updates this
# process's copy at once; another replica sees the change within this time.
REMEMBER_FOR = 60.0
_REMEMBERED_USERS = 10_000


class Languages:
    """The catalog for each user, with their stored choice remembered for a while."""

    def __init__(self, db: Database, clock: Callable[[], float] = time.monotonic) -> None:
        self._db = db
        self._clock = clock
        # user id -> (chosen language or None, language_code stored, when it was read)
        self._stored: dict[int, tuple[str | None, str | None, float]] = {}

    async def _choice(self, user_id: int) -> tuple[str | None, str | None]:
        now = self._clock()
        seen = self._stored.get(user_id)
        if seen is not None and now - seen[2] < REMEMBER_FOR:
            return seen[0], seen[1]
        try:
            chosen, code = await self._db.users.languages(user_id)
        except DatabaseUnavailable:
            # The database logs its outage once; a message in the language last known (or
            # the fallback) beats no message about a video at all.
            return (seen[0], seen[1]) if seen is not None else (None, None)
        self._keep(user_id, chosen, code, now)
        return chosen, code

    def _keep(self, user_id: int, chosen: str | None, code: str | None, now: float) -> None:
        if len(self._stored) >= _REMEMBERED_USERS:
            self._stored = {
                user: seen for user, seen in self._stored.items() if now - seen[2] < REMEMBER_FOR
            }
            if len(self._stored) >= _REMEMBERED_USERS:
                self._stored.clear()
        self._stored[user_id] = (chosen, code, now)

    async def of(self, user_id: int, language_code: str | None = None) -> str:
        """The user's catalog: their choice, else `language_code` (the update's), else the
        language_code stored from their last photo."""
        chosen, stored = await self._choice(user_id)
        if language_code is not None and language_code != stored:
            # The update's code is the newest: a message sent later outside of an update (a
            # finished video) must not use an older one remembered before this user's row
            # existed. The database gets it with the user's next photo.
            self._keep(user_id, chosen, language_code, self._clock())
        if chosen in LANGUAGES:
            return chosen
        return match(language_code if language_code is not None else stored)

    async def words(self, user_id: int, language_code: str | None = None) -> texts.Texts:
        """The user's texts."""
        return texts.of(await self.of(user_id, language_code))

    async def choose(self, user: TelegramUser, language: str | None) -> None:
        """Store the user's choice (None: follow their Telegram app from now on)."""
        if language is not None and language not in LANGUAGES:
            raise ValueError(language)
        await self._db.users.set_language(
            user.id, user.first_name, user.username, user.language_code, language
        )
        self._keep(user.id, language, user.language_code, self._clock())
