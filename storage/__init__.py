"""SQLite persistence (aiosqlite). Knows nothing of Telegram or of the bot package."""

from storage.db import Database, SchemaTooNewError
from storage.records import (
    ACTIVE_JOB_STATUSES,
    TERMINAL_JOB_STATUSES,
    Draft,
    DraftStatus,
    Job,
    JobStatus,
)

__all__ = [
    "ACTIVE_JOB_STATUSES",
    "TERMINAL_JOB_STATUSES",
    "Database",
    "Draft",
    "DraftStatus",
    "Job",
    "JobStatus",
    "SchemaTooNewError",
]
