"""The one road from Generate to a job in hand (bot/jobs/generate.py): a press and the payment
of a video's invoice each make one job, leased to this runner from its first moment (so no
other replica takes it for one left behind and makes a second paid call), and one create call."""

import time
from decimal import Decimal

import pytest

from bot.core.drafts import DraftService
from bot.core.errors import StarsShort
from bot.core.pricing import StarPricing
from bot.jobs.generate import Generate
from bot.payments.service import PaymentService
from storage import JobStatus
from tests.fakes.memory import FakeStars
from tests.images import jpeg
from tests.records import open_draft
from tests.unit.jobs.harness import make_runner

pytestmark = pytest.mark.sqlite_only


def generate(db, http, shortapi, chat, stars_per_usd: int = 0):
    """Generate as bot/app.py wires it; and its runner."""
    runner = make_runner(db, http, shortapi, chat, files={"f1": jpeg()})
    drafts = DraftService(db, pricing=StarPricing(Decimal(stars_per_usd)))
    payments = PaymentService(db, drafts, (100,), frozenset(), FakeStars())
    return Generate(drafts, payments, runner), runner


def assert_in_hand(job, runner) -> None:
    """Leased to this runner for a while yet: no other replica may take it."""
    assert job.lease_owner == runner.owner and job.lease_until > time.time() + 10


async def test_a_press_makes_one_job_in_hand_and_one_create_call(db, http, shortapi, chat):
    road, runner = generate(db, http, shortapi, chat)
    draft = await open_draft(db)
    started = await road.press(draft.id, draft.user_id)
    assert started.job.status is JobStatus.SUBMITTING
    assert_in_hand(started.job, runner)
    submitted = await started.submission
    assert submitted.provider_job_id is not None and len(shortapi.creates) == 1


async def test_paying_a_videos_invoice_makes_its_job_in_hand_once(db, http, shortapi, chat):
    road, runner = generate(db, http, shortapi, chat, stars_per_usd=100)
    draft = await open_draft(db)
    with pytest.raises(StarsShort) as short:
        await road.press(draft.id, draft.user_id)
    payload = f"v:{draft.id}:{short.value.price}:{short.value.missing}"
    payment, started = await road.payment(draft.user_id, "charge-1", payload, 64)
    assert payment.credited and started is not None
    assert_in_hand(started.job, runner)
    await started.submission
    # The same payment's update again: counted before, no second job, no second call.
    again, none = await road.payment(draft.user_id, "charge-1", payload, 64)
    assert not again.credited and none is None
    assert len(shortapi.creates) == 1 and await db.ledger.balance(draft.user_id) == 0
