"""The Database: one small API over SQLite or PostgreSQL, and the repositories on top of it.

`Database.open(target)` takes a SQLite file path or a `postgresql://` URL. Queries are written
once, with `$1` placeholders; the backends (storage/backends/: sqlite.py, postgres.py, each a
`Backend`) hold every difference between the two stores. The repositories never ask which
store they are on, except where leasing a job needs PostgreSQL's SKIP LOCKED.
"""

import logging
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

from storage.albums import AlbumRepository
from storage.backends import Backend, Statements
from storage.drafts import DraftRepository
from storage.errors import DatabaseUnavailable
from storage.estimates import EstimateRepository
from storage.frames import FrameRepository
from storage.jobs import JobRepository
from storage.ledger import LedgerRepository
from storage.media import MediaRepository
from storage.updates import UpdateRepository
from storage.users import UserRepository

log = logging.getLogger(__name__)

# While writes fail, how often `writable()` tries one again (a locked database makes each try
# wait busy_timeout, holding every other statement up).
PROBE_INTERVAL = 5.0
_WRITES = ("INSERT", "UPDATE", "DELETE")


def is_url(target: str | Path) -> bool:
    """Whether a database target names a PostgreSQL server rather than a SQLite file."""
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


class _Rows:
    """fetchrow and fetchval, from fetch."""

    async def fetch(self, sql: str, *args: Any) -> list[Any]:
        raise NotImplementedError

    async def fetchrow(self, sql: str, *args: Any) -> Any | None:
        """The first row, or None."""
        rows = await self.fetch(sql, *args)
        return rows[0] if rows else None

    async def fetchval(self, sql: str, *args: Any) -> Any:
        """The first column of the first row, or None."""
        row = await self.fetchrow(sql, *args)
        return row[0] if row is not None else None


class Transaction(_Rows):
    """Statements inside one transaction: `$1` placeholders, rows by column name."""

    def __init__(self, inner: Statements) -> None:
        self._inner = inner
        self.changed = 0

    async def execute(self, sql: str, *args: Any) -> int:
        """One statement; the number of rows it changed."""
        count = await self._inner.execute(sql, *args)
        self.changed += count
        return count

    async def fetch(self, sql: str, *args: Any) -> list[Any]:
        """The rows of a query, or of a write with RETURNING."""
        rows = await self._inner.fetch(sql, *args)
        if sql.lstrip()[:6].upper() in _WRITES:
            self.changed += len(rows)
        return rows

    async def lock(self, key: int) -> None:
        """Serialize this transaction with others that lock the same key (a user's budget).
        On SQLite every write transaction holds the one database lock already."""
        await self._inner.lock(key)


class Database(_Rows):
    """The store the bot runs on; every multi-statement write goes through `transaction()`."""

    def __init__(self, backend: Backend) -> None:
        self._backend = backend
        self.store: str = backend.store  # "sqlite" or "postgresql"
        # True when other processes may share it (PostgreSQL): leases must expire to be free.
        self.shared: bool = backend.shared
        self.where: str = backend.where  # a path, or the URL without its password
        self.path: Path | None = backend.path
        # What makes the database unusable right now ("attempt to write a readonly database
        # (SQLITE_READONLY)"), or None; a successful write clears it unless the file is damaged.
        self.failure: str | None = None
        self._damaged = False
        self._last_probe = 0.0
        self.users = UserRepository(self)
        self.drafts = DraftRepository(self)
        self.jobs = JobRepository(self)
        self.media = MediaRepository(self)
        self.updates = UpdateRepository(self)
        self.ledger = LedgerRepository(self)
        self.frames = FrameRepository(self)
        self.estimates = EstimateRepository(self)
        self.albums = AlbumRepository(self)

    @classmethod
    async def open(cls, target: str | Path, pool_size: int = 10) -> "Database":
        """Open and migrate: a SQLite file at a path (folder and file created if needed), or
        the PostgreSQL database of a `postgresql://` URL (a pool of `pool_size` connections).
        """
        if is_url(target):
            from storage.backends.postgres import PostgresBackend  # asyncpg only when it is used

            return cls(await PostgresBackend.open(str(target), pool_size))
        from storage.backends.sqlite import SQLiteBackend

        return cls(await SQLiteBackend.open(Path(target)))

    async def close(self) -> None:
        """Close the connection (or pool)."""
        await self._backend.close()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        """BEGIN … COMMIT, rolled back on error."""
        with self._watch():
            async with self._backend.transaction() as inner:
                tx = Transaction(inner)
                yield tx
        self._wrote(tx.changed)

    async def execute(self, sql: str, *args: Any) -> int:
        """One write statement, atomic and durable on its own; the number of rows changed."""
        with self._watch():
            count = await self._backend.execute(sql, args)
        self._wrote(count)
        return count

    async def fetch(self, sql: str, *args: Any) -> list[Any]:
        """All rows of a query; or of one write with RETURNING, atomic on its own (a
        conditional UPDATE … RETURNING * applies a change of state once and reads the row)."""
        with self._watch():
            rows = await self._backend.fetch(sql, args)
        if sql.lstrip()[:6].upper() in _WRITES:
            self._wrote(len(rows))
        return rows

    async def after_bulk_copy(self, tx: Transaction) -> None:
        """In `tx`, after rows were inserted with their own ids: new rows get ids above them.
        SQLite's AUTOINCREMENT goes by the largest id already; PostgreSQL's sequences do not."""
        with self._watch():
            await self._backend.after_bulk_copy(tx._inner)

    async def schema_version(self) -> int:
        """The applied migration count."""
        with self._watch():
            return int(await self._backend.schema_version())

    @contextmanager
    def _watch(self) -> Iterator[None]:
        """Turn an unusable database's error into DatabaseUnavailable, recording it."""
        try:
            yield
        except DatabaseUnavailable:
            raise
        except Exception as exc:
            found = self._backend.classify(exc)
            if found is None:
                raise  # a wrong statement is a bug, with its own traceback
            name, damaged = found
            self._record(exc, name, damaged)
            raise DatabaseUnavailable(str(exc) or name, name) from exc

    def _wrote(self, changed: int) -> None:
        # Only a committed change proves that writes work: a statement that matched no row
        # may not have written a page at all.
        if self.failure is None or self._damaged or changed <= 0:
            return
        log.warning("database %s: writes work again", self.where)
        self.failure = None

    def _record(self, exc: BaseException, name: str, damaged: bool) -> None:
        self._damaged = self._damaged or damaged
        first = self.failure is None
        self.failure = f"{exc} ({name})"
        if first:
            # One line for the whole episode: every update and job step would fail alike.
            log.error(
                "database %s: %s; /healthz reports it until a write succeeds",
                self.where,
                self.failure,
            )

    async def check(self) -> str | None:
        """None when the database answers and takes writes; else what is wrong: the recorded
        failure ("… (SQLITE_READONLY)") or the name of the error the check met."""
        try:
            if self.path is not None and not self.path.exists():
                raise FileNotFoundError(self.path)  # deleted under the open connection
            await self.fetchval("SELECT COUNT(*) FROM jobs")
            # Reads work on a read-only or full database too: what a failed write recorded
            # stands until a write (tried again here every few seconds) succeeds.
            if not await self.writable():
                return self.failure
        except (DatabaseUnavailable, ValueError, OSError, *self._backend.check_errors) as exc:
            return type(exc).__name__
        return None

    async def writable(self) -> bool:
        """Whether writes work; while they fail, one write is tried at most every few seconds."""
        if self.failure is None:
            return True
        now = time.monotonic()
        if self._damaged or now - self._last_probe < PROBE_INTERVAL:
            return False
        self._last_probe = now
        try:
            with self._watch():
                await self._backend.prove_writable()
        except DatabaseUnavailable as exc:
            log.debug("database %s: write probe failed: %s", self.where, exc)
            return False
        self._wrote(1)
        return True
