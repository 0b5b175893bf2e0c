"""The words of Telegram Stars: balances, invoices, payments, refunds and the admins' report.

Behind bot.texts, the one door to user-facing text: import these from there.
"""

from datetime import UTC, datetime

from bot.payments import Account, CheckoutRefused, Payment
from bot.service import StarsShort, UserError
from bot.stars import StarPricing
from bot.texts.words import fit, format_cost, options_line, stars_label, user_error
from bot.veo import VideoOptions
from storage import Job, LedgerEntry, LedgerKind

_MOVEMENTS = {
    LedgerKind.PURCHASE: "bought",
    LedgerKind.VIDEO: "video #{ref}",
    LedgerKind.RETURN: "back for video #{ref} (no video)",
    LedgerKind.GRANT: "granted",
    LedgerKind.REFUND: "refunded to you by Telegram",
}


def _signed(stars: int) -> str:
    return f"+{stars} ⭐" if stars > 0 else f"−{-stars} ⭐"


def movement_line(entry: LedgerEntry) -> str:
    """`12-01 10:04 · +100 ⭐ · bought`."""
    when = datetime.fromtimestamp(entry.created_at, UTC).strftime("%m-%d %H:%M")
    what = _MOVEMENTS[entry.kind].format(ref=entry.reference)
    return f"{when} · {_signed(entry.stars)} · {what}"


def balance_text(account: Account) -> str:
    """/balance: the balance, then the newest movements."""
    lines = [f"Your balance: {stars_label(account.balance)}"]
    if account.entries:
        lines += ["", "Latest movements (UTC):", *map(movement_line, account.entries)]
    else:
        lines += ["", "No movements yet. /buy Stars, then send a photo with a caption."]
    return fit("\n".join(lines))


def buy_text(pricing: StarPricing) -> str:
    """/buy: what the packs are for."""
    default = pricing.of(VideoOptions())
    return (
        "Choose a pack of Telegram Stars. They stay on your balance until you spend them on "
        f"videos; the default video ({options_line(VideoOptions())}) costs "
        f"{format_cost(default)}. Stars for a video that fails come back by themselves."
    )


def pack_title(stars: int) -> str:
    """An invoice's title (1–32 characters)."""
    return f"{stars} Stars for videos"


def pack_description(stars: int) -> str:
    """An invoice's description (1–255 characters)."""
    return f"{stars} ⭐ on your balance, to turn photos into videos with Google Veo 3.1."


def video_invoice_title(draft_id: int) -> str:
    """The title of the invoice for one request."""
    return f"Video request #{draft_id}"


def video_invoice_description(short: StarsShort) -> str:
    """What the invoice for one request brings, and what it starts."""
    if short.balance <= 0:
        return f"{stars_label(short.missing)} for this video. Paying starts it at once."
    return (
        f"{stars_label(short.missing)} to complete the {stars_label(short.price)} for this "
        f"video ({stars_label(short.balance)} on your balance). Paying starts it at once."
    )


_CHECKOUT_REFUSED = {
    "unknown": "This invoice is no longer valid. Use /buy for a new one.",
    "closed": "This request was generated or cancelled meanwhile, so this invoice is void. "
    "Nothing was charged.",
    "changed": "The options (and the price) of this request changed since the invoice was made. "
    "Press Generate again for a new invoice. Nothing was charged.",
}


def checkout_refused(error: CheckoutRefused) -> str:
    """Why a payment is declined at checkout: Telegram shows it to the user."""
    return _CHECKOUT_REFUSED[error.reason]


def paid_video_started(payment: Payment, job: Job) -> str:
    """A payment for one request, which is now on its way."""
    return f"✅ Thank you! {stars_label(payment.stars)} received; request #{job.id} is on its way."


def paid_text(payment: Payment, refusal: UserError | None) -> str:
    """A payment credited to the balance (a pack, or a request that could not start)."""
    text = (
        f"✅ Thank you! {stars_label(payment.stars)} added. "
        f"Your balance: {stars_label(payment.balance)}."
    )
    if refusal is not None:
        why = (
            f"it costs {stars_label(refusal.price)} and your balance no longer covers it. "
            "Press Generate again."
            if isinstance(refusal, StarsShort)
            else user_error(refusal)
        )
        text += "\n\nThe video did not start, so the Stars stay on your balance: " + why
    return fit(text)


def reconciled_text(entry: LedgerEntry, balance: int) -> str:
    """Told when a payment whose update never reached the bot is counted later."""
    return (
        f"⭐ Your payment of {stars_label(entry.stars)} is now on your balance "
        f"({stars_label(balance)}). Sorry for the delay."
    )


def paysupport_default(admin_ids: frozenset[int]) -> str:
    """/paysupport when PAYSUPPORT_TEXT is not set."""
    who = (
        "the bot's admins (Telegram ids " + ", ".join(str(a) for a in sorted(admin_ids)) + ")"
        if admin_ids
        else "the bot's operator"
    )
    return (
        f"Questions about a payment? Write to {who} and give the date and amount. "
        "Stars paid for a video that fails come back to your balance by themselves; "
        "see /balance. Payments in Stars are refunded through the operator."
    )
