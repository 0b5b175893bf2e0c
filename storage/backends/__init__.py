"""The two stores behind one small API: SQLite (aiosqlite) and PostgreSQL (asyncpg).

`Backend` is what storage/db.py's Database asks of either; each backend declares that it is one
by subclassing it, so a member missing from one of them shows where the class is written.
"""

from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any, ClassVar, Literal, Protocol


class Statements(Protocol):
    """What a backend's transactions can run."""

    async def execute(self, sql: str, *args: Any) -> int:
        """One statement; the number of rows it changed."""
        ...

    async def fetch(self, sql: str, *args: Any) -> list[Any]:
        """The rows of a query (or of a statement with RETURNING)."""
        ...

    async def lock(self, key: int) -> None:
        """Serialize this transaction with others that lock the same key."""
        ...


class Backend(Protocol):
    """One open store: its connection (or pool), its dialect and its own errors."""

    store: ClassVar[Literal["sqlite", "postgresql"]]
    # True when other processes may share it (PostgreSQL): leases must expire to be free.
    shared: ClassVar[bool]
    # The driver's errors a health check names rather than raises (beside DatabaseUnavailable).
    check_errors: ClassVar[tuple[type[Exception], ...]]
    where: str  # a path, or the URL without its password
    path: Path | None  # the SQLite file; None for a server

    async def close(self) -> None:
        """Close the connection (or pool)."""
        ...

    def transaction(self) -> AbstractAsyncContextManager[Statements]:
        """BEGIN … COMMIT, rolled back on error."""
        ...

    async def execute(self, sql: str, args: Sequence[Any]) -> int:
        """One statement, its own transaction; the number of rows it changed."""
        ...

    async def fetch(self, sql: str, args: Sequence[Any]) -> list[Any]:
        """All rows of a query (or of a statement with RETURNING)."""
        ...

    async def schema_version(self) -> int:
        """The applied migration count."""
        ...

    async def prove_writable(self) -> None:
        """A real write that changes nothing; raises while writes fail."""
        ...

    async def after_bulk_copy(self, tx: Statements) -> None:
        """In `tx`, after rows were inserted with their own ids: new rows get ids above them."""
        ...

    def classify(self, exc: BaseException) -> tuple[str, bool] | None:
        """(error name, damaged) when `exc` says the store cannot be used; None for a bug."""
        ...
