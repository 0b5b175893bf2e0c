"""One SQLite connection: pragmas, migrations and serialized transactions."""

import asyncio
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite

from storage.drafts import DraftRepository
from storage.jobs import JobRepository
from storage.migrations import MIGRATIONS
from storage.users import UserRepository


class SchemaTooNewError(RuntimeError):
    """The database was written by a newer version of the bot."""


class Database:
    """Owns the single aiosqlite connection; every write goes through `transaction()`."""

    def __init__(self, conn: aiosqlite.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path
        # aiosqlite runs statements on one thread, but two coroutines could still interleave
        # statements of two transactions; the lock keeps each transaction whole.
        self._lock = asyncio.Lock()
        self.users = UserRepository(self)
        self.drafts = DraftRepository(self)
        self.jobs = JobRepository(self)

    @classmethod
    async def open(cls, path: str | Path) -> "Database":
        """Open (creating the folder and file if needed) and migrate the database."""
        path = Path(path)
        if str(path) != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
        conn = await aiosqlite.connect(path, isolation_level=None)
        conn.row_factory = aiosqlite.Row
        try:
            await conn.execute("PRAGMA journal_mode=WAL")
            # FULL: a committed state change survives a power cut, not only a crash.
            await conn.execute("PRAGMA synchronous=FULL")
            await conn.execute("PRAGMA foreign_keys=ON")
            await conn.execute("PRAGMA busy_timeout=5000")
            await _migrate(conn)
        except BaseException:
            await conn.close()
            raise
        return cls(conn, path)

    async def close(self) -> None:
        """Close the connection."""
        await self._conn.close()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """BEGIN IMMEDIATE … COMMIT, rolled back on error; one at a time."""
        async with self._lock:
            await self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                await self._conn.execute("ROLLBACK")
                raise
            await self._conn.execute("COMMIT")

    async def fetch_one(self, sql: str, params: Iterable[Any] = ()) -> aiosqlite.Row | None:
        """One row of a read-only query."""
        rows = await self.fetch_all(sql, params)
        return rows[0] if rows else None

    async def fetch_all(self, sql: str, params: Iterable[Any] = ()) -> list[aiosqlite.Row]:
        """All rows of a read-only query."""
        # One trip to aiosqlite's thread (execute, fetch and close together), not three.
        async with self._lock:
            return list(await self._conn.execute_fetchall(sql, tuple(params)))

    async def execute(self, sql: str, params: Iterable[Any] = ()) -> int:
        """One write statement, atomic and durable on its own; the number of rows changed."""
        # The connection is in autocommit mode: a lone statement is its own transaction, so
        # BEGIN and COMMIT would only add trips to the database thread. The lock keeps it out
        # of another coroutine's open transaction.
        async with self._lock, self._conn.execute(sql, tuple(params)) as cur:
            return cur.rowcount

    async def execute_returning(self, sql: str, params: Iterable[Any] = ()) -> list[aiosqlite.Row]:
        """One write statement with a RETURNING clause, atomic and durable on its own; its rows.

        A conditional UPDATE … RETURNING * both applies a change of state once and reads the
        new row, in one statement.
        """
        async with self._lock:
            return list(await self._conn.execute_fetchall(sql, tuple(params)))

    async def schema_version(self) -> int:
        """The applied migration count."""
        row = await self.fetch_one("PRAGMA user_version")
        return int(row[0]) if row else 0


async def _migrate(conn: aiosqlite.Connection) -> None:
    async with conn.execute("PRAGMA user_version") as cur:
        row = await cur.fetchone()
    version = int(row[0]) if row else 0
    if version > len(MIGRATIONS):
        raise SchemaTooNewError(
            f"database schema version {version} is newer than this bot knows "
            f"({len(MIGRATIONS)}); upgrade the bot or use another DATABASE_PATH"
        )
    for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
        # One script, one transaction: a failed migration leaves the previous version intact.
        await conn.executescript(
            f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;"
        )
