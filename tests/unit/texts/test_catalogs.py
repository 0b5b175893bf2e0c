"""Every catalog is complete and well-formed: the same messages as English, the same values
in each, plural forms for every number the language distinguishes, and nothing Fluent could
not parse (a broken line would silently fall back to English)."""

import pytest
from babel import Locale
from fluent.runtime import FluentBundle, FluentResource
from fluent.syntax import ast, parse
from fluent.syntax.visitor import Visitor

from bot.texts.catalog import (
    FALLBACK,
    LANGUAGES,
    RIGHT_TO_LEFT,
    babel_locale,
    catalog,
    entries,
    match,
    plain_text,
    source,
)

CATEGORIES = {"zero", "one", "two", "few", "many", "other"}
OTHERS = [code for code in LANGUAGES if code != FALLBACK]
# A value for every variable any message has (numbers where selectors choose a plural).
SAMPLE = (
    {name: 3 for name in ("count", "minutes", "limit", "max", "timeout", "grace", "days")}
    | {
        name: f"<{name}>"
        for name in (
            "price",
            "stars",
            "balance",
            "missing",
            "left",
            "user_id",
            "job",
            "draft",
            "ref",
            "prompt",
            "words",
            "options",
            "expected",
            "time",
            "bar",
            "status",
            "detail",
            "url",
            "until",
            "spent",
            "budget",
            "why",
            "names",
            "who",
            "reason",
            "charge",
            "mode",
            "resolutions",
            "prices",
            "date",
            "title",
        )
    }
    | {"scope": "user", "audio": "yes", "source": "history", "waiting": "telegram", "how": "kept"}
)


class _Values(Visitor):
    """The variables a message uses, and its selectors."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()
        self.selects: list[ast.SelectExpression] = []

    def visit_VariableReference(self, node: ast.VariableReference) -> None:
        self.names.add(node.id.name)

    def visit_SelectExpression(self, node: ast.SelectExpression) -> None:
        self.selects.append(node)
        self.generic_visit(node)


def _messages(code: str) -> dict[str, ast.Message]:
    resource = parse(source(code))
    junk = [entry.content for entry in resource.body if isinstance(entry, ast.Junk)]
    assert not junk, f"{code}.ftl has lines Fluent cannot parse: {junk}"
    return {e.id.name: e for e in resource.body if isinstance(e, ast.Message)}


def _values(message: ast.Message) -> _Values:
    found = _Values()
    found.visit(message)
    return found


def _integer_categories(code: str) -> set[str]:
    rule = Locale.parse(babel_locale(code)).plural_form
    return {rule(n) for n in range(0, 1001)}


def _key(variant: ast.Variant) -> str:
    key = variant.key
    return key.name if isinstance(key, ast.Identifier) else key.value


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_catalog_parses(code):
    assert _messages(code)


@pytest.mark.parametrize("code", OTHERS)
def test_every_message_is_translated_with_the_same_values(code):
    english, other = _messages(FALLBACK), _messages(code)
    assert sorted(set(english) - set(other)) == [], f"missing in {code}.ftl"
    assert sorted(set(other) - set(english)) == [], f"unknown ids in {code}.ftl"
    for message_id, message in english.items():
        assert _values(other[message_id]).names == _values(message).names, (
            f"{code}.ftl {message_id}: other values than English"
        )


@pytest.mark.parametrize("code", LANGUAGES)
def test_plural_selectors_cover_every_form_of_the_language(code):
    needed = _integer_categories(code)
    for message_id, message in _messages(code).items():
        for select in _values(message).selects:
            keys = {_key(v) for v in select.variants}
            if keys <= CATEGORIES:
                default = next(_key(v) for v in select.variants if v.default)
                missing = needed - keys - {default}
                assert not missing, f"{code}.ftl {message_id}: no {missing} form"


@pytest.mark.parametrize("code", OTHERS)
def test_translations_are_not_english(code):
    """A message left in English by mistake: the long ones must differ from English."""
    english, other = catalog(FALLBACK), catalog(code)
    same = [
        message_id
        for message_id in _messages(FALLBACK)
        if len(english(message_id)) > 25 and other(message_id) == english(message_id)
    ]
    assert same == []


@pytest.mark.parametrize(
    ("minutes", "ru", "uk"),
    [
        (1, "1 минута", "1 хвилина"),
        (2, "2 минуты", "2 хвилини"),
        (5, "5 минут", "5 хвилин"),
        (11, "11 минут", "11 хвилин"),
        (21, "21 минута", "21 хвилина"),
        (24, "24 минуты", "24 хвилини"),
    ],
)
def test_russian_and_ukrainian_have_three_forms_of_minutes(minutes, ru, uk):
    assert catalog("ru")("elapsed-minutes", minutes=minutes) == f"уже {ru}"
    assert catalog("uk")("elapsed-minutes", minutes=minutes) == f"уже {uk}"


@pytest.mark.parametrize(
    ("language_code", "code"),
    [
        (None, "en"),
        ("", "en"),
        ("en", "en"),
        ("en-GB", "en"),
        ("ru", "ru"),
        ("ru-RU", "ru"),
        ("pt-br", "pt-BR"),
        ("pt-BR", "pt-BR"),
        ("pt", "pt-BR"),
        ("es-419", "es"),
        ("fa", "fa"),
        ("id", "id"),
        ("in", "id"),
        ("uk", "uk"),
        ("tr", "tr"),
        ("de", "en"),
        ("zh-hans", "en"),
        ("x-unknown", "en"),
    ],
)
def test_telegram_language_codes_choose_a_catalog(language_code, code):
    assert match(language_code) == code


@pytest.mark.parametrize("code", LANGUAGES)
def test_messages_read_alone_and_without_fluent_are_what_fluent_makes_of_the_whole_file(code):
    """The catalog parses each message on its first use, and reads a one-line message with no
    values without Fluent at all: both give exactly what the whole file gives."""
    bundle = FluentBundle([code], use_isolating=code in RIGHT_TO_LEFT)
    bundle.add_resource(FluentResource(source(code)))
    split = entries(source(code))
    assert set(split) == set(_messages(code))
    plain = 0
    for message_id, entry in split.items():
        whole, errors = bundle.format_pattern(bundle.get_message(message_id).value, SAMPLE)
        assert not errors, (message_id, errors)
        alone = FluentBundle([code], use_isolating=code in RIGHT_TO_LEFT)
        alone.add_resource(FluentResource(entry))
        assert alone.format_pattern(alone.get_message(message_id).value, SAMPLE)[0] == whole
        if (text := plain_text(entry)) is not None:
            plain += 1
            assert text == whole and catalog(code)(message_id) == whole, message_id
    assert plain > 30  # labels, answers, the menu
