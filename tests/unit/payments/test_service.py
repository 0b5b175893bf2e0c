"""The payment service below Telegram: prices in Stars, checkout, refunds, reconciliation."""

from decimal import Decimal

import pytest

from bot.core.drafts import DraftService
from bot.core.errors import (
    AlreadyRefundedHere,
    BalanceTooLow,
    CheckoutRefused,
    NotAdmin,
    RefundFailed,
    UnknownCharge,
)
from bot.core.pricing import StarPricing
from bot.payments.invoices import PackPayload, VideoPayload, decode_payload, encode_payload
from bot.payments.service import PaymentService, StarTransaction
from bot.veo import VideoOptions
from storage import DraftStatus, LedgerKind
from tests.fakes.memory import FakeStars, Stopped
from tests.records import open_draft

pytestmark = pytest.mark.sqlite_only

ADMIN = 99


@pytest.fixture
def stars_api():
    return FakeStars()


@pytest.fixture
def payments(db, stars_api):
    drafts = DraftService(db, pricing=StarPricing(Decimal(100)))
    return PaymentService(db, drafts, (100, 500), frozenset({ADMIN}), stars_api)


@pytest.mark.parametrize(
    ("rate", "usd", "stars"),
    [("100", "0.64", 64), ("100", "0.641", 65), ("1.5", "0.64", 1), ("33.3", "3.20", 107)],
)
def test_a_price_in_stars_is_rounded_up(rate, usd, stars):
    assert StarPricing(Decimal(rate)).stars(Decimal(usd)) == stars


def test_payments_off_shows_usd():
    cost = StarPricing().of(VideoOptions())
    assert (cost.usd, cost.stars) == (Decimal("0.64"), None)


@pytest.mark.parametrize(
    "payload", [PackPayload(100), VideoPayload(7, 64, 34), VideoPayload(10**17, 10_000, 1)]
)
def test_payloads_round_trip_within_telegrams_128_bytes(payload):
    data = encode_payload(payload)
    assert 1 <= len(data.encode()) <= 128
    assert decode_payload(data) == payload


@pytest.mark.parametrize("data", ["", "p:", "p:1:2", "v:1:2", "x:5", "p:-5", "p:１", "v:a:b:c"])
def test_foreign_payloads_are_not_ours(data):
    assert decode_payload(data) is None


async def test_checkout_accepts_only_what_is_still_for_sale(db, payments):
    await payments.check_checkout(1, "p:100", "XTR", 100)
    for payload, currency, total in [
        ("p:200", "XTR", 200),
        ("p:100", "USD", 100),
        ("p:100", "XTR", 50),
        ("junk", "XTR", 1),
    ]:
        with pytest.raises(CheckoutRefused) as caught:
            await payments.check_checkout(1, payload, currency, total)
        assert caught.value.reason == "unknown"
    draft = await open_draft(db, 1)  # Fast 8s 720p no audio: $0.64 → 64 Stars
    await payments.check_checkout(1, f"v:{draft.id}:64:30", "XTR", 30)
    with pytest.raises(CheckoutRefused) as caught:
        await payments.check_checkout(2, f"v:{draft.id}:64:30", "XTR", 30)
    assert caught.value.reason == "unknown", "another user's request"
    with pytest.raises(CheckoutRefused) as caught:
        await payments.check_checkout(1, f"v:{draft.id}:80:30", "XTR", 30)
    assert caught.value.reason == "changed"
    await db.drafts.cancel(draft.id)
    with pytest.raises(CheckoutRefused) as caught:
        await payments.check_checkout(1, f"v:{draft.id}:64:30", "XTR", 30)
    assert caught.value.reason == "closed"


async def test_a_payment_for_a_request_makes_its_job_once(db, payments):
    draft = await open_draft(db, 1)
    first = await payments.paid(1, "charge-1", f"v:{draft.id}:64:64", 64)
    assert first.credited and first.video.job is not None and first.balance == 0
    assert first.video.job.stars == 64
    again = await payments.paid(1, "charge-1", f"v:{draft.id}:64:64", 64)
    assert not again.credited and again.video.job is None
    assert (await db.drafts.get(draft.id)).status is DraftStatus.SUBMITTED
    assert await db.fetchval("SELECT COUNT(*) FROM jobs") == 1


async def test_refund_takes_the_stars_back_once(db, payments, stars_api):
    await payments.paid(1, "charge-1", "p:100", 100)
    with pytest.raises(NotAdmin):
        await payments.refund(1, "charge-1")
    with pytest.raises(UnknownCharge):
        await payments.refund(ADMIN, "charge-x")
    done = await payments.refund(ADMIN, "charge-1")
    assert (done.user_id, done.stars, done.balance, done.counted_now) == (1, 100, 0, True)
    with pytest.raises(AlreadyRefundedHere):
        await payments.refund(ADMIN, "charge-1")
    assert stars_api.refunded == ["charge-1"]


async def test_refund_of_spent_stars_needs_force(db, payments, stars_api):
    await payments.paid(1, "charge-1", "p:100", 100)
    draft = await open_draft(db, 1)
    await payments._drafts.generate(draft.id, 1)  # 64 Stars spent
    with pytest.raises(BalanceTooLow) as caught:
        await payments.refund(ADMIN, "charge-1")
    assert (caught.value.stars, caught.value.balance) == (100, 36)
    assert stars_api.refunded == []
    done = await payments.refund(ADMIN, "charge-1", force=True)
    assert done.balance == -64


async def test_a_refund_telegram_made_before_counts_as_done(db, payments, stars_api):
    await payments.paid(1, "charge-1", "p:100", 100)
    stars_api.refunded.append("charge-1")  # refunded, but the bot died before its row
    assert (await payments.refund(ADMIN, "charge-1")).balance == 0
    stars_api.refuse = "CHARGE_NOT_FOUND"
    await payments.paid(1, "charge-2", "p:100", 100)
    with pytest.raises(RefundFailed):
        await payments.refund(ADMIN, "charge-2")
    assert await db.ledger.balance(1) == 100


async def test_reconciliation_counts_what_the_ledger_lacks_once(db, payments, stars_api):
    await payments.paid(1, "seen", "p:100", 100)
    stars_api.log += [
        StarTransaction("seen", 100, 1, incoming=True),
        StarTransaction("lost", 500, 2, incoming=True),  # its update never came
        StarTransaction("gone", 100, 3, incoming=True),
        StarTransaction("gone", 100, 3, incoming=False),  # paid and refunded: nothing
        StarTransaction("withdrawal", 1000, None, incoming=False),
    ]
    added = await payments.reconcile()
    assert [(e.user_id, e.kind, e.stars, e.reference) for e in added] == [
        (2, LedgerKind.PURCHASE, 500, "lost")
    ]
    assert await payments.reconcile() == []
    assert await db.ledger.balances() == {1: 100, 2: 500}


async def test_reconciliation_debits_a_refund_whose_row_was_never_written(db, payments, stars_api):
    await payments.paid(1, "charge-1", "p:100", 100)
    stars_api.log += [
        StarTransaction("charge-1", 100, 1, incoming=True),
        StarTransaction("charge-1", 100, 1, incoming=False),
    ]
    added = await payments.reconcile()
    assert [(e.kind, e.stars) for e in added] == [(LedgerKind.REFUND, -100)]
    assert await db.ledger.balance(1) == 0


async def test_grant_is_for_admins_and_counted_once_per_command(db, payments):
    with pytest.raises(NotAdmin):
        await payments.grant(1, 1, 50, "1:10")
    assert await payments.grant(ADMIN, 5, 50, "99:10") == 50
    assert await payments.grant(ADMIN, 5, 50, "99:10") == 50, "the same command again"
    assert await payments.grant(ADMIN, 5, 50, "99:11") == 100


def rows(entries):
    return [(e.kind, e.stars, e.reference) for e in entries]


async def test_a_refund_holds_its_stars_before_telegram_is_asked(db, payments, stars_api):
    await payments.paid(1, "charge-1", "p:100", 100)
    seen = []

    async def refund(user_id, charge_id):
        # While Telegram is asked, the Stars are off the balance: nothing can spend them.
        seen.append(await db.ledger.balance(user_id))

    stars_api.refund = refund
    await payments.refund(ADMIN, "charge-1")
    assert seen == [0]


async def test_a_refused_refund_gives_its_stars_back_and_can_be_tried_again(
    db, payments, stars_api
):
    await payments.paid(1, "charge-1", "p:100", 100)
    stars_api.refuse = "BALANCE_TOO_LOW"
    for _ in range(2):
        with pytest.raises(RefundFailed):
            await payments.refund(ADMIN, "charge-1")
        assert await db.ledger.balance(1) == 100
    stars_api.refuse = None
    done = await payments.refund(ADMIN, "charge-1")
    assert (done.balance, done.counted_now) == (0, True)
    with pytest.raises(AlreadyRefundedHere):
        await payments.refund(ADMIN, "charge-1")
    assert rows(reversed(await db.ledger.entries(1))) == [
        (LedgerKind.PURCHASE, 100, "charge-1"),
        (LedgerKind.REFUND, -100, "charge-1"),
        (LedgerKind.REFUND_VOIDED, 100, "charge-1"),
        (LedgerKind.REFUND, -100, "charge-1#2"),
        (LedgerKind.REFUND_VOIDED, 100, "charge-1#2"),
        (LedgerKind.REFUND, -100, "charge-1#3"),
    ]
    # Neither the message Telegram sends nor reconciliation counts it again.
    assert not (await payments.refunded(1, "charge-1", 100)).counted_now
    stars_api.log.insert(0, StarTransaction("charge-1", 100, 1, incoming=True))
    assert await payments.reconcile() == []
    assert await db.ledger.balance(1) == 0


async def test_a_refund_cut_off_before_telegram_answered_is_settled_by_reconciliation(
    db, stars_api
):
    drafts = DraftService(db, pricing=StarPricing(Decimal(100)))
    payments = PaymentService(
        db, drafts, (100, 500), frozenset({ADMIN}), stars_api, refund_settled_after=0
    )
    for charge, stars in (("made", 100), ("lost", 500)):
        await payments.paid(1, charge, f"p:{stars}", stars)
        stars_api.log.append(StarTransaction(charge, stars, 1, incoming=True))
    stars_api.cut = "after"  # Telegram refunded; the bot stopped before its answer
    with pytest.raises(Stopped):
        await payments.refund(ADMIN, "made")
    stars_api.cut = "before"  # the bot stopped before Telegram had it
    with pytest.raises(Stopped):
        await payments.refund(ADMIN, "lost")
    assert await db.ledger.balance(1) == 0

    # A refund still within its time is left alone: it may be in flight on another replica.
    patient = PaymentService(db, drafts, (100, 500), frozenset({ADMIN}), stars_api)
    assert await patient.reconcile() == []
    added = await payments.reconcile()
    assert rows(added) == [(LedgerKind.REFUND_VOIDED, 500, "lost")]
    assert await payments.reconcile() == []
    assert await db.ledger.balance(1) == 500
    stars_api.cut = None
    assert (await payments.refund(ADMIN, "lost")).balance == 0
    with pytest.raises(AlreadyRefundedHere):
        await payments.refund(ADMIN, "made")


async def test_a_refund_telegram_reports_is_counted_once_whoever_made_it(db, payments):
    await payments.paid(1, "charge-1", "p:100", 100)
    first = await payments.refunded(1, "charge-1", 100)
    assert (first.user_id, first.stars, first.balance, first.counted_now) == (1, 100, 0, True)
    assert not (await payments.refunded(1, "charge-1", 100)).counted_now
    with pytest.raises(AlreadyRefundedHere):
        await payments.refund(ADMIN, "charge-1")
    # A payment whose own update never came: counted with its refund, so a late one adds
    # nothing.
    lost = await payments.refunded(2, "charge-2", 500)
    assert (lost.balance, lost.counted_now) == (0, True)
    assert not (await payments.paid(2, "charge-2", "p:500", 500)).credited
    assert await db.ledger.balances() == {1: 0, 2: 0}
