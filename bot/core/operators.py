"""The bot's admins as users can reach them: by @username, never by a numeric id."""

import logging

from storage import Database, DatabaseUnavailable

log = logging.getLogger(__name__)


class Operators:
    """Who answers users' questions: ADMIN_USER_IDS, named by the usernames the bot stored."""

    def __init__(self, db: Database, admin_ids: frozenset[int]) -> None:
        self._db = db
        self._admin_ids = admin_ids

    async def usernames(self) -> list[str]:
        """The admins' usernames the bot knows (from their own messages), in id order; an
        admin who never wrote, or has no username, is left out: a user cannot message an id."""
        names = []
        try:
            for admin in sorted(self._admin_ids):
                name = await self._db.users.username(admin)
                if name:
                    names.append(name)
        except DatabaseUnavailable:
            # /paysupport and /terms still answer (with "the bot's operator") while it is away.
            log.info("admins' usernames not read: the database is unavailable")
        return names
