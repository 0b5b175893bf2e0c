"""A prompt needs characters that show: one made only of invisible ones is empty, whatever
they are; one with visible words is kept exactly as written, invisible characters and all.
"""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.drafts import clean_prompt
from bot.core.errors import EmptyPrompt, PromptTooLong

# Each shows nothing on its own; the second column says why.
BLANK = [
    ("\u200b", "ZERO WIDTH SPACE, Cf"),
    ("\u200c", "ZERO WIDTH NON-JOINER, Cf"),
    ("\u200d", "ZERO WIDTH JOINER, Cf"),
    ("\u2060", "WORD JOINER, Cf"),
    ("\ufeff", "ZERO WIDTH NO-BREAK SPACE (BOM), Cf"),
    ("\u00ad", "SOFT HYPHEN, Cf"),
    ("\u200e\u200f\u061c", "directional marks, Cf"),
    ("\u202a\u202b\u202c\u202d\u202e", "bidi embeddings and overrides, Cf"),
    ("\u2066\u2067\u2068\u2069", "bidi isolates, Cf"),
    ("\u2062\u2063\u2064", "invisible operators, Cf"),
    ("\u180e", "MONGOLIAN VOWEL SEPARATOR, Cf"),
    ("\U000e0041\U000e007f", "tag characters, Cf"),
    ("\U0001d173\U0001d17a", "musical format controls, Cf"),
    ("\x00\x07\x1b\x7f\x9f", "controls, Cc"),
    ("\u00a0\u2000\u2007\u200a\u202f\u205f\u3000", "spaces, Zs"),
    ("\u2028\u2029", "line and paragraph separators, Zl Zp"),
    ("\u034f", "COMBINING GRAPHEME JOINER, Mn"),
    ("\ufe0f\ufe0e", "variation selectors, Mn"),
    ("\U000e0100", "VARIATION SELECTOR-17, Mn"),
    ("\u0301\u0308", "combining marks without a letter, Mn"),
    ("\u17b4\u17b5", "Khmer inherent vowels, Mn"),
    ("\u2800", "BRAILLE PATTERN BLANK, So"),
    ("\u3164", "HANGUL FILLER, Lo"),
    ("\u115f\u1160", "HANGUL CHOSEONG and JUNGSEONG FILLER, Lo"),
    ("\uffa0", "HALFWIDTH HANGUL FILLER, Lo"),
    ("\U0001d159", "MUSICAL SYMBOL NULL NOTEHEAD, So"),
    ("\ufff0", "reserved default-ignorable, Cn"),
]


@pytest.mark.parametrize(("text", "why"), BLANK, ids=[why for _, why in BLANK])
def test_invisible_characters_alone_are_an_empty_prompt(text: str, why: str) -> None:
    with pytest.raises(EmptyPrompt):
        clean_prompt(text)
    with pytest.raises(EmptyPrompt):
        clean_prompt(f" {text * 3}\n{text} ")


def test_all_of_them_together_are_an_empty_prompt() -> None:
    with pytest.raises(EmptyPrompt):
        clean_prompt("".join(text for text, _ in BLANK))


@pytest.mark.parametrize("text", [None, "", "   ", "\n\t "])
def test_nothing_at_all_is_an_empty_prompt(text: str | None) -> None:
    with pytest.raises(EmptyPrompt):
        clean_prompt(text)


# Visible words, with invisible characters where real text has them.
KEPT = [
    "A family 👨\u200d👩\u200d👧 on a beach",  # ZWJ sequence
    "👨\u200d👩\u200d👧",  # only the emoji: still something to see
    "🏳\ufe0f\u200d🌈 a flag",  # variation selector and ZWJ
    "\u200bA lighthouse\u200b",  # zero-width spaces around words stay: they change nothing
    "مرحبا\u200f بالعالم",  # a right-to-left mark in Arabic
    "می\u200cخواهم",  # Persian with a zero-width non-joiner, as Persian is written
    "cafe\u0301 au lait",  # a combining mark on its letter
    "\u2800x",  # one visible letter after a blank pattern
    "\ue000",  # private use: drawn by the font that has it
    "⠁⠃⠉",  # Braille patterns with dots
    "ㅎ",  # a Hangul letter, not a filler
]


@pytest.mark.parametrize("text", KEPT)
def test_a_prompt_with_something_to_see_stays_exactly_as_written(text: str) -> None:
    assert clean_prompt(text) == text
    assert clean_prompt(f"  {text}\n") == text


def test_the_length_limit_still_applies() -> None:
    with pytest.raises(PromptTooLong):
        clean_prompt("a" * 2001)
    assert clean_prompt("a" * 2000) == "a" * 2000


INVISIBLE = st.sampled_from("".join(text for text, _ in BLANK))
VISIBLE = st.characters(categories=["L", "N", "P", "S"]).filter(
    lambda c: c not in "\u115f\u1160\u3164\uffa0\u2800\U0001d159"
)


@given(st.text(INVISIBLE, min_size=1, max_size=50))
def test_any_mix_of_invisible_characters_is_empty(text: str) -> None:
    with pytest.raises(EmptyPrompt):
        clean_prompt(text)


@given(st.text(INVISIBLE, max_size=20), VISIBLE, st.text(INVISIBLE, max_size=20))
def test_one_visible_character_among_invisible_ones_makes_a_prompt(
    before: str, char: str, after: str
) -> None:
    text = before + char + after
    assert clean_prompt(text) == text.strip()
    assert unicodedata.category(char)[0] in "LNPS"
