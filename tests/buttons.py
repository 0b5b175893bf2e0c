"""How much of a button's label a phone shows: about 12 characters a button in a row of three,
20 in a row of two, the width of the screen in a row of its own."""

import unicodedata

# Characters a button shows in full, by the number of buttons in its row.
ROOM = {1: 36, 2: 20, 3: 12}


def width(label: str) -> int:
    """The label's width in characters: an emoji or wide character counts two, a joiner or
    variation selector nothing."""
    total = 0
    for char in label:
        kind = unicodedata.category(char)
        if kind in ("Mn", "Me", "Cf") or 0xFE00 <= ord(char) <= 0xFE0F:
            continue
        wide = kind == "So" or unicodedata.east_asian_width(char) in ("W", "F")
        total += 2 if wide else 1
    return total


def cut_off(rows: list[list[str]]) -> list[str]:
    """The labels a phone cuts short: wider than their row leaves room for."""
    return [label for row in rows for label in row if width(label) > ROOM.get(len(row), 0)]
