"""Which replica polls Telegram for updates: the one holding a PostgreSQL advisory lock.

Telegram allows one getUpdates at a time (a second one ends the first with 409 Conflict), so of
several replicas on one PostgreSQL database only the polling leader polls. It is the replica
whose dedicated connection holds a session-level advisory lock; the others try to take it every
TRY_EVERY seconds. A lock belongs to its session: when the leader's process dies, PostgreSQL
ends the session and frees the lock, and the next try of another replica gets it.

The leader checks every CHECK_EVERY seconds that its connection still holds the lock, and hears
at once when the connection closes. Whichever way it loses the connection, it stops polling
then: the server frees the lock only once it has noticed the session is gone, which comes after
(keep-alives bound how long it takes when the network, not the process, failed).

With SQLite there is one process, and it always leads.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import asyncpg

from bot.ops.logs import Throttled

log = logging.getLogger(__name__)

# The lock's key, "veo_poll" in ASCII: advisory locks are one namespace per database.
LOCK_KEY = 0x7665_6F5F_706F_6C6C
TRY_EVERY = 2.0
CHECK_EVERY = 2.0
CONNECT_TIMEOUT = 10.0
# A replica whose network (not process) failed is noticed by the server in about 5 + 2 × 3 s,
# not after the system's default of two hours; only then is the lock free for another.
_KEEPALIVES = (
    "SET tcp_keepalives_idle = 5; SET tcp_keepalives_interval = 2; SET tcp_keepalives_count = 3"
)
# Whether this session holds the lock: a bigint key is (classid, objid) = (high, low) 32 bits.
_HOLDS = """
SELECT EXISTS (
    SELECT 1 FROM pg_locks
    WHERE locktype = 'advisory' AND granted AND pid = pg_backend_pid()
      AND classid = $1::bigint::oid AND objid = $2::bigint::oid AND objsubid = 1
)
"""
WAITING = "waiting to become the polling leader"
LEADING = "this replica is now the polling leader"


@functools.cache
def _failures() -> tuple[type[BaseException], ...]:
    # asyncpg is imported by the first replica that uses an advisory lock, not by every bot.
    import asyncpg

    return (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError)


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


class AdvisoryLock:
    """Leadership by a session-level advisory lock held on one dedicated connection."""

    def __init__(
        self,
        url: str,
        *,
        key: int = LOCK_KEY,
        try_every: float = TRY_EVERY,
        check_every: float = CHECK_EVERY,
    ) -> None:
        self._url = url
        self._key = key
        self._try_every = try_every
        self._check_every = check_every
        self._conn: asyncpg.Connection | None = None
        self._leader = False
        self._lost = asyncio.Event()
        self._watch: asyncio.Task[None] | None = None
        self._unreachable = Throttled(log, logging.WARNING)
        self._just_lost = False

    @property
    def leader(self) -> bool:
        """True while this replica holds the lock, as far as it knows."""
        return self._leader

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
                if await self._try_lock():
                    break
                reason = "another replica holds the lock"
            except _failures() as exc:
                self._drop()
                reason = f"cannot use PostgreSQL for the lock: {type(exc).__name__}: {exc}"
                self._unreachable("%s; trying again every %gs", reason, self._try_every)
            if not waiting:
                log.info("%s (%s)", WAITING, reason)
                waiting = True
            await asyncio.sleep(self._try_every)
        conn = self._conn
        assert conn is not None
        self._leader = True
        self._lost = asyncio.Event()
        conn.add_termination_listener(self._closed)
        self._watch = asyncio.create_task(self._check(conn), name="leadership-check")
        log.info(LEADING)

    async def lost(self) -> None:
        """Return once the lock is lost (at once if it is not held)."""
        if self._leader:
            await self._lost.wait()

    async def release(self) -> None:
        """Close the lock's connection, which frees the lock."""
        self._leader = False
        await self._stop_watch()
        conn, self._conn = self._conn, None
        if conn is not None and not conn.is_closed():
            try:
                await conn.close(timeout=CONNECT_TIMEOUT)
            except _failures():
                conn.terminate()  # the server frees the lock when it sees the socket close

    async def _try_lock(self) -> bool:
        if self._conn is None or self._conn.is_closed():
            import asyncpg

            self._conn = await asyncpg.connect(self._url, timeout=CONNECT_TIMEOUT)
            await self._conn.execute(_KEEPALIVES)
        async with asyncio.timeout(self._check_every):
            return bool(await self._conn.fetchval("SELECT pg_try_advisory_lock($1)", self._key))

    async def _check(self, conn: asyncpg.Connection) -> None:
        high, low = (self._key >> 32) & 0xFFFFFFFF, self._key & 0xFFFFFFFF
        while self._leader:
            await asyncio.sleep(self._check_every)
            try:
                async with asyncio.timeout(self._check_every):
                    held = await conn.fetchval(_HOLDS, high, low)
            except _failures() as exc:
                self._lose(f"its connection failed: {type(exc).__name__}: {exc}")
                return
            if not held:
                self._lose("its connection no longer holds the lock")
                return

    def _closed(self, conn: asyncpg.Connection) -> None:
        if conn is self._conn:
            self._lose("its connection was closed")

    def _lose(self, reason: str) -> None:
        if not self._leader:
            return  # released, or lost already
        self._leader = False
        self._just_lost = True
        log.warning("no longer the polling leader: %s; polling stops", reason)
        self._lost.set()
        if self._watch is not None and self._watch is not asyncio.current_task():
            self._watch.cancel()
        self._watch = None
        self._drop()

    def _drop(self) -> None:
        # Without waiting for the server: whatever this session held, it holds no more.
        conn, self._conn = self._conn, None
        if conn is not None and not conn.is_closed():
            conn.terminate()

    async def _stop_watch(self) -> None:
        watch, self._watch = self._watch, None
        if watch is not None:
            watch.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watch
