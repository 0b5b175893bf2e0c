"""The jobs' metrics carry the job's ShortAPI model: each job counts under its own model, every
declared model's series is exported from the start, and no other value is ever a model label."""

from dataclasses import dataclass
from decimal import Decimal

import pytest
from prometheus_client import REGISTRY

from bot.ops import metrics
from bot.veo import MODELS

# The metrics about one job, by family name (a sample's name adds _total, _count, _bucket...).
JOB_FAMILIES = {
    "veo_jobs_created",
    "veo_jobs_finished",
    "veo_spend_usd",
    "veo_job_duration_seconds",
    "veo_delivery_delay_seconds",
}


@dataclass(frozen=True)
class Ended:
    """A job that has just reached a terminal state, as job_finished reads it."""

    model: str
    status: str
    created_at: float = 1000.0
    finished_at: float | None = 1100.0
    delivered_at: float | None = 1102.5


def sample(name: str, **labels: str) -> float:
    """One exported sample's value; one that is not exported fails the test (it is not 0)."""
    value = REGISTRY.get_sample_value(name, labels)
    assert value is not None, f"{name}{labels} is not exported"
    return value


def job_samples() -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of the jobs' metrics, by name and labels."""
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in REGISTRY.collect()
        if family.name in JOB_FAMILIES
        for s in family.samples
    }


def test_every_declared_model_is_exported_from_the_start_and_no_other():
    metrics.declare_models(MODELS)
    for model in MODELS:
        sample("veo_jobs_created_total", model=model)
        sample("veo_spend_usd_total", model=model)
        sample("veo_job_duration_seconds_count", model=model)
        sample("veo_delivery_delay_seconds_count", model=model)
        for outcome in metrics.OUTCOMES:
            sample("veo_jobs_finished_total", model=model, outcome=outcome)
    labelled = {dict(labels)["model"] for _, labels in job_samples()}
    assert labelled == set(MODELS)


def test_each_job_counts_under_its_own_model():
    metrics.declare_models(MODELS)
    first, second = sorted(MODELS)[:2]
    before = job_samples()

    metrics.job_created(first, Decimal("0.64"))
    metrics.job_created(first, None)  # ShortAPI did not say the amount: counted, not spent
    metrics.job_created(second, Decimal("1.28"))
    metrics.job_finished(Ended(first, "delivered"))
    metrics.job_finished(Ended(second, "failed", delivered_at=None))

    after = job_samples()
    moved = {}
    for (name, labels), value in after.items():
        change = value - before.get((name, labels), 0.0)
        if change and not name.endswith("_bucket"):
            tags = dict(labels)
            moved[(name, tags["model"], tags.get("outcome", ""))] = change
    assert moved == {
        ("veo_jobs_created_total", first, ""): 2,
        ("veo_jobs_created_total", second, ""): 1,
        ("veo_spend_usd_total", first, ""): pytest.approx(0.64),
        ("veo_spend_usd_total", second, ""): pytest.approx(1.28),
        ("veo_jobs_finished_total", first, "delivered"): 1,
        ("veo_jobs_finished_total", second, "failed"): 1,
        ("veo_job_duration_seconds_count", first, ""): 1,
        ("veo_job_duration_seconds_sum", first, ""): pytest.approx(102.5),
        ("veo_delivery_delay_seconds_count", first, ""): 1,
        ("veo_delivery_delay_seconds_sum", first, ""): pytest.approx(2.5),
    }
