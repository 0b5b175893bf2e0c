"""The Stars ledger: append-only, each event once, a balance never taken below zero."""

import asyncio
from decimal import Decimal

import pytest

from storage import (
    Database,
    DraftStatus,
    JobStatus,
    LedgerKind,
    NotEnoughStars,
    Purchase,
)
from tests.records import open_draft

PRICE = Decimal("0.64")
STARS = 64


async def sum_of_rows(db, user_id):
    rows = await db.fetch("SELECT stars FROM ledger WHERE user_id = $1", user_id)
    return sum(int(r["stars"]) for r in rows)


async def test_a_paid_job_takes_its_stars_with_the_job_row(db):
    await db.ledger.credit(1, LedgerKind.PURCHASE, 100, "charge-1")
    draft = await open_draft(db, 1)
    job = await db.jobs.create_from_draft(draft.id, 1, PRICE, stars=STARS)
    assert job.stars == STARS
    assert await db.ledger.balance(1) == 36 == await sum_of_rows(db, 1)
    (spent, bought) = await db.ledger.entries(1)
    assert (spent.kind, spent.stars, spent.reference) == (LedgerKind.VIDEO, -64, str(job.id))
    assert (bought.kind, bought.stars, bought.reference) == (LedgerKind.PURCHASE, 100, "charge-1")


async def test_too_small_a_balance_changes_nothing(db):
    await db.ledger.credit(1, LedgerKind.GRANT, 63, "admin:1")
    draft = await open_draft(db, 1)
    with pytest.raises(NotEnoughStars) as caught:
        await db.jobs.create_from_draft(draft.id, 1, PRICE, stars=STARS)
    assert (caught.value.balance, caught.value.needed) == (63, 64)
    assert (await db.drafts.get(draft.id)).status is DraftStatus.OPEN
    assert await db.fetchval("SELECT COUNT(*) FROM jobs") == 0
    assert await db.ledger.balance(1) == 63


async def test_the_same_charge_is_credited_once(db):
    assert await db.ledger.credit(1, LedgerKind.PURCHASE, 100, "charge-1") is not None
    assert await db.ledger.credit(1, LedgerKind.PURCHASE, 100, "charge-1") is None
    assert await db.ledger.credit(1, LedgerKind.PURCHASE, 100, "charge-2") is not None
    assert await db.ledger.balance(1) == 200 == await sum_of_rows(db, 1)


@pytest.mark.parametrize("ending", [JobStatus.FAILED, JobStatus.UNKNOWN, JobStatus.EXPIRED])
async def test_a_job_without_a_video_gives_its_stars_back_once(db, ending):
    await db.ledger.credit(1, LedgerKind.PURCHASE, 64, "charge-1")
    draft = await open_draft(db, 1)
    job = await db.jobs.create_from_draft(draft.id, 1, PRICE, stars=STARS)
    assert await db.ledger.balance(1) == 0
    moved = await db.jobs.transition(job.id, JobStatus.SUBMITTING, ending, error="x: y")
    assert moved.status is ending
    # Two replicas ending it, or the same ending applied again: no second row.
    assert await db.jobs.transition(job.id, JobStatus.SUBMITTING, ending) is None
    assert await db.jobs.transition(job.id, ending, ending) is not None
    assert await db.ledger.balance(1) == 64 == await sum_of_rows(db, 1)
    back = await db.ledger.entry(LedgerKind.RETURN, str(job.id))
    assert back.stars == 64


async def test_a_delivered_job_keeps_its_stars(db):
    await db.ledger.credit(1, LedgerKind.PURCHASE, 64, "charge-1")
    draft = await open_draft(db, 1)
    job = await db.jobs.create_from_draft(draft.id, 1, PRICE, stars=STARS)
    await db.jobs.transition(job.id, JobStatus.SUBMITTING, JobStatus.SUCCEEDED)
    await db.jobs.transition(job.id, JobStatus.SUCCEEDED, JobStatus.DELIVERED)
    assert await db.ledger.balance(1) == 0


async def test_a_job_paid_in_usd_returns_nothing(db):
    draft = await open_draft(db, 1)
    job = await db.jobs.create_from_draft(draft.id, 1, PRICE)
    await db.jobs.transition(job.id, JobStatus.SUBMITTING, JobStatus.FAILED)
    assert await db.fetchval("SELECT COUNT(*) FROM ledger") == 0


async def test_a_payment_for_a_draft_credits_and_makes_its_job_in_one_go(db):
    await db.ledger.credit(1, LedgerKind.GRANT, 30, "admin:1")
    draft = await open_draft(db, 1)
    paid = Purchase(1, 34, "charge-1")
    outcome = await db.jobs.create_paid(paid, draft.id, PRICE, None, None, stars=STARS)
    assert outcome.credited and outcome.job is not None and outcome.refused is None
    assert await db.ledger.balance(1) == 0
    again = await db.jobs.create_paid(paid, draft.id, PRICE, None, None, stars=STARS)
    assert (again.credited, again.job) == (False, None), "the same payment again does nothing"
    assert await db.ledger.balance(1) == 0 == await sum_of_rows(db, 1)
    assert await db.fetchval("SELECT COUNT(*) FROM jobs") == 1


async def test_a_payment_counted_by_reconciliation_first_still_starts_its_video(db):
    draft = await open_draft(db, 1)
    await db.ledger.credit(1, LedgerKind.PURCHASE, 64, "charge-1", "reconciled")
    outcome = await db.jobs.create_paid(
        Purchase(1, 64, "charge-1"), draft.id, PRICE, None, None, stars=STARS
    )
    assert not outcome.credited and outcome.job is not None
    assert await db.ledger.balance(1) == 0


async def test_a_payment_for_a_closed_draft_stays_on_the_balance(db):
    draft = await open_draft(db, 1)
    await db.drafts.cancel(draft.id)
    outcome = await db.jobs.create_paid(
        Purchase(1, 64, "charge-1"), draft.id, PRICE, None, None, stars=STARS
    )
    assert (outcome.credited, outcome.job, outcome.refused) == (True, None, None)
    assert await db.ledger.balance(1) == 64


async def test_a_payment_short_of_the_price_is_kept_and_says_so(db):
    draft = await open_draft(db, 1)
    outcome = await db.jobs.create_paid(
        Purchase(1, 10, "charge-1"), draft.id, PRICE, None, None, stars=STARS
    )
    assert outcome.credited and outcome.job is None
    assert isinstance(outcome.refused, NotEnoughStars)
    assert (await db.drafts.get(draft.id)).status is DraftStatus.OPEN
    assert await db.ledger.balance(1) == 10


# -- concurrency, on one SQLite file or three PostgreSQL pools ----------------------------


async def press(pools, n: int, draft):
    """User 1 presses Generate on `draft` through the nth process; the job, or None when her
    balance did not cover it."""
    try:
        return await pools[n % len(pools)].jobs.create_from_draft(draft.id, 1, PRICE, stars=STARS)
    except NotEnoughStars:
        return None


@pytest.fixture
async def pools(store):
    """Three Databases on one store, as three bot processes would have (one on SQLite)."""
    count = 3 if isinstance(store, str) else 1
    opened = [await Database.open(store, pool_size=8) for _ in range(count)]
    yield opened
    for database in opened:
        await database.close()


async def test_presses_with_a_balance_for_two_make_exactly_two_jobs(pools):
    first = pools[0]
    await first.ledger.credit(1, LedgerKind.PURCHASE, 2 * STARS + 10, "charge-1")
    drafts = [await open_draft(first, 1) for _ in range(12)]

    results = await asyncio.gather(*(press(pools, n, d) for n, d in enumerate(drafts)))
    assert len([j for j in results if j is not None]) == 2
    assert await first.ledger.balance(1) == 10 == await sum_of_rows(first, 1)


async def test_a_refund_and_presses_together_never_overspend(pools):
    first = pools[0]
    await first.ledger.credit(1, LedgerKind.PURCHASE, 100, "charge-1")
    drafts = [await open_draft(first, 1) for _ in range(6)]

    async def refund():
        try:
            return await pools[-1].ledger.refund(1, "charge-1", 100, "by 9", check=True)
        except NotEnoughStars:
            return None

    *jobs, held = await asyncio.gather(
        *(press(pools, n, d) for n, d in enumerate(drafts)), refund()
    )
    made = [j for j in jobs if j is not None]
    # Either the refund holds all 100 and no press passes, or one press does and it is refused.
    assert (len(made), held is None) in ((0, False), (1, True))
    assert await first.ledger.balance(1) == await sum_of_rows(first, 1) >= 0


async def test_a_refund_is_counted_once_per_charge_and_tried_again_only_once_voided(db):
    await db.ledger.credit(1, LedgerKind.PURCHASE, 100, "charge-1")
    with pytest.raises(NotEnoughStars):
        await db.ledger.refund(1, "charge-1", 200, "by 9", check=True)
    held = await db.ledger.refund(1, "charge-1", 100, "by 9", check=True)
    assert (held.kind, held.stars, held.reference) == (LedgerKind.REFUND, -100, "charge-1")
    assert await db.ledger.refund(1, "charge-1", 100, "by Telegram") is None
    assert [e.reference for e in await db.ledger.open_refunds(held.created_at + 1)] == ["charge-1"]
    assert await db.ledger.open_refunds(held.created_at) == [], "not written before it"
    voided = await db.ledger.void_refund(held, "refused")
    assert (voided.kind, voided.stars, voided.reference) == (
        LedgerKind.REFUND_VOIDED,
        100,
        "charge-1",
    )
    assert await db.ledger.void_refund(held, "refused") is None
    assert await db.ledger.open_refunds(held.created_at + 1) == []
    again = await db.ledger.refund(1, "charge-1", 100, "by Telegram")
    assert again.reference == "charge-1#2"
    assert await db.ledger.refund(1, "charge-1", 100, "by 9", check=True) is None
    # Another charge whose id begins the same is another charge.
    await db.ledger.credit(1, LedgerKind.PURCHASE, 50, "charge-10")
    assert (await db.ledger.refund(1, "charge-10", 50, "by 9")).reference == "charge-10"
    assert await db.ledger.balance(1) == 0 == await sum_of_rows(db, 1)
    [day] = await db.ledger.days(0)
    assert (day.purchased, day.refunded) == (150, 150)
