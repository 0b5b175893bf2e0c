"""Persistence on SQLite (aiosqlite) or PostgreSQL (asyncpg). Knows nothing of Telegram or of
the bot package."""

from storage.db import Database, is_url
from storage.errors import OPEN_ERRORS, DatabaseUnavailable, SchemaTooNewError
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
    Lease,
    SpendLimits,
    UserSummary,
)

__all__ = [
    "ACTIVE_JOB_STATUSES",
    "OPEN_ERRORS",
    "RUNNING_JOB_STATUSES",
    "TERMINAL_JOB_STATUSES",
    "Database",
    "DatabaseUnavailable",
    "DaySummary",
    "Draft",
    "DraftStatus",
    "Job",
    "JobStatus",
    "Lease",
    "LimitReached",
    "SchemaTooNewError",
    "SpendLimits",
    "UserSummary",
    "is_url",
]
