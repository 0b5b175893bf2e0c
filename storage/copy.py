"""Copying a whole database into an empty one: a SQLite bot's data moved to PostgreSQL.

Every row keeps its id, so what refers to it (a job's draft, a photo's job, the callback data
of buttons already in chats) still does. The target is written in one transaction: a copy
that fails leaves it as empty as it was. The bot must not run on either database meanwhile.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storage.db import Database, Transaction

# Every table of the bot with its key, rows referred to before the rows that refer to them.
TABLES = (
    ("users", "id"),
    ("drafts", "id"),
    ("jobs", "id"),
    ("media_files", "token"),
    ("handled_updates", "update_id"),
    ("inbox", "update_id"),
    ("ledger", "id"),
    ("job_frames", "job_id"),
    ("albums", "media_group_id"),
    ("album_photos", "id"),
)
# Rows read from the source at a time: photos are up to a few MB each, a video's last frame
# (a JPEG) up to about one, the other rows small.
_BATCH = {"media_files": 8, "job_frames": 16}
_DEFAULT_BATCH = 500
# PostgreSQL takes at most 32767 parameters in one statement.
_MAX_PARAMETERS = 30_000


class TargetNotEmpty(Exception):
    """The target already holds the bot's data; nothing was written to it."""

    def __init__(self, counts: dict[str, int]) -> None:
        found = ", ".join(f"{table} {count}" for table, count in counts.items() if count)
        super().__init__(f"it already holds data ({found})")
        self.counts = counts


async def count_rows(db: "Database | Transaction") -> dict[str, int]:
    """How many rows each table of the bot holds."""
    return {
        table: int(await db.fetchval(f"SELECT COUNT(*) FROM {table}") or 0) for table, _ in TABLES
    }


async def copy_database(source: "Database", target: "Database") -> dict[str, int]:
    """Copy every row of `source` into the empty `target`, ids included; rows per table.

    Raises TargetNotEmpty, writing nothing, when the target holds any row of the bot's.
    """
    copied: dict[str, int] = {}
    # The source's transaction holds its write lock: nothing changes there under the copy.
    async with source.transaction() as reading, target.transaction() as writing:
        found = await count_rows(writing)
        if any(found.values()):
            raise TargetNotEmpty(found)
        for table, key in TABLES:
            copied[table] = await _copy_table(reading, writing, table, key)
        # The source's one process is stopped: its leases were held by a process that is gone
        # (what it would find itself at its next start). Copied as they are, they would keep
        # the new replicas off those jobs until they ran out.
        await writing.execute(
            "UPDATE jobs SET lease_owner = NULL, lease_until = NULL WHERE lease_owner IS NOT NULL"
        )
        await target.after_bulk_copy(writing)
    return copied


async def _copy_table(reading: "Transaction", writing: "Transaction", table: str, key: str) -> int:
    batch = _BATCH.get(table, _DEFAULT_BATCH)
    copied = 0
    last: Any = None
    while True:
        # By key, not OFFSET: each batch starts where the previous one ended.
        after = "" if last is None else f" WHERE {key} > $1"
        rows = await reading.fetch(
            f"SELECT * FROM {table}{after} ORDER BY {key} LIMIT {batch}",
            *(() if last is None else (last,)),
        )
        if not rows:
            return copied
        await _insert(writing, table, rows)
        copied += len(rows)
        last = rows[-1][key]


async def _insert(writing: "Transaction", table: str, rows: list[Any]) -> None:
    columns = list(rows[0].keys())
    per_statement = max(1, _MAX_PARAMETERS // len(columns))
    for start in range(0, len(rows), per_statement):
        chunk = rows[start : start + per_statement]
        values, args = [], []
        for row in chunk:
            first = len(args) + 1
            values.append("(" + ", ".join(f"${first + i}" for i in range(len(columns))) + ")")
            args.extend(row[column] for column in columns)
        await writing.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES {', '.join(values)}", *args
        )
