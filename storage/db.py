"""One SQLite connection: pragmas, migrations and serialized transactions."""

import asyncio
import logging
import sqlite3
import time
from collections.abc import AsyncIterator, Iterable, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

import aiosqlite

from storage.drafts import DraftRepository
from storage.jobs import JobRepository
from storage.migrations import MIGRATIONS
from storage.users import UserRepository

log = logging.getLogger(__name__)

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
# While writes fail, how often `writable()` tries one again (a locked database makes each try
# wait busy_timeout, holding every other statement up).
PROBE_INTERVAL = 5.0


class SchemaTooNewError(RuntimeError):
    """The database was written by a newer version of the bot."""


class DatabaseUnavailable(sqlite3.OperationalError):
    """A statement failed because the database cannot be used: read-only, full, damaged, locked.

    Raised from the SQLite error (kept as __cause__). The Database logs the first of a series
    once and reports it in `failure` until a write succeeds again.
    """

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


class Database:
    """Owns the single aiosqlite connection; every write goes through `transaction()`."""

    def __init__(self, conn: aiosqlite.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path
        # aiosqlite runs statements on one thread, but two coroutines could still interleave
        # statements of two transactions; the lock keeps each transaction whole.
        self._lock = asyncio.Lock()
        # What makes the database unusable right now ("attempt to write a readonly database
        # (SQLITE_READONLY)"), or None; a successful write clears it unless the file is damaged.
        self.failure: str | None = None
        self._damaged = False
        self._last_probe = 0.0
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
            # SQLite opens a file it may not write read-only without a word, and a damaged
            # file with an intact header opens and migrates fine: both would only show on the
            # first user's write. Prove now that the file is whole and can be written.
            await _check_whole(conn)
            try:
                await _prove_writable(conn)
            except sqlite3.Error as exc:
                raise DatabaseUnavailable(f"cannot write to it: {exc}", _name(exc)) from exc
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
            changes = self._conn.total_changes
            with self._watch():
                await self._conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self._conn
                    await self._conn.execute("COMMIT")
                except BaseException:
                    await self._rollback()
                    raise
            self._wrote(changes)

    async def _rollback(self) -> None:
        # After an I/O error or a full disk SQLite may have rolled back by itself already, and
        # a ROLLBACK then would fail and hide the error that matters.
        if self._conn.in_transaction:
            await self._conn.execute("ROLLBACK")

    @contextmanager
    def _watch(self) -> Iterator[None]:
        """Turn an unusable database's error into DatabaseUnavailable, recording it."""
        try:
            yield
        except sqlite3.Error as exc:
            code = _primary_code(exc)
            if code not in _UNAVAILABLE:
                raise  # a wrong statement is a bug, with its own traceback
            self._record(exc, code)
            raise DatabaseUnavailable(str(exc), _name(exc)) from exc

    def _wrote(self, changes_before: int | None) -> None:
        # Only a committed change proves that writes work: a statement that matched no row
        # may not have written a page at all.
        if self.failure is None or self._damaged:
            return
        if changes_before is not None and self._conn.total_changes == changes_before:
            return
        log.warning("database %s: writes work again", self.path)
        self.failure = None

    def _record(self, exc: sqlite3.Error, code: int) -> None:
        self._damaged = self._damaged or code in _DAMAGED
        first = self.failure is None
        self.failure = f"{exc} ({_name(exc)})"
        if first:
            # One line for the whole episode: every update and job step would fail alike.
            log.error(
                "database %s: %s; /healthz reports it until a write succeeds",
                self.path,
                self.failure,
            )

    async def writable(self) -> bool:
        """Whether writes work; while they fail, one write is tried at most every few seconds."""
        if self.failure is None:
            return True
        now = time.monotonic()
        if self._damaged or now - self._last_probe < PROBE_INTERVAL:
            return False
        self._last_probe = now
        async with self._lock:
            try:
                with self._watch():
                    await _prove_writable(self._conn)
            except DatabaseUnavailable as exc:
                log.debug("database %s: write probe failed: %s", self.path, exc)
                return False
            self._wrote(None)
        return True

    async def fetch_one(self, sql: str, params: Iterable[Any] = ()) -> aiosqlite.Row | None:
        """One row of a read-only query."""
        rows = await self.fetch_all(sql, params)
        return rows[0] if rows else None

    async def fetch_all(self, sql: str, params: Iterable[Any] = ()) -> list[aiosqlite.Row]:
        """All rows of a read-only query."""
        # One trip to aiosqlite's thread (execute, fetch and close together), not three.
        async with self._lock:
            with self._watch():
                return list(await self._conn.execute_fetchall(sql, tuple(params)))

    async def execute(self, sql: str, params: Iterable[Any] = ()) -> int:
        """One write statement, atomic and durable on its own; the number of rows changed."""
        # The connection is in autocommit mode: a lone statement is its own transaction, so
        # BEGIN and COMMIT would only add trips to the database thread. The lock keeps it out
        # of another coroutine's open transaction.
        async with self._lock:
            changes = self._conn.total_changes
            with self._watch():
                async with self._conn.execute(sql, tuple(params)) as cur:
                    rowcount = cur.rowcount
            self._wrote(changes)
            return rowcount

    async def execute_returning(self, sql: str, params: Iterable[Any] = ()) -> list[aiosqlite.Row]:
        """One write statement with a RETURNING clause, atomic and durable on its own; its rows.

        A conditional UPDATE … RETURNING * both applies a change of state once and reads the
        new row, in one statement.
        """
        async with self._lock:
            changes = self._conn.total_changes
            with self._watch():
                rows = list(await self._conn.execute_fetchall(sql, tuple(params)))
            self._wrote(changes)
            return rows

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


def _primary_code(exc: sqlite3.Error) -> int | None:
    # The extended code (SQLITE_IOERR_WRITE) carries the primary one in its low byte; errors
    # raised by Python's sqlite3 module itself (a closed connection) have none.
    if isinstance(exc, DatabaseUnavailable):
        return None
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def _name(exc: sqlite3.Error) -> str:
    return getattr(exc, "sqlite_errorname", None) or type(exc).__name__


async def _check_whole(conn: aiosqlite.Connection) -> None:
    # quick_check reads every page but skips matching indexes to rows: milliseconds for this
    # bot's databases (17 ms for 10,000 jobs, 4 MB). The first problem found is enough.
    async with conn.execute("PRAGMA quick_check(1)") as cur:
        row = await cur.fetchone()
    result = str(row[0]) if row else "no answer"
    if result != "ok":
        problem = next((line for line in result.splitlines() if not line.startswith("***")), "")
        raise DatabaseUnavailable(
            f"the database file is damaged: {problem or result}", "SQLITE_CORRUPT"
        )


async def _prove_writable(conn: aiosqlite.Connection) -> None:
    # Rewriting user_version is a real write of the header page, committed, and changes
    # nothing; it fails on a read-only file, a read-only file system or a full disk.
    async with conn.execute("PRAGMA user_version") as cur:
        row = await cur.fetchone()
    version = int(row[0]) if row else 0
    await conn.execute("BEGIN IMMEDIATE")
    try:
        await conn.execute(f"PRAGMA user_version = {version}")
        await conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            await conn.execute("ROLLBACK")
        raise
