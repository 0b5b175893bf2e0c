"""Texts measured as Telegram measures them: UTF-16 code units."""

import pytest

from bot import texts


def units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("🦊" * 600, 1024),
        ("🦊" * 600, 1023),
        ("a🦊" * 400, 301),
        ("Привет мир " * 200, 300),
        ("e\u0301" * 700, 1000),  # combining accents: one code unit each
    ],
)
def test_shorten_fits_the_limit_in_utf16_units_and_keeps_valid_text(text, limit):
    cut = texts.shorten(text, limit)
    assert units(cut) <= limit
    assert cut.endswith("…") and text.startswith(cut[:-1])
    cut.encode("utf-8")  # no lone surrogate: a half emoji would not encode


def test_shorten_keeps_a_text_that_fits():
    assert texts.shorten("🦊" * 512, 1024) == "🦊" * 512


def test_every_message_text_fits_telegrams_limit():
    long = "x" * 10_000
    assert units(texts.fit(long)) == texts.MESSAGE_LIMIT
