"""The pricing table against the model documentation's rates, for every combination."""

from decimal import Decimal

import pytest

from bot.veo import DURATIONS, AspectRatio, Mode, Resolution, VideoOptions, price_of
from bot.veo.pricing import format_usd

# Rates copied by hand from the seed's Pricing paragraph, USD per second.
DOCUMENTED = {
    ("quality", "hd", False): "0.16",
    ("quality", "hd", True): "0.32",
    ("quality", "4k", False): "0.32",
    ("quality", "4k", True): "0.48",
    ("fast", "hd", False): "0.08",
    ("fast", "hd", True): "0.12",
    ("fast", "4k", False): "0.24",
    ("fast", "4k", True): "0.28",
}

CASES = [
    (mode, res, audio, seconds)
    for mode in Mode
    for res in Resolution
    for audio in (False, True)
    for seconds in DURATIONS
]


@pytest.mark.parametrize(("mode", "resolution", "audio", "seconds"), CASES)
def test_every_combination_is_rate_times_seconds(mode, resolution, audio, seconds):
    tier = "4k" if resolution is Resolution.K4 else "hd"
    expected = Decimal(DOCUMENTED[(mode.value, tier, audio)]) * seconds
    options = VideoOptions(mode=mode, resolution=resolution, audio=audio, duration=seconds)
    price = price_of(options)
    assert isinstance(price, Decimal)
    assert price == expected
    assert price.as_tuple().exponent == -2


def test_aspect_ratio_does_not_change_the_price():
    prices = {price_of(VideoOptions(aspect_ratio=a)) for a in AspectRatio}
    assert prices == {Decimal("0.64")}


def test_the_issue_examples():
    assert format_usd(price_of(VideoOptions())) == "$0.64"
    top = VideoOptions(mode=Mode.QUALITY, resolution=Resolution.K4, audio=True, duration=8)
    assert format_usd(price_of(top)) == "$3.84"
