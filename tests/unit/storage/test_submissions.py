"""Spend limits: checked in the transaction that writes the job, so they hold under concurrency."""

import asyncio
import time
from decimal import Decimal

import pytest

from bot.core.options import document
from bot.veo import MODELS, price_of
from storage import Database, DraftStatus, JobStatus, LimitReached, SpendLimits
from storage.migrations import MIGRATIONS
from tests.records import open_draft

PRICE = Decimal("0.64")


def limits(user_daily=None, daily=None, max_active=None, day_start=None):
    return SpendLimits(
        user_daily=None if user_daily is None else Decimal(user_daily),
        daily=None if daily is None else Decimal(daily),
        max_active=max_active,
        day_start=time.time() - 3600 if day_start is None else day_start,
    )


async def test_user_budget_refuses_and_says_what_is_left(db):
    budget = limits(user_daily="1.50")
    for _ in range(2):
        draft = await open_draft(db, 1)
        assert await db.jobs.create_from_draft(draft.id, 1, PRICE, budget) is not None
    third = await open_draft(db, 1)
    with pytest.raises(LimitReached) as caught:
        await db.jobs.create_from_draft(third.id, 1, PRICE, budget)
    assert (caught.value.kind, caught.value.limit, caught.value.left) == (
        "user_daily",
        Decimal("1.50"),
        Decimal("0.22"),
    )
    assert (await db.drafts.get(third.id)).status is DraftStatus.OPEN, "a refusal changes nothing"
    other = await open_draft(db, 2)
    assert await db.jobs.create_from_draft(other.id, 2, PRICE, budget) is not None


async def test_jobs_that_never_reached_the_api_cost_nothing(db):
    budget = limits(user_daily="0.64")
    draft = await open_draft(db, 1)
    job = await db.jobs.create_from_draft(draft.id, 1, PRICE, budget)
    await db.jobs.transition(job.id, JobStatus.SUBMITTING, JobStatus.FAILED, error="refused: x")
    again = await open_draft(db, 1)
    assert await db.jobs.create_from_draft(again.id, 1, PRICE, budget) is not None


async def test_the_amount_the_api_reported_is_what_counts(db):
    draft = await open_draft(db, 1)
    job = await db.jobs.create_from_draft(draft.id, 1, PRICE, limits())
    await db.jobs.transition(
        job.id, JobStatus.SUBMITTING, JobStatus.QUEUED, provider_job_id="p", amount=Decimal("0.5")
    )
    assert await db.jobs.spent_since(0, 1) == Decimal("0.5")
    assert await db.jobs.spent_since(time.time() + 60, 1) == Decimal(0), "a new UTC day"


async def test_active_jobs_limit(db):
    budget = limits(max_active=2)
    jobs = []
    for _ in range(2):
        draft = await open_draft(db, 1)
        jobs.append(await db.jobs.create_from_draft(draft.id, 1, PRICE, budget))
    with pytest.raises(LimitReached) as caught:
        await db.jobs.create_from_draft((await open_draft(db, 1)).id, 1, PRICE, budget)
    assert caught.value.kind == "active"
    await db.jobs.transition(jobs[0].id, JobStatus.SUBMITTING, JobStatus.UNKNOWN)
    assert await db.jobs.create_from_draft((await open_draft(db, 1)).id, 1, PRICE, budget)


async def test_concurrent_presses_from_many_users_never_exceed_the_daily_budget(db):
    budget = limits(user_daily="1.28", daily="5.00")
    drafts = [await open_draft(db, user) for user in range(1, 9) for _ in range(3)]

    async def press(draft):
        try:
            return await db.jobs.create_from_draft(draft.id, draft.user_id, PRICE, budget)
        except LimitReached:
            return None

    created = [j for j in await asyncio.gather(*(press(d) for d in drafts)) if j is not None]
    assert len(created) == 7  # 7 × 0.64 = 4.48; an eighth would make 5.12
    assert await db.jobs.spent_since(0) == Decimal("4.48")
    per_user = {}
    for job in created:
        per_user[job.user_id] = per_user.get(job.user_id, 0) + 1
    assert max(per_user.values()) <= 2


async def test_summaries_for_stats(db):
    for user in (1, 1, 2):
        draft = await open_draft(db, user)
        job = await db.jobs.create_from_draft(draft.id, user, PRICE, limits())
        await db.jobs.transition(
            job.id, JobStatus.SUBMITTING, JobStatus.QUEUED, provider_job_id=f"p{job.id}"
        )
    (today,) = await db.jobs.daily_summary(0)
    assert (today.jobs, today.failed, today.spent) == (3, 0, Decimal("1.92"))
    users = await db.jobs.user_summary(0)
    assert [(u.user_id, u.jobs, u.spent) for u in users] == [
        (1, 2, Decimal("1.28")),
        (2, 1, Decimal("0.64")),
    ]
    assert await db.jobs.count_running() == 3


async def test_stats_per_model_count_each_models_jobs_and_what_they_cost(db):
    # Each declared model makes one job more than the one before it, at its default price;
    # the seed model also has a job refused before ShortAPI saw it: counted, not spent.
    declared = list(MODELS.values())
    await db.users.touch(1, "user1", None)
    for n, model in enumerate(declared, start=1):
        options = model.defaults()
        for _ in range(n):
            draft = await db.drafts.create(
                user_id=1,
                chat_id=1,
                source_message_id=5,
                file_id="f1",
                mime_type="image/jpeg",
                prompt="a cat",
                options=document(options),
            )
            await db.drafts.set_message(draft.id, 6)
            job = await db.jobs.create_from_draft(draft.id, 1, price_of(options), limits())
            await db.jobs.transition(
                job.id, JobStatus.SUBMITTING, JobStatus.QUEUED, provider_job_id=f"p{job.id}"
            )
    refused = await open_draft(db, 1)
    job = await db.jobs.create_from_draft(refused.id, 1, PRICE, limits())
    await db.jobs.transition(job.id, JobStatus.SUBMITTING, JobStatus.FAILED, error="refused: x")

    summary = await db.jobs.model_summary(0)
    expected = [
        (model.id, n + (model.id == job.model), n * price_of(model.defaults()))
        for n, model in enumerate(declared, start=1)
    ]
    assert [(m.model, m.jobs, m.spent) for m in summary] == sorted(
        expected, key=lambda e: (e[1], e[2]), reverse=True
    )
    assert await db.jobs.model_summary(time.time() + 60) == [], "none since then"


# -- several replicas on one PostgreSQL database ---------------------------------------------


@pytest.fixture
async def replicas(pg_url):
    """Three Databases on one PostgreSQL database, as three bot processes would have."""
    opened = await asyncio.gather(*(Database.open(pg_url, pool_size=8) for _ in range(3)))
    yield opened
    for database in opened:
        await database.close()


async def test_three_replicas_opening_at_once_migrate_once(replicas):
    versions = {await r.schema_version() for r in replicas}
    assert versions == {len(MIGRATIONS)}
    assert await replicas[0].fetchval("SELECT COUNT(*) FROM schema_version") == 1


@pytest.mark.parametrize(
    ("budget", "expected"),
    [
        # One user, 20 presses of 20 drafts: 2 fit the user's 1.28 (and 2 the active cap).
        (dict(user_daily="1.28"), 2),
        (dict(max_active=3), 3),
        # Everyone's budget: 7 × 0.64 = 4.48; an eighth would make 5.12.
        (dict(daily="5.00"), 7),
    ],
)
async def test_twenty_presses_on_three_replicas_cannot_overshoot(replicas, budget, expected):
    one_user = "daily" not in budget
    drafts = [await open_draft(replicas[0], 1 if one_user else n % 8 + 1) for n in range(20)]
    rule = limits(**budget)

    async def press(n, draft):
        try:
            db = replicas[n % 3]
            return await db.jobs.create_from_draft(draft.id, draft.user_id, PRICE, rule)
        except LimitReached:
            return None

    results = await asyncio.gather(*(press(n, d) for n, d in enumerate(drafts)))
    assert len([j for j in results if j is not None]) == expected
    assert await replicas[1].fetchval("SELECT COUNT(*) FROM jobs") == expected


async def test_two_replicas_pressing_one_draft_make_one_job(replicas):
    draft = await open_draft(replicas[0], 1)
    results = await asyncio.gather(
        *(r.jobs.create_from_draft(draft.id, 1, PRICE, limits()) for r in replicas * 4)
    )
    assert len([j for j in results if j is not None]) == 1
