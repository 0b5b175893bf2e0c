"""Plain records returned by the repositories, and the two status enums."""

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from decimal import Decimal
from enum import StrEnum
from typing import Any


class DraftStatus(StrEnum):
    """A draft is the option set behind one options message."""

    AWAITING_PROMPT = "awaiting_prompt"
    OPEN = "open"
    SUBMITTED = "submitted"
    CANCELLED = "cancelled"


class JobStatus(StrEnum):
    """Life of one paid job (after replicate-python's prediction statuses)."""

    SUBMITTING = "submitting"  # row written, photo being fetched: nothing sent yet, so a job
    # caught here (a crash) is submitted again
    CREATING = "creating"  # the create request is about to leave or under way: if caught here,
    # ShortAPI may have taken it, so it is never sent again
    QUEUED = "queued"  # the API took it (status 0)
    GENERATING = "generating"  # status 1
    SUCCEEDED = "succeeded"  # status 2, video not yet in the chat
    DELIVERED = "delivered"
    FAILED = "failed"
    UNKNOWN = "unknown"  # the create call's outcome could not be learned; never re-submitted
    OVERDUE = "overdue"  # past JOB_TIMEOUT, user told; a late video is still delivered for a while
    EXPIRED = "expired"  # past the grace period too: nobody looks any more


TERMINAL_JOB_STATUSES = frozenset(
    {JobStatus.DELIVERED, JobStatus.FAILED, JobStatus.UNKNOWN, JobStatus.EXPIRED}
)
# Jobs the poller still has work on: querying the API, or delivering a finished video (which
# must be retried after a failed download or send, and after a restart).
ACTIVE_JOB_STATUSES = frozenset(
    {JobStatus.QUEUED, JobStatus.GENERATING, JobStatus.SUCCEEDED, JobStatus.OVERDUE}
)


@dataclass(frozen=True, slots=True)
class Draft:
    """The options a user is choosing for one photo."""

    id: int
    user_id: int
    chat_id: int
    source_message_id: int
    message_id: int | None
    file_id: str
    mime_type: str
    prompt: str | None
    model: str  # the ShortAPI model id
    args: dict[str, Any]  # the model's args, as its declaration in bot/veo validates them
    status: DraftStatus
    created_at: float
    # What it is made from besides its photo (bot/veo/model.py Input), by the input's key.
    inputs: dict[str, Any] = field(default_factory=dict)
    waiting_for: str | None = None  # the input the user's next message gives, if any


@dataclass(frozen=True, slots=True)
class Job:
    """One submitted (or being submitted) generation, with everything needed to deliver it."""

    id: int  # the key everything refers to it by (buttons, the ledger, logs)
    draft_id: int
    user_id: int
    number: int  # what its user calls it: their 1st, 2nd, 3rd… video ("request #3")
    chat_id: int
    message_id: int
    file_id: str
    mime_type: str
    prompt: str
    model: str  # the ShortAPI model id
    args: dict[str, Any]  # the model's args, as its declaration in bot/veo validates them
    price: Decimal
    amount: Decimal | None
    provider_job_id: str | None
    status: JobStatus
    error: str | None
    result_url: str | None
    telegram_file_id: str | None
    poll_failures: int
    polls: int
    next_poll_at: float | None
    media_token: str | None
    media_mime: str | None
    callback_secret: str | None
    created_at: float
    submitted_at: float | None
    finished_at: float | None
    delivered_at: float | None
    updated_at: float
    delay_told_at: float | None  # when the user was told that a fault is delaying this job
    lease_owner: str | None  # the replica working on a step of this job, until lease_until
    lease_until: float | None
    stars: int  # the Telegram Stars taken from the user's balance for it (0: not paid in Stars)
    # What it is made from besides its photo (bot/veo/model.py Input), by the input's key.
    inputs: dict[str, Any] = field(default_factory=dict)

    @property
    def terminal(self) -> bool:
        """No further change will happen to this job."""
        return self.status in TERMINAL_JOB_STATUSES


# Endings that give a job's Stars back to its user: no video came (the API failed or refused
# it, the create call's outcome is unknown, nothing arrived in time or it could not be sent).
STARS_RETURNED_STATUSES = frozenset({JobStatus.FAILED, JobStatus.UNKNOWN, JobStatus.EXPIRED})

# Jobs that count against MAX_ACTIVE_JOBS_PER_USER: still being made or sent.
RUNNING_JOB_STATUSES = frozenset(
    {
        JobStatus.SUBMITTING,
        JobStatus.CREATING,
        JobStatus.QUEUED,
        JobStatus.GENERATING,
        JobStatus.SUCCEEDED,
    }
)


@dataclass(frozen=True, slots=True)
class SpendLimits:
    """Limits checked in the same transaction that writes a job; None means no limit."""

    user_daily: Decimal | None
    daily: Decimal | None
    max_active: int | None
    day_start: float  # the current UTC day's start, as a Unix time


@dataclass(frozen=True, slots=True)
class Lease:
    """A claim on jobs: which replica holds them, and until when unless it renews."""

    owner: str
    until: float


@dataclass(frozen=True, slots=True)
class DaySummary:
    """Jobs and spend of one UTC day."""

    day: str
    jobs: int
    failed: int
    spent: Decimal


@dataclass(frozen=True, slots=True)
class UserSummary:
    """Jobs and spend of one user over a period."""

    user_id: int
    name: str
    jobs: int
    spent: Decimal


@dataclass(frozen=True, slots=True)
class ModelSummary:
    """Jobs and spend of one ShortAPI model over a period."""

    model: str  # the ShortAPI model id
    jobs: int
    spent: Decimal


class LedgerKind(StrEnum):
    """Why a user's Stars moved; with the row's reference, unique."""

    PURCHASE = "purchase"  # + paid with Telegram Stars; reference: telegram_payment_charge_id
    VIDEO = "video"  # − taken for a video; reference: the job id
    RETURN = "return"  # + given back when that video failed; reference: the job id
    GRANT = "grant"  # + given by an admin; reference: the admin's command message
    REFUND = "refund"  # − a payment paid back by Telegram; reference: its charge id (#n)
    # + a refund written before Telegram was asked, which Telegram did not make; reference:
    # that refund row's reference
    REFUND_VOIDED = "refund_voided"


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """One movement of a user's Stars."""

    id: int
    user_id: int
    kind: LedgerKind
    stars: int  # signed: credits above zero, debits below
    reference: str
    note: str | None
    created_at: float
    # The user's number of the job a VIDEO or RETURN row refers to (its reference is the job's
    # id), when read with LedgerRepository.entries; None otherwise.
    job_number: int | None = None


@dataclass(frozen=True, slots=True)
class StarsDay:
    """The Stars that moved on one UTC day, by kind (signed sums)."""

    day: str
    purchased: int
    refunded: int
    spent: int
    returned: int
    granted: int


def job_from_row(row: Any) -> Job:
    """Map a jobs row to its record; money is stored as text and read back as Decimal."""
    amount = row["amount"]
    return Job(
        **columns_of(Job, row)
        | {
            "args": args_from_text(row["args"]),
            "inputs": args_from_text(row["inputs"]),
            "status": JobStatus(row["status"]),
            "price": Decimal(row["price"]),
            "amount": Decimal(amount) if amount is not None else None,
        }
    )


def args_from_text(text: str) -> dict[str, Any]:
    """An args document as stored (JSON text), read back."""
    args = json.loads(text)
    if not isinstance(args, dict):
        raise ValueError(f"args are not a JSON object: {text[:80]!r}")
    return args


def args_to_text(args: Mapping[str, Any]) -> str:
    """An args document as stored: JSON text, keys sorted (the same args, the same text)."""
    return json.dumps(dict(args), sort_keys=True, separators=(",", ":"))


def columns_of(record_type: type, row: Any) -> dict[str, Any]:
    """The row's values for each field of a record dataclass, by name."""
    return {name: row[name] for name in _names(record_type)}


@functools.cache
def _names(record_type: type) -> tuple[str, ...]:
    """A record's field names, worked out once: dataclasses.fields() builds them anew on each
    call, and the poller reads a job's row for every query it makes."""
    return tuple(f.name for f in fields(record_type))
