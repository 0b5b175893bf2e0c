"""The message catalogs: one Fluent file per language in bot/texts/locales, looked up by id.

Fluent (not gettext) because a translation is whole sentences with its own plural forms and
selectors: Russian's three forms of "minute" live in ru.ftl, not in code, and the code passes
named values, never an English sentence to be translated word by word.
"""

import logging
import re
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    # fluent.runtime (and Babel, with it) is imported by the first message with values: a
    # start (the command menus) reads plain messages only.
    from fluent.runtime import FluentBundle

log = logging.getLogger(__name__)

FALLBACK = "en"
# The catalogs, in the order the /language buttons show them.
LANGUAGES = ("en", "ru", "es", "pt-BR", "fa", "id", "uk", "tr")
RIGHT_TO_LEFT = frozenset({"fa"})
# Telegram's language_code is an IETF tag ("pt-br", "ru-RU", "es-419"); the catalog for its
# first part, except where the language has one catalog for a region: every Portuguese
# speaker gets Brazil's (nearer than English), "in" is the old code for Indonesian.
_ALIASES = {"pt": "pt-BR", "in": "id"}


def match(language_code: str | None) -> str:
    """The catalog for a Telegram language_code; English for one we do not have."""
    if not language_code:
        return FALLBACK
    tag = language_code.replace("_", "-").lower()
    for code in LANGUAGES:
        if tag == code.lower():
            return code
    first = tag.split("-", 1)[0]
    if first in _ALIASES:
        return _ALIASES[first]
    return first if first in LANGUAGES else FALLBACK


def babel_locale(code: str) -> str:
    """The Babel name of a catalog's locale (`pt-BR` -> `pt_BR`), for numbers and money."""
    return code.replace("-", "_")


def source(code: str) -> str:
    """The text of a catalog file."""
    return files("bot.texts").joinpath("locales", f"{code}.ftl").read_text(encoding="utf-8")


# A Fluent entry begins at the start of a line with its identifier; its other lines are
# indented, and comments begin with "#" (tests/unit/texts/test_catalogs.py parses every file
# whole).
_ENTRY_START = re.compile(r"^(?=[A-Za-z])", re.MULTILINE)
_IDENTIFIER = re.compile(r"[A-Za-z][\w-]*")


def entries(text: str) -> dict[str, str]:
    """Each message's own source, by id: parsed only when first used. Fluent's parser is pure
    Python (about 40 ms a file), and a bot process needs few of the messages of few languages."""
    found = {}
    for block in _ENTRY_START.split(text):
        name, equals, _ = block.partition("=")
        if equals and _IDENTIFIER.fullmatch(name.strip()):
            found[name.strip()] = block
    return found


def plain_text(entry: str) -> str | None:
    """The text of a one-line message with no values (most of them: labels, the menu), read
    without Fluent; None for any other."""
    first, _, rest = entry.partition("\n")
    if "{" in first or any(
        line.strip() and not line.startswith("#") for line in rest.splitlines()
    ):
        return None
    return first.partition("=")[2].strip() or None


class Catalog:
    """One language's messages, falling back to English for a message it lacks."""

    def __init__(self, code: str, fallback: "Catalog | None" = None) -> None:
        self.code = code
        self.right_to_left = code in RIGHT_TO_LEFT
        self._sources = entries(source(code))
        self._plain: dict[str, str | None] = {}
        self._bundle: FluentBundle | None = None  # made for the first message with values
        self._fallback = fallback

    def has(self, message_id: str) -> bool:
        """Whether this catalog itself has the message."""
        return message_id in self._sources

    def __call__(self, message_id: str, **values: Any) -> str:
        """The message with its values put in."""
        entry = self._sources.get(message_id)
        if entry is None:
            if self._fallback is None:
                raise KeyError(message_id)
            return self._fallback(message_id, **values)
        if message_id not in self._plain:
            self._plain[message_id] = plain_text(entry)
        text = self._plain[message_id]
        if text is not None and not values:
            return text
        return self._format(message_id, entry, values)

    def _format(self, message_id: str, entry: str, values: dict[str, Any]) -> str:
        from fluent.runtime import FluentBundle, FluentResource

        if self._bundle is None:
            # Babel's plural rules for the language load here (some 25 ms a language).
            # Isolation marks around each value (U+2068…U+2069) keep a price or "720p · 16:9"
            # reading left to right inside a right-to-left sentence; in a left-to-right
            # language they would only add invisible characters.
            self._bundle = FluentBundle([self.code], use_isolating=self.right_to_left)
        if not self._bundle.has_message(message_id):
            # Messages reference no other message or term, so each stands alone.
            self._bundle.add_resource(FluentResource(entry))
        message = self._bundle.get_message(message_id)
        text, errors = self._bundle.format_pattern(message.value, values)
        if errors:
            log.warning("catalog %s, message %s: %s", self.code, message_id, errors)
        return text


@cache
def catalog(code: str) -> Catalog:
    """The catalog of a language in LANGUAGES, loaded once."""
    if code not in LANGUAGES:
        raise KeyError(code)
    return Catalog(code, None if code == FALLBACK else catalog(FALLBACK))
