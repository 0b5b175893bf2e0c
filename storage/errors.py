"""The store's own errors, the same whichever database is behind it."""

import functools


class SchemaTooNewError(RuntimeError):
    """The database was written by a newer version of the bot."""

    def __init__(self, version: int, known: int) -> None:
        super().__init__(
            f"database schema version {version} is newer than this bot knows ({known});"
            " upgrade the bot or use another database"
        )


class DatabaseUnavailable(RuntimeError):
    """A statement failed because the database cannot be used: read-only, full, damaged,
    locked, or (PostgreSQL) the server is gone.

    Raised from the driver's error (kept as __cause__). The Database logs the first of a
    series once and reports it in `failure` until a write succeeds again.
    """

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


@functools.cache
def open_errors() -> tuple[type[BaseException], ...]:
    """What opening a database can raise when the database, not the bot, is at fault.

    A function, so that asyncpg is imported only when a failure is being matched (or a
    PostgreSQL store opened): `except open_errors():` is evaluated only then.
    """
    import sqlite3

    import asyncpg

    return (
        SchemaTooNewError,
        DatabaseUnavailable,
        sqlite3.Error,
        asyncpg.PostgresError,
        asyncpg.InterfaceError,  # a malformed URL, a closed connection
        OSError,  # no such folder, server refusing connections
        TimeoutError,
    )
