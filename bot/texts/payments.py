"""The words of Telegram Stars in one language: balances, invoices, payments and refunds."""

from datetime import UTC, datetime

from bot.core.errors import BotDailyLimit, CheckoutRefused, StarsShort, UserError
from bot.core.pricing import StarPricing
from bot.payments.service import Account, Payment
from bot.texts.jobs import prompt_preview
from bot.texts.limits import INVOICE_TITLE_LIMIT, fit, utf16_len
from bot.texts.words import Words
from bot.veo import VideoModel
from storage import Job, LedgerEntry, LedgerKind

_MOVEMENTS = {
    LedgerKind.PURCHASE: "movement-purchase",
    LedgerKind.VIDEO: "movement-video",
    LedgerKind.RETURN: "movement-return",
    LedgerKind.GRANT: "movement-grant",
    LedgerKind.REFUND: "movement-refund",
    LedgerKind.REFUND_VOIDED: "movement-refund-voided",
}
_CHECKOUT_REFUSED = {
    "unknown": "checkout-unknown",
    "closed": "checkout-closed",
    "changed": "checkout-changed",
}


class StarsWords(Words):
    """Telegram Stars, in the language of `code`."""

    def signed(self, stars: int) -> str:
        """`+100 ⭐`, `−64 ⭐`."""
        return ("+" if stars > 0 else "−") + self.stars(abs(stars))

    def movement_line(self, entry: LedgerEntry) -> str:
        """`12-01 10:04 · +100 ⭐ · bought`."""
        at = datetime.fromtimestamp(entry.created_at, UTC).strftime("%m-%d %H:%M")
        # A video's rows name it by the user's number of it (their reference is its id).
        ref = entry.reference if entry.job_number is None else str(entry.job_number)
        what = self.message(_MOVEMENTS[entry.kind], ref=ref)
        return f"{at} · {self.signed(entry.stars)} · {what}"

    def balance_text(self, account: Account) -> str:
        """/balance: the balance, then the newest movements."""
        lines = [self.message("balance", stars=self.stars(account.balance)), ""]
        if account.entries:
            lines += [self.message("balance-movements"), *map(self.movement_line, account.entries)]
        else:
            lines.append(self.message("balance-empty"))
        return fit("\n".join(lines))

    def buy_text(self, pricing: StarPricing, model: VideoModel) -> str:
        """/buy: what the packs are for, priced by a video of the model's defaults."""
        default = model.defaults()
        return self.message(
            "buy", options=self.options_line(default), price=self.cost(pricing.of(default))
        )

    def pack_title(self, stars: int) -> str:
        """An invoice's title (1–32 characters)."""
        return self.message("pack-title", count=stars)

    def pack_description(self, stars: int) -> str:
        """An invoice's description (1–255 characters)."""
        return self.message("pack-description", stars=self.stars(stars))

    def video_invoice_title(self, prompt: str) -> str:
        """The title of the invoice for one video (1–32 characters): the start of its prompt,
        which the user knows it by."""
        empty = utf16_len(self.message("video-invoice-title", prompt=""))
        return self.message(
            "video-invoice-title", prompt=prompt_preview(prompt, INVOICE_TITLE_LIMIT - empty)
        )

    def video_invoice_description(self, short: StarsShort) -> str:
        """What the invoice for one request brings, and what it starts."""
        missing = self.stars(short.missing)
        if short.balance <= 0:
            return self.message("video-invoice-new", missing=missing)
        return self.message(
            "video-invoice-top-up",
            missing=missing,
            price=self.stars(short.price),
            balance=self.stars(short.balance),
        )

    def checkout_refused(self, error: CheckoutRefused) -> str:
        """Why a payment is declined at checkout: Telegram shows it to the user."""
        return self.message(_CHECKOUT_REFUSED[error.reason])

    def paid_video_started(self, payment: Payment, job: Job) -> str:
        """A payment for one request, which is now on its way."""
        return self.message(
            "paid-video-started", stars=self.stars(payment.stars), job=str(job.number)
        )

    def paid_text(self, payment: Payment, refusal: UserError | None) -> str:
        """A payment credited to the balance (a pack, or a request that could not start)."""
        text = self.message(
            "paid", stars=self.stars(payment.stars), balance=self.stars(payment.balance)
        )
        if refusal is not None:
            if isinstance(refusal, StarsShort):
                why = self.message("paid-short", price=self.stars(refusal.price))
            elif isinstance(refusal, BotDailyLimit):
                # Not the refusal's own words: "no Stars were spent" after "the Stars stay".
                why = self.message("paid-bot-daily-limit")
            else:
                why = self.user_error(refusal)
            text += "\n\n" + self.message("paid-not-started", why=why)
        return fit(text)

    def reconciled_text(self, entry: LedgerEntry, balance: int) -> str:
        """Told when reconciliation counts what the ledger lacked: a payment whose update never
        reached the bot, a refund Telegram made whose message has not (yet) come, or the Stars
        of a refund Telegram never made."""
        key = {
            LedgerKind.REFUND_VOIDED: "reconciled-refund-voided",
            LedgerKind.REFUND: "refund-notice",
        }.get(entry.kind, "reconciled")
        return self.message(key, stars=self.stars(abs(entry.stars)), balance=self.stars(balance))

    def stars_short_of_one_invoice(self, short: StarsShort) -> str:
        """Generate short of more Stars than one invoice can ask: what to do instead."""
        return self.message(
            "stars-short-of-one-invoice",
            price=self.stars(short.price),
            balance=self.stars(short.balance),
            missing=self.stars(short.missing),
        )
