"""The first screen's words: /start greets in a few lines, /help keeps the details, and the
menu tells the two apart, in every language."""

from decimal import Decimal

import pytest

from bot import texts
from bot.core.pricing import StarPricing
from bot.veo import VideoOptions

LANGUAGES = texts.LANGUAGES


@pytest.mark.parametrize("code", LANGUAGES)
def test_start_and_help_are_told_apart_in_the_menu(code):
    t = texts.of(code)
    assert t.command_description("start") != t.command_description("help")
    # The greeting is a few lines; the details stay at /help, with the whole price table.
    greeting = t.start_text(StarPricing(), VideoOptions.video_model)
    assert len(greeting.splitlines()) <= 6 < len(t.help_text(StarPricing()).splitlines())


# About what a phone shows on one line of a message bubble (390 pt wide, Telegram's default
# text size): a longer line of the price table would wrap into the next row.
PHONE_LINE = 34


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("pricing", [StarPricing(), StarPricing(Decimal(100))], ids=str)
def test_each_line_of_the_price_table_fits_a_phone(code, pricing):
    help_text = texts.of(code).help_text(pricing)
    table = help_text.split("\n\n")[-1].splitlines()
    assert len(table) == 1 + 2 * 8  # the heading, then each rate on two lines
    for line in table:
        assert len(line.strip("\u2068\u2069")) <= PHONE_LINE, line
    # The currency is the heading's, not repeated in each cell.
    assert "$" not in "\n".join(table[1:]) and "⭐" not in "\n".join(table[1:])


def test_the_help_command_promises_prices_only_where_they_are_shown():
    t = texts.of("en")
    assert t.command_description("help") == "How it works, and prices"
    assert t.command_description("help", priced=False) == "How it works"
    assert "/help — How it works\n" in t.unknown_command(["help"], priced=False)
