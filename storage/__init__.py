"""Persistence on SQLite (aiosqlite) or PostgreSQL (asyncpg). Knows nothing of Telegram or of
the bot package."""

from storage.albums import Album, AlbumPhoto
from storage.db import Database, is_url
from storage.errors import DatabaseUnavailable, SchemaTooNewError, open_errors
from storage.ledger import NotEnoughStars
from storage.locks import LockUnavailable, SessionLock
from storage.records import (
    ACTIVE_JOB_STATUSES,
    RUNNING_JOB_STATUSES,
    STARS_RETURNED_STATUSES,
    TERMINAL_JOB_STATUSES,
    DaySummary,
    Draft,
    DraftStatus,
    Job,
    JobStatus,
    Lease,
    LedgerEntry,
    LedgerKind,
    ModelSummary,
    SpendLimits,
    StarsDay,
    UserSummary,
)
from storage.submissions import LimitReached, PaidOutcome, Purchase

__all__ = [
    "ACTIVE_JOB_STATUSES",
    "RUNNING_JOB_STATUSES",
    "STARS_RETURNED_STATUSES",
    "TERMINAL_JOB_STATUSES",
    "Album",
    "AlbumPhoto",
    "Database",
    "DatabaseUnavailable",
    "DaySummary",
    "Draft",
    "DraftStatus",
    "Job",
    "JobStatus",
    "Lease",
    "LedgerEntry",
    "LedgerKind",
    "LimitReached",
    "LockUnavailable",
    "ModelSummary",
    "NotEnoughStars",
    "PaidOutcome",
    "Purchase",
    "SchemaTooNewError",
    "SessionLock",
    "SpendLimits",
    "StarsDay",
    "UserSummary",
    "is_url",
    "open_errors",
]
