"""Every user-facing string, behind one door: `texts.of(language)`, then its methods.

The sentences are in the catalogs, bot/texts/locales/<language>.ftl (bot/texts/catalog.py
reads them). words.py formats the words the others share (prices, options, the card, user
errors); jobs.py those of a request's life (status, failures, caption, /jobs); payments.py
those of Telegram Stars; admin.py what the operators see; menu.py the command menu and
/language; welcome.py the /start greeting and the default answers. limits.py keeps texts
within Telegram's limits.
"""

from functools import cache

from bot.texts.admin import AdminWords
from bot.texts.catalog import FALLBACK, LANGUAGES, RIGHT_TO_LEFT, match
from bot.texts.jobs import JobWords
from bot.texts.limits import (
    ANSWER_LIMIT,
    CAPTION_LIMIT,
    COMMAND_DESCRIPTION_LIMIT,
    DESCRIPTION_LIMIT,
    INVOICE_DESCRIPTION_LIMIT,
    INVOICE_TITLE_LIMIT,
    MESSAGE_LIMIT,
    PLACEHOLDER_LIMIT,
    SHORT_DESCRIPTION_LIMIT,
    fit,
    shorten,
    utf16_len,
)
from bot.texts.payments import StarsWords
from bot.texts.welcome import WelcomeWords
from bot.texts.words import CHOSEN

__all__ = [
    "ANSWER_LIMIT",
    "CAPTION_LIMIT",
    "CHOSEN",
    "COMMAND_DESCRIPTION_LIMIT",
    "DESCRIPTION_LIMIT",
    "FALLBACK",
    "INVOICE_DESCRIPTION_LIMIT",
    "INVOICE_TITLE_LIMIT",
    "LANGUAGES",
    "MESSAGE_LIMIT",
    "PLACEHOLDER_LIMIT",
    "RIGHT_TO_LEFT",
    "SHORT_DESCRIPTION_LIMIT",
    "Texts",
    "fit",
    "match",
    "of",
    "shorten",
    "utf16_len",
]


class Texts(AdminWords, StarsWords, WelcomeWords, JobWords):
    """All the words, in one language."""


@cache
def of(code: str) -> Texts:
    """The texts of a language in LANGUAGES (English for any other code)."""
    return Texts(code if code in LANGUAGES else FALLBACK)
