"""The callback-data codec: round trips, the 64-byte limit, and garbage rejected."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.telegram.callback_data import (
    MAX_BYTES,
    Action,
    DraftButton,
    HelpButton,
    decode,
    decode_help,
)
from bot.veo import AspectRatio, Mode, Resolution

VALID = [
    DraftButton(1, "m", Mode.QUALITY.value),
    DraftButton(42, "t", "4"),
    DraftButton(7, "r", Resolution.K4.value),
    DraftButton(7, "a", AspectRatio.WIDE.value),
    DraftButton(7, "a", AspectRatio.AUTO.value),
    DraftButton(9, "s"),
    DraftButton(9, Action.GENERATE),
    DraftButton(9, Action.CANCEL),
    DraftButton(10**17, "a", AspectRatio.TALL.value),
]


@pytest.mark.parametrize("button", VALID)
def test_round_trip(button):
    data = button.encode()
    assert len(data.encode()) <= MAX_BYTES
    assert decode(data) == button


def test_encode_refuses_over_64_bytes():
    with pytest.raises(ValueError, match="64"):
        DraftButton(1, "m", "x" * 70).encode()


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        "d",
        "d:1",
        "x:1:g",
        "d:abc:g",
        "d:-1:g",
        "d:1:z",
        "d:1:g:extra",
        "d:1:m",
        "d:1:m:turbo",
        "d:1:t:5",
        "d:1:r:8k",
        "d:1:a:4:3",
        "d:١:g",  # a non-ASCII digit
        "d:1:g" + " " * 70,
    ],
)
def test_rejects_what_the_bot_did_not_make(data):
    assert decode(data) is None


@given(st.text(max_size=80))
def test_decode_never_raises(data):
    result = decode(data)
    assert result is None or result.encode() == data


def test_help_button_round_trips_and_refuses_the_others():
    data = HelpButton().encode()
    assert decode_help(data) == HelpButton() and len(data.encode()) <= MAX_BYTES
    # Its prefix is its own: no other kind of button decodes as it, nor it as another.
    assert decode(data) is None and decode_help(DraftButton(1, Action.GENERATE).encode()) is None
    for other in ("h:", "h:prices", "l:details", "", None):
        assert decode_help(other) is None
