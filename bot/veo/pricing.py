"""The one pricing table: USD per second of video, from the model's documentation."""

from decimal import Decimal

from bot.veo.models import Mode, Resolution, VideoOptions

# (mode, is 4K, with audio) -> USD per second. 720p and 1080p cost the same.
_RATES: dict[tuple[Mode, bool, bool], Decimal] = {
    (Mode.QUALITY, False, False): Decimal("0.16"),
    (Mode.QUALITY, False, True): Decimal("0.32"),
    (Mode.QUALITY, True, False): Decimal("0.32"),
    (Mode.QUALITY, True, True): Decimal("0.48"),
    (Mode.FAST, False, False): Decimal("0.08"),
    (Mode.FAST, False, True): Decimal("0.12"),
    (Mode.FAST, True, False): Decimal("0.24"),
    (Mode.FAST, True, True): Decimal("0.28"),
}

_CENT = Decimal("0.01")


def rate_per_second(mode: Mode, resolution: Resolution, audio: bool) -> Decimal:
    """USD per second of video for this mode, resolution and audio choice."""
    return _RATES[(mode, resolution is Resolution.K4, audio)]


def price_of(options: VideoOptions) -> Decimal:
    """The exact price of one video with these options, in USD."""
    rate = rate_per_second(options.mode, options.resolution, options.audio)
    return (rate * options.duration).quantize(_CENT)


def format_usd(amount: Decimal) -> str:
    """`$X.XX`, the way every price is shown to a person."""
    return f"${amount.quantize(_CENT)}"
