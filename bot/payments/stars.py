"""Prices in Telegram Stars, and what an invoice's payload says it is for.

No telegram here: the payment handlers pass plain values in.
"""

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from itertools import product

from bot.veo import DURATIONS, Mode, Resolution, VideoOptions, price_of

# Telegram Stars invoices are in this currency, with an empty provider token.
CURRENCY = "XTR"
# Telegram's bounds on the amount of one Stars invoice (sendInvoice refuses others with
# CURRENCY_TOTAL_AMOUNT_INVALID).
MIN_INVOICE_STARS, MAX_INVOICE_STARS = 1, 10_000


def one_invoice(stars: int) -> bool:
    """Whether one Stars invoice can ask this many Stars."""
    return MIN_INVOICE_STARS <= stars <= MAX_INVOICE_STARS


def dearest_video() -> Decimal:
    """The price in USD of the dearest video any choice of options makes."""
    return max(
        price_of(VideoOptions(mode=m, duration=d, resolution=r, audio=a))  # type: ignore[arg-type]
        for m, d, r, a in product(Mode, DURATIONS, Resolution, (False, True))
    )


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
