"""Telegram Stars invoices: their currency and bounds, and what an invoice's payload says it
is for. (What a video costs in Stars is a product rule: bot/core/pricing.py.)

No telegram here: the payment handlers pass plain values in.
"""

from dataclasses import dataclass

# Telegram Stars invoices are in this currency, with an empty provider token.
CURRENCY = "XTR"
# Telegram's bounds on the amount of one Stars invoice (sendInvoice refuses others with
# CURRENCY_TOTAL_AMOUNT_INVALID).
MIN_INVOICE_STARS, MAX_INVOICE_STARS = 1, 10_000


def one_invoice(stars: int) -> bool:
    """Whether one Stars invoice can ask this many Stars."""
    return MIN_INVOICE_STARS <= stars <= MAX_INVOICE_STARS


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
