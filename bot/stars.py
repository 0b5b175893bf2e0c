"""Prices in Telegram Stars, and what an invoice's payload says it is for.

No telegram here: the payment handlers pass plain values in.
"""

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from bot.veo import VideoOptions, price_of

# Telegram Stars invoices are in this currency, with an empty provider token.
CURRENCY = "XTR"


@dataclass(frozen=True, slots=True)
class Cost:
    """What a video costs the user: in USD, and in Stars when payments are on."""

    usd: Decimal
    stars: int | None = None


@dataclass(frozen=True, slots=True)
class StarPricing:
    """STARS_PER_USD: 0 means payments are off and users see prices in USD."""

    rate: Decimal = Decimal(0)

    @property
    def enabled(self) -> bool:
        """Whether videos are paid for with Stars."""
        return self.rate > 0

    def stars(self, usd: Decimal) -> int:
        """ceil(price × STARS_PER_USD): the user never pays less than the rate says."""
        return int((usd * self.rate).to_integral_value(rounding=ROUND_CEILING))

    def cost(self, usd: Decimal) -> Cost:
        """The price as the user sees it."""
        return Cost(usd, self.stars(usd) if self.enabled else None)

    def of(self, options: VideoOptions) -> Cost:
        """The price of a video with these options."""
        return self.cost(price_of(options))


@dataclass(frozen=True, slots=True)
class PackPayload:
    """An invoice for a pack of Stars from /buy."""

    stars: int


@dataclass(frozen=True, slots=True)
class VideoPayload:
    """An invoice for the Stars one draft's Generate was short of: `price` is the video's
    price in Stars when the invoice was made, `amount` what the invoice asks."""

    draft_id: int
    price: int
    amount: int


Payload = PackPayload | VideoPayload


def encode_payload(payload: Payload) -> str:
    """The invoice payload (1–128 bytes); it names what is bought, never the buyer."""
    if isinstance(payload, PackPayload):
        return f"p:{payload.stars}"
    return f"v:{payload.draft_id}:{payload.price}:{payload.amount}"


def decode_payload(data: str) -> Payload | None:
    """What an invoice was for; None for anything this bot did not make."""
    kind, _, rest = data.partition(":")
    parts = rest.split(":")
    if not all(p.isascii() and p.isdigit() and len(p) <= 18 for p in parts):
        return None
    numbers = [int(p) for p in parts]
    if kind == "p" and len(numbers) == 1:
        return PackPayload(numbers[0])
    if kind == "v" and len(numbers) == 3:
        return VideoPayload(*numbers)
    return None
