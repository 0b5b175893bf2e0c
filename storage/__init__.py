"""SQLite persistence (aiosqlite). Knows nothing of Telegram or of the bot package."""

from storage.db import Database, DatabaseUnavailable, SchemaTooNewError
from storage.jobs import LimitReached
from storage.records import (
    ACTIVE_JOB_STATUSES,
    RUNNING_JOB_STATUSES,
    TERMINAL_JOB_STATUSES,
    DaySummary,
    Draft,
    DraftStatus,
    Job,
    JobStatus,
    SpendLimits,
    UserSummary,
)

__all__ = [
    "ACTIVE_JOB_STATUSES",
    "RUNNING_JOB_STATUSES",
    "TERMINAL_JOB_STATUSES",
    "Database",
    "DatabaseUnavailable",
    "DaySummary",
    "Draft",
    "DraftStatus",
    "Job",
    "JobStatus",
    "LimitReached",
    "SchemaTooNewError",
    "SpendLimits",
    "UserSummary",
]
