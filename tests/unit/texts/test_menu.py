"""The first screen's words: /start greets in a few lines, /help keeps the details, and the
menu tells the two apart, in every language."""

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
