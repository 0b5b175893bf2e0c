"""Whether a prompt shows anything: a caption of zero-width spaces or Hangul fillers looks
empty to its sender, and would make a paid video of nothing."""

import unicodedata

# Characters that draw nothing by themselves: controls (Cc); format characters (Cf: zero-width
# spaces and joiners, bidi controls, tags); surrogates (Cs); separators (Zs, Zl, Zp); marks,
# which are drawn on a letter before them (Mn, Mc, Me, variation selectors among them).
_BLANK_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zs", "Zl", "Zp", "Mn", "Mc", "Me"})
# Letters and symbols whose glyph is empty, used to pass for text: the Hangul fillers (Lo,
# default-ignorable in Unicode), the blank Braille pattern and the null notehead (So).
_BLANK_GLYPHS = frozenset("\u115f\u1160\u3164\uffa0\u2800\U0001d159")
# Unassigned code points a renderer must also draw as nothing (Unicode's default-ignorable).
_IGNORABLE_RANGES = ((0xFFF0, 0xFFF8), (0xE0000, 0xE0FFF))


def _shows(char: str) -> bool:
    """Whether a character draws something by itself."""
    if char in _BLANK_GLYPHS or unicodedata.category(char) in _BLANK_CATEGORIES:
        return False
    return not any(low <= ord(char) <= high for low, high in _IGNORABLE_RANGES)


def shows_something(text: str) -> bool:
    """Whether any character of `text` draws something by itself."""
    return any(map(_shows, text))
