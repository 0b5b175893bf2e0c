"""Money as a user sees it: with prices hidden (payments off, SHOW_PRICES off) no button,
/help or /jobs says what a video cost, and a limit is what is left, not what was spent."""

from decimal import Decimal

import pytest

from bot import texts
from bot.core.pricing import StarPricing
from tests.unit.texts.test_words import WIDEST, job


@pytest.mark.parametrize("code", ["en", "ru"])
def test_hidden_prices_leave_no_price_in_a_button_help_or_jobs(code):
    t = texts.of(code)
    hidden = StarPricing(show_usd=False)
    label = t.generate_label(hidden.cost(Decimal("0.64")))
    assert label in ("🎬 Generate", "🎬 Создать")
    assert "$" not in t.help_text(hidden) and "0.64" not in t.help_text(hidden)
    listing = t.jobs_list([(job(), WIDEST)], Decimal("0.64"), Decimal("1.00"), priced=False)
    assert t.usd(job().price) not in listing and "Spent" not in listing
    assert t.usd(Decimal("0.36")) in listing  # what is left today, never what was spent
