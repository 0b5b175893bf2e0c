"""Which replica polls Telegram for updates: the one holding a PostgreSQL advisory lock.

Telegram allows one getUpdates at a time (a second one ends the first with 409 Conflict), so of
several replicas on one PostgreSQL database only the polling leader polls. It is the replica
whose dedicated connection holds a session-level advisory lock; the others try to take it every
TRY_EVERY seconds. A lock belongs to its session: when the leader's process dies, PostgreSQL
ends the session and frees the lock, and the next try of another replica gets it.

The lock itself is storage's (storage/locks.py): the leader checks every CHECK_EVERY seconds
that its connection still holds it, and hears at once when the connection closes. Whichever way
it loses the connection, it stops polling then: the server frees the lock only once it has
noticed the session is gone, which comes after (keep-alives bound how long it takes when the
network, not the process, failed).

With SQLite there is one process, and it always leads.
"""

import asyncio
import logging
from typing import Protocol

from bot.ops.logs import Throttled
from storage import LockUnavailable, SessionLock

log = logging.getLogger(__name__)

# The lock's key, "veo_poll" in ASCII: advisory locks are one namespace per database.
LOCK_KEY = 0x7665_6F5F_706F_6C6C
TRY_EVERY = 2.0
CHECK_EVERY = 2.0
WAITING = "waiting to become the polling leader"
LEADING = "this replica is now the polling leader"


class Leadership(Protocol):
    """Whether this replica is the one that polls Telegram for updates."""

    @property
    def leader(self) -> bool:
        """True while this replica is the polling leader."""
        ...

    async def acquire(self) -> None:
        """Return once this replica is the polling leader."""
        ...

    async def lost(self) -> None:
        """Return once the leadership acquired last is lost."""
        ...

    async def release(self) -> None:
        """Give the leadership up (at a stop), so that another replica takes it."""
        ...


class SoleLeader:
    """The only process there is (SQLite): always the leader."""

    leader = True

    async def acquire(self) -> None:
        """At once."""

    async def lost(self) -> None:
        """Never."""
        await asyncio.Event().wait()

    async def release(self) -> None:
        """Nothing to give up."""


class LockLeader:
    """Leadership by a session-level advisory lock held on one dedicated connection."""

    def __init__(
        self,
        url: str,
        *,
        key: int = LOCK_KEY,
        try_every: float = TRY_EVERY,
        check_every: float = CHECK_EVERY,
    ) -> None:
        self._lock = SessionLock(url, key, check_every=check_every, on_lost=self._lose)
        self._try_every = try_every
        self._lost = asyncio.Event()
        self._unreachable = Throttled(log, logging.WARNING)
        self._just_lost = False

    @property
    def leader(self) -> bool:
        """True while this replica holds the lock, as far as it knows."""
        return self._lock.held

    async def acquire(self) -> None:
        """Try for the lock every `try_every` seconds until this replica has it."""
        waiting = False
        if self._just_lost:
            # The others, trying every `try_every`, get the first chance: whatever ended this
            # replica's session may not be over.
            self._just_lost = False
            await asyncio.sleep(2 * self._try_every)
        while True:
            try:
                if await self._lock.try_acquire():
                    break
                reason = "another replica holds the lock"
            except LockUnavailable as exc:
                reason = f"cannot use PostgreSQL for the lock: {exc}"
                self._unreachable("%s; trying again every %gs", reason, self._try_every)
            if not waiting:
                log.info("%s (%s)", WAITING, reason)
                waiting = True
            await asyncio.sleep(self._try_every)
        self._lost = asyncio.Event()
        log.info(LEADING)

    async def lost(self) -> None:
        """Return once the lock is lost (at once if it is not held)."""
        if self.leader:
            await self._lost.wait()

    async def release(self) -> None:
        """Close the lock's connection, which frees the lock."""
        await self._lock.release()

    def _lose(self, reason: str) -> None:
        self._just_lost = True
        log.warning("no longer the polling leader: %s; polling stops", reason)
        self._lost.set()
