"""A PostgreSQL advisory lock held by one session: one dedicated connection, watched.

A session-level advisory lock belongs to its connection: when the process holding it dies,
PostgreSQL ends the session and frees the lock. The holder checks every `check_every` seconds
that its connection still holds the lock, and hears at once when the connection closes;
whichever way the lock goes, `on_lost` is told why. bot/telegram/leader.py decides what holding
it means (which replica polls Telegram).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import asyncpg

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


class LockUnavailable(RuntimeError):
    """The server could not be asked for the lock (gone, refusing, too slow); the message
    names the driver's error, which is kept as __cause__."""


@functools.cache
def _failures() -> tuple[type[BaseException], ...]:
    # asyncpg is imported by the first replica that uses an advisory lock, not by every bot.
    import asyncpg

    return (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError)


def _named(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


class SessionLock:
    """A session-level advisory lock on `key`, taken with `try_acquire` and watched while
    held; `on_lost(reason)` is called once when it goes without `release`."""

    def __init__(
        self, url: str, key: int, *, check_every: float, on_lost: Callable[[str], None]
    ) -> None:
        self._url = url
        self._key = key
        self._check_every = check_every
        self._on_lost = on_lost
        self._conn: asyncpg.Connection | None = None
        self._held = False
        self._watch: asyncio.Task[None] | None = None

    @property
    def held(self) -> bool:
        """True while this session holds the lock, as far as it knows."""
        return self._held

    async def try_acquire(self) -> bool:
        """Take the lock if it is free (connecting first if needed); True when taken.

        Raises LockUnavailable when the server cannot be asked; the connection is dropped.
        """
        try:
            taken = await self._try_lock()
        except _failures() as exc:
            self._drop()
            raise LockUnavailable(_named(exc)) from exc
        if taken:
            conn = self._conn
            assert conn is not None
            self._held = True
            conn.add_termination_listener(self._closed)
            self._watch = asyncio.create_task(self._check(conn), name="advisory-lock-check")
        return taken

    async def release(self) -> None:
        """Close the lock's connection, which frees the lock."""
        self._held = False
        watch, self._watch = self._watch, None
        if watch is not None:
            watch.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watch
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
        while self._held:
            await asyncio.sleep(self._check_every)
            try:
                async with asyncio.timeout(self._check_every):
                    held = await conn.fetchval(_HOLDS, high, low)
            except _failures() as exc:
                self._lose(f"its connection failed: {_named(exc)}")
                return
            if not held:
                self._lose("its connection no longer holds the lock")
                return

    def _closed(self, conn: asyncpg.Connection) -> None:
        if conn is self._conn:
            self._lose("its connection was closed")

    def _lose(self, reason: str) -> None:
        if not self._held:
            return  # released, or lost already
        self._held = False
        self._on_lost(reason)
        if self._watch is not None and self._watch is not asyncio.current_task():
            self._watch.cancel()
        self._watch = None
        self._drop()

    def _drop(self) -> None:
        # Without waiting for the server: whatever this session held, it holds no more.
        conn, self._conn = self._conn, None
        if conn is not None and not conn.is_closed():
            conn.terminate()
