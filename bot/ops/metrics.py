"""Every metric the bot exports, declared once; the code increments them where events happen.

Per process (replica): each one counts what it did itself, and Prometheus sums the replicas.
Nothing here reads the database: a scrape costs the same with ten jobs or ten million.
Label values come only from the fixed sets below, never from a user, a job or a secret, so
the number of series stays bounded and a scrape leaks nothing; the one exception, `model`, is a
job's ShortAPI model id, always one of the models the bot declares (declare_models, at start).
This module imports only the standard library and prometheus_client: bot/veo and bot/jobs may
use it.
"""

from collections.abc import Awaitable, Callable, Iterable
from decimal import Decimal
from functools import wraps
from typing import ParamSpec, Protocol, TypeVar

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
    generate_latest,
)

P = ParamSpec("P")
T = TypeVar("T")

# The *_created series (one timestamp per counter and label set) double the scrape and say
# nothing a restart's process_start_time_seconds does not.
disable_created_metrics()

OUTCOMES = ("delivered", "failed", "expired", "unknown")
SHORTAPI_CALLS = ("create", "query")
SHORTAPI_RESULTS = ("ok", "api_code", "http_4xx", "http_5xx", "timeout", "network", "bad_response")
TELEGRAM_ERRORS = (
    "retry_after",
    "network",
    "timed_out",
    "bad_request",
    "forbidden",
    "server",
    "other",
)

# The metrics of one job carry its ShortAPI model's id ("google/veo-3.1/image-to-video").
JOBS_CREATED = Counter(
    "veo_jobs_created",
    "Create calls ShortAPI accepted (each one is a paid job), by model.",
    ["model"],
)
JOBS_FINISHED = Counter(
    "veo_jobs_finished",
    "Jobs that reached a terminal state, by model and outcome.",
    ["model", "outcome"],
)
JOBS_IN_FLIGHT = Gauge(
    "veo_jobs_in_flight",
    "Job steps this process has in hand now: submits, queries and deliveries.",
)
SPEND = Counter(
    "veo_spend_usd",
    "USD ShortAPI reported as the amount of the jobs it accepted, by model.",
    ["model"],
)
JOB_DURATION = Histogram(
    "veo_job_duration_seconds",
    "From the Generate press (the job's creation) to the video in the chat, by model.",
    ["model"],
    buckets=(30, 60, 90, 120, 180, 240, 300, 450, 600, 900, 1200, 1800, 2700, 3600, 5400, 7200),
)
DELIVERY_DELAY = Histogram(
    "veo_delivery_delay_seconds",
    "From the bot seeing the API's finished job to the video sent into the chat, by model.",
    ["model"],
    buckets=(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300, 600, 1800, 3600),
)
SHORTAPI_REQUESTS = Counter(
    "veo_shortapi_requests",
    "ShortAPI requests (each query retry counts), by call and result.",
    ["call", "result"],
)
UPDATES_DELAYED_REASONS = ("database", "taken_over")
UPDATES_DELAYED = Counter(
    "veo_updates_delayed",
    "Updates not handled on arrival, by reason: database (it met an unavailable database and"
    " waits; each time), taken_over (handled from the inbox after the process that had it"
    " stopped midway).",
    ["reason"],
)
TELEGRAM_ERRORS_TOTAL = Counter(
    "veo_telegram_errors",
    "Telegram Bot API requests that failed, by kind (each attempt counts).",
    ["kind"],
)
# With payments on: how users' Stars balances move by payments (not by videos, which the jobs'
# metrics count): paid in, paid back (counted when the refund's row is written, before Telegram
# is asked), and a refund Telegram did not make, given back.
STAR_MOVES = ("purchase", "refund", "refund_voided")
STARS = Counter(
    "veo_stars",
    "Telegram Stars moved by payments: purchase, refund, refund_voided.",
    ["move"],
)
DAILY_BUDGET = Gauge(
    "veo_daily_budget_usd",
    "DAILY_BUDGET: the USD all users together may spend per UTC day (0: no cap); set at start.",
)

# Every label set exists from the start at 0: rate() and alerts see the first increment (the
# jobs' metrics, once declare_models has named the models).
for _call in SHORTAPI_CALLS:
    for _result in SHORTAPI_RESULTS:
        SHORTAPI_REQUESTS.labels(_call, _result)
for _kind in TELEGRAM_ERRORS:
    TELEGRAM_ERRORS_TOTAL.labels(_kind)
for _reason in UPDATES_DELAYED_REASONS:
    UPDATES_DELAYED.labels(_reason)
for _move in STAR_MOVES:
    STARS.labels(_move)


class FinishedJob(Protocol):
    """What job_finished reads of a job (storage's Job; not imported, to keep this module
    free of the store)."""

    @property
    def model(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def created_at(self) -> float: ...
    @property
    def finished_at(self) -> float | None: ...
    @property
    def delivered_at(self) -> float | None: ...


def declare_models(model_ids: Iterable[str]) -> None:
    """Name the models the bot declares (bot/veo's MODELS): every label set of the jobs'
    metrics exists from then on, at 0. Called once at start; again, it adds any new id."""
    for model in model_ids:
        JOBS_CREATED.labels(model=model)
        SPEND.labels(model=model)
        JOB_DURATION.labels(model=model)
        DELIVERY_DELAY.labels(model=model)
        for outcome in OUTCOMES:
            JOBS_FINISHED.labels(model=model, outcome=outcome)


def job_created(model: str, amount: Decimal | None) -> None:
    """ShortAPI accepted a create call for a job of `model` (its ShortAPI model id) and
    reported its amount (None: it did not say)."""
    JOBS_CREATED.labels(model=model).inc()
    if amount is not None:
        # The only float of money in the bot: counters are floats.
        SPEND.labels(model=model).inc(float(amount))


def job_finished(job: FinishedJob) -> None:
    """`job` has just moved to a terminal state (called once, after the conditional update)."""
    outcome = str(job.status)
    if outcome not in OUTCOMES:
        raise ValueError(f"not a terminal outcome: {outcome!r}")
    JOBS_FINISHED.labels(model=job.model, outcome=outcome).inc()
    if outcome == "delivered" and job.delivered_at is not None:
        JOB_DURATION.labels(model=job.model).observe(max(0.0, job.delivered_at - job.created_at))
        if job.finished_at is not None:
            delay = max(0.0, job.delivered_at - job.finished_at)
            DELIVERY_DELAY.labels(model=job.model).observe(delay)


def shortapi_request(call: str, result: str) -> None:
    """One ShortAPI request ended with `result` (one of SHORTAPI_RESULTS)."""
    SHORTAPI_REQUESTS.labels(call, result).inc()


def telegram_error(kind: str) -> None:
    """One Telegram Bot API request failed (kind: one of TELEGRAM_ERRORS)."""
    TELEGRAM_ERRORS_TOTAL.labels(kind).inc()


def update_delayed(reason: str, count: int = 1) -> None:
    """`count` updates were not handled on arrival (reason: one of UPDATES_DELAYED_REASONS)."""
    UPDATES_DELAYED.labels(reason).inc(count)


def stars_moved(kind: str, stars: int) -> None:
    """Stars a payment, a refund or a voided refund moved (one of STAR_MOVES)."""
    STARS.labels(kind).inc(abs(stars))


def daily_budget(amount: Decimal) -> None:
    """The settings' cap on what all users may spend a day (0: none), for alerts to compare."""
    DAILY_BUDGET.set(float(amount))


def in_flight(step: Callable[P, Awaitable[T]]) -> Callable[P, Awaitable[T]]:
    """Decorate a job step (a coroutine function): counted in veo_jobs_in_flight while it runs."""

    @wraps(step)
    async def counted(*args: P.args, **kwargs: P.kwargs) -> T:
        with JOBS_IN_FLIGHT.track_inprogress():
            return await step(*args, **kwargs)

    return counted


def exposition() -> tuple[bytes, str]:
    """This process's metrics in the Prometheus text format, and its content type."""
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST


class ListenError(RuntimeError):
    """An HTTP server of the bot (metrics, or the main one) could not listen where the settings
    say (not an OSError, so that nobody takes it for the database's)."""
