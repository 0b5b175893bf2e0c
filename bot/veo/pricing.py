"""Prices in USD: each model's rule is in its declaration (bot/veo/veo31_image.py)."""

from decimal import Decimal

from bot.veo.model import Options

_CENT = Decimal("0.01")


def price_of(options: Options) -> Decimal:
    """The exact price of one video with these options, in USD."""
    return options.video_model.price_of(options)


def format_usd(amount: Decimal) -> str:
    """`$X.XX`, the way every price is shown to a person."""
    return f"${amount.quantize(_CENT)}"
