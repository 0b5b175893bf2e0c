"""`python -m bot copy-data [postgresql://...]`: move a SQLite bot's data to PostgreSQL.

Reads the SQLite file at DATABASE_PATH and copies everything into the PostgreSQL database of
the URL given (else DATABASE_URL), which must hold none of the bot's data yet. The password is
never printed. The bot must be stopped meanwhile, on both databases.
"""

import asyncio
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pydantic import SecretStr, ValidationError, field_validator

from bot.config import Settings, describe_error
from bot.ops.logs import redact
from storage import Database, open_errors
from storage.copy import TargetNotEmpty, copy_database

USAGE = "usage: python -m bot copy-data [postgresql://user:password@host:port/database]"
HELP = f"""{USAGE}

Copy the bot's data from the SQLite file at DATABASE_PATH into the PostgreSQL database of the
URL given (else DATABASE_URL), which must hold none of the bot's data yet. Stop the bot first,
on both databases. Nothing is written unless everything is; the password is never printed.
Exit codes: 0 copied, 1 a database failed, 2 a wrong setting or a target that holds data.
"""


class CopySettings(Settings):
    """The bot's settings, without the two secrets that copying has no use for."""

    telegram_bot_token: SecretStr | None = None  # type: ignore[assignment]
    shortapi_key: SecretStr | None = None  # type: ignore[assignment]

    @field_validator("telegram_bot_token", "shortapi_key")
    @classmethod
    def _not_blank(cls, value: SecretStr | None) -> SecretStr | None:  # type: ignore[override]
        """Replaces the bot's own check: set, blank or not, they are not used here."""
        return value

    def _key_unless_sandbox(self) -> "CopySettings":  # type: ignore[override]
        """Replaces the bot's own check: copying needs no ShortAPI key."""
        return self


class _Failed(Exception):
    """Opening one of the two databases failed; `where` names it (no password)."""

    def __init__(self, where: str, cause: BaseException) -> None:
        super().__init__(where)
        self.where = where
        self.cause = cause


async def _copy(source: Path, url: str, target: str, pool_size: int) -> dict[str, int]:
    # Each side's errors name their side: "which database" is the first thing to know.
    try:
        reading = await Database.open(source)
    except open_errors() as exc:
        raise _Failed(str(source), exc) from exc
    try:
        try:
            writing = await Database.open(url, pool_size)
        except open_errors() as exc:
            raise _Failed(target, exc) from exc
        try:
            return await copy_database(reading, writing)
        finally:
            await writing.close()
    finally:
        await reading.close()


def _secrets(url: str) -> list[str]:
    """The URL's password as written (percent-encoded) and as meant."""
    password = urlsplit(url).password
    return [password, unquote(password)] if password else []


def main(args: list[str]) -> int:
    """Copy; 0 done, 2 for a wrong setting or a target that holds data, 1 when a database
    fails. Nothing is written to the target unless everything is."""
    if args in (["-h"], ["--help"]):
        print(HELP, end="")
        return 0
    if len(args) > 1 or (args and args[0].startswith("-")):
        print(USAGE, file=sys.stderr)
        return 2
    try:
        overrides = {"database_url": args[0]} if args else {}
        settings = CopySettings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        print(describe_error(exc), file=sys.stderr)
        return 2
    if settings.database_url is None:
        print(
            f"configuration error: no PostgreSQL URL given, nor DATABASE_URL; {USAGE}",
            file=sys.stderr,
        )
        return 2
    url = settings.database_url.get_secret_value()
    target = settings.database_where
    source = settings.database_path
    # Database.open would create an empty file: a mistyped path would "copy" nothing.
    if not source.is_file():
        print(
            f"configuration error: no SQLite database at {source} (DATABASE_PATH)",
            file=sys.stderr,
        )
        return 2
    print(f"Copying {source} into {target}.")
    print("The bot must be stopped (every process on either database) until this is done.")
    try:
        copied = asyncio.run(_copy(source, url, target, settings.database_pool_size))
    except TargetNotEmpty as exc:
        print(
            f"refused: {target}: {exc}; copy-data fills only a database without any. "
            "Nothing was written.",
            file=sys.stderr,
        )
        return 2
    except _Failed as exc:
        reason = redact(str(exc.cause) or type(exc.cause).__name__, _secrets(url))
        print(f"database error ({exc.where}): {reason}", file=sys.stderr)
        return 1
    except open_errors() as exc:
        reason = redact(str(exc) or type(exc).__name__, _secrets(url))
        print(f"database error while copying: {reason}. Nothing was written.", file=sys.stderr)
        return 1
    print("Copied: " + ", ".join(f"{table} {count}" for table, count in copied.items()) + ".")
    print(
        "Next: start the bot (or its replicas) with DATABASE_URL set to this database, and keep"
        f" {source} as a backup: a bot started on it again would not see what changes here."
    )
    return 0
