"""The SQLite backend: one aiosqlite connection, its pragmas, and SQLite's own error codes.

Everything SQLite-specific lives here; storage/backends/postgres.py is its PostgreSQL twin.
"""

import asyncio
import re
import sqlite3
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import aiosqlite

from storage.backends import Backend, Statements
from storage.errors import DatabaseUnavailable, SchemaTooNewError
from storage.migrations import MIGRATIONS, script_for

# SQLite's primary result codes that say the database file cannot be used as it is, rather than
# that a statement is wrong: no permission, locked past busy_timeout, out of memory, read-only,
# I/O error, damaged, disk full, cannot open, locking protocol, not a database.
_UNAVAILABLE = frozenset(
    {
        sqlite3.SQLITE_PERM,
        sqlite3.SQLITE_BUSY,
        sqlite3.SQLITE_LOCKED,
        sqlite3.SQLITE_NOMEM,
        sqlite3.SQLITE_READONLY,
        sqlite3.SQLITE_IOERR,
        sqlite3.SQLITE_CORRUPT,
        sqlite3.SQLITE_FULL,
        sqlite3.SQLITE_CANTOPEN,
        sqlite3.SQLITE_PROTOCOL,
        sqlite3.SQLITE_NOTADB,
    }
)
# A damaged file does not heal: one write that happens to miss the bad pages proves nothing.
_DAMAGED = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})
_PLACEHOLDER = re.compile(r"\$(\d+)")


@lru_cache(maxsize=512)
def translate(sql: str) -> str:
    """The repositories' `$1` placeholders as SQLite's numbered `?1`, which bind by position."""
    return _PLACEHOLDER.sub(r"?\1", sql)


class SQLiteTransaction(Statements):
    """Statements inside one BEGIN IMMEDIATE … COMMIT."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def execute(self, sql: str, *args: Any) -> int:
        """One statement; the number of rows it changed."""
        async with self._conn.execute(translate(sql), args) as cur:
            return cur.rowcount

    async def fetch(self, sql: str, *args: Any) -> list[sqlite3.Row]:
        """The rows of a query (or of a statement with RETURNING)."""
        return list(await self._conn.execute_fetchall(translate(sql), args))

    async def lock(self, key: int) -> None:
        """Nothing to do: BEGIN IMMEDIATE already holds the database's one write lock."""


class SQLiteBackend(Backend):
    """Owns the single aiosqlite connection; writes are serialized by a lock."""

    store = "sqlite"
    # One process owns the file: what a lease of a dead process held is free at start.
    shared = False
    check_errors = (sqlite3.Error,)

    def __init__(self, conn: aiosqlite.Connection, path: Path) -> None:
        self._conn = conn
        self.path: Path | None = path
        self.where = str(path)
        # aiosqlite runs statements on one thread, but two coroutines could still interleave
        # statements of two transactions; the lock keeps each transaction whole.
        self._lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path) -> "SQLiteBackend":
        """Open (creating the folder and file if needed), check and migrate the file."""
        if str(path) != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
        conn = await aiosqlite.connect(path, isolation_level=None)
        conn.row_factory = aiosqlite.Row
        backend = cls(conn, path)
        try:
            await conn.execute("PRAGMA journal_mode=WAL")
            # FULL: a committed state change survives a power cut, not only a crash.
            await conn.execute("PRAGMA synchronous=FULL")
            await conn.execute("PRAGMA foreign_keys=ON")
            await conn.execute("PRAGMA busy_timeout=5000")
            await backend._migrate()
            # SQLite opens a file it may not write read-only without a word, and a damaged
            # file with an intact header opens and migrates fine: both would only show on the
            # first user's write. Prove now that the file is whole and can be written.
            await backend._check_whole()
            try:
                await backend.prove_writable()
            except sqlite3.Error as exc:
                name = getattr(exc, "sqlite_errorname", None) or type(exc).__name__
                raise DatabaseUnavailable(f"cannot write to it: {exc}", name) from exc
        except BaseException:
            await conn.close()
            raise
        return backend

    async def close(self) -> None:
        """Close the connection."""
        await self._conn.close()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[SQLiteTransaction]:
        """BEGIN IMMEDIATE … COMMIT, rolled back on error; one at a time."""
        async with self._lock:
            await self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield SQLiteTransaction(self._conn)
                await self._conn.execute("COMMIT")
            except BaseException:
                # After an I/O error or a full disk SQLite may have rolled back by itself
                # already, and a ROLLBACK then would fail and hide the error that matters.
                if self._conn.in_transaction:
                    await self._conn.execute("ROLLBACK")
                raise

    async def execute(self, sql: str, args: Sequence[Any]) -> int:
        """One statement, its own transaction (the connection autocommits); rows changed."""
        async with self._lock, self._conn.execute(translate(sql), tuple(args)) as cur:
            return cur.rowcount

    async def fetch(self, sql: str, args: Sequence[Any]) -> list[sqlite3.Row]:
        """All rows; execute, fetch and close in one trip to aiosqlite's thread."""
        async with self._lock:
            return list(await self._conn.execute_fetchall(translate(sql), tuple(args)))

    async def schema_version(self) -> int:
        """The applied migration count (PRAGMA user_version)."""
        async with self._lock:
            return await self._user_version()

    async def _user_version(self) -> int:
        async with self._conn.execute("PRAGMA user_version") as cur:
            row = await cur.fetchone()
        return int(row[0]) if row else 0

    async def prove_writable(self) -> None:
        """Rewrite user_version: a real, committed write of the header page that changes
        nothing; it fails on a read-only file, a read-only file system or a full disk."""
        async with self._lock:
            version = await self._user_version()
            await self._conn.execute("BEGIN IMMEDIATE")
            try:
                await self._conn.execute(f"PRAGMA user_version = {version}")
                await self._conn.execute("COMMIT")
            except BaseException:
                if self._conn.in_transaction:
                    await self._conn.execute("ROLLBACK")
                raise

    async def after_bulk_copy(self, tx: Statements) -> None:
        """Nothing to move: AUTOINCREMENT goes by the largest id in the table already."""

    def classify(self, exc: BaseException) -> tuple[str, bool] | None:
        """(error name, damaged) when `exc` says the file cannot be used; None for a bug."""
        if not isinstance(exc, sqlite3.Error):
            return None
        # The extended code (SQLITE_IOERR_WRITE) carries the primary one in its low byte;
        # errors raised by Python's sqlite3 module itself (a closed connection) have none.
        code = getattr(exc, "sqlite_errorcode", None)
        primary = code & 0xFF if isinstance(code, int) else None
        if primary not in _UNAVAILABLE:
            return None
        name = getattr(exc, "sqlite_errorname", None) or type(exc).__name__
        return name, primary in _DAMAGED

    async def _migrate(self) -> None:
        version = await self._user_version()
        if version > len(MIGRATIONS):
            raise SchemaTooNewError(version, len(MIGRATIONS))
        for number in range(version + 1, len(MIGRATIONS) + 1):
            # One script, one transaction: a failed migration leaves the previous version.
            script = script_for(number, self.store)
            await self._conn.executescript(
                f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;"
            )

    async def _check_whole(self) -> None:
        # quick_check reads every page but skips matching indexes to rows: milliseconds for
        # this bot's databases (17 ms for 10,000 jobs, 4 MB). The first problem is enough.
        async with self._conn.execute("PRAGMA quick_check(1)") as cur:
            row = await cur.fetchone()
        result = str(row[0]) if row else "no answer"
        if result != "ok":
            problem = next((ln for ln in result.splitlines() if not ln.startswith("***")), "")
            raise DatabaseUnavailable(
                f"the database file is damaged: {problem or result}", "SQLITE_CORRUPT"
            )
