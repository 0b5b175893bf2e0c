"""Use cases of Telegram Stars: balances, invoices, payments once per charge id, admin grants
and refunds, and reconciliation with Telegram's own record of the bot's transactions.

No telegram here: bot/telegram/payments.py adapts the Bot API to the StarsAPI port.
"""

import logging
import time
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Protocol

from bot.core.drafts import DraftService, PaidVideo
from bot.core.errors import (
    AlreadyRefundedHere,
    BalanceTooLow,
    CheckoutRefused,
    NotAdmin,
    RefundFailed,
    RefundOutcomeUnknown,
    UnknownCharge,
)
from bot.core.options import options_of
from bot.ops import metrics
from bot.payments.invoices import CURRENCY, PackPayload, VideoPayload, decode_payload
from storage import (
    Database,
    DraftStatus,
    Lease,
    LedgerEntry,
    LedgerKind,
    NotEnoughStars,
    Purchase,
)
from storage.ledger import charge_of

log = logging.getLogger(__name__)

# A refund's row older than this whose refund Telegram has not recorded was never made (the
# bot stopped before Telegram answered): reconciliation gives its Stars back. Far longer than
# refundStarPayment with its retries can take, so a refund still in flight is never voided.
REFUND_SETTLED_AFTER = 900.0


@dataclass(frozen=True, slots=True)
class StarTransaction:
    """One of the bot's Star transactions as Telegram records it: a user's payment (incoming)
    or a refund to a user; a refund has the id of the payment it pays back."""

    id: str
    stars: int
    user_id: int | None
    incoming: bool


class AlreadyRefunded(Exception):
    """Telegram says the charge was refunded before (CHARGE_ALREADY_REFUNDED)."""


class RefundRefused(Exception):
    """Telegram would not refund the charge; the reason is its description."""


class RefundUnanswered(Exception):
    """refundStarPayment got no answer (the network, a timeout, Telegram's 5xx): whether
    Telegram made the refund is not known."""


class StarsAPI(Protocol):
    """What the payments need of the Bot API."""

    async def transactions(self) -> list[StarTransaction]:
        """Every Star transaction of the bot, oldest first."""
        ...

    async def refund(self, user_id: int, charge_id: str) -> None:
        """refundStarPayment; AlreadyRefunded or RefundRefused when it is not done now."""
        ...


@dataclass(frozen=True, slots=True)
class Account:
    """What /balance shows."""

    balance: int
    entries: list[LedgerEntry]


@dataclass(frozen=True, slots=True)
class Payment:
    """What one successful payment did. `video` is set for an invoice of one draft."""

    credited: bool  # False: this charge was counted before, nothing changed now
    stars: int
    balance: int
    video: PaidVideo | None = None


@dataclass(frozen=True, slots=True)
class Refund:
    """A refund done: whose, how many Stars, and the balance after it."""

    user_id: int
    stars: int
    balance: int
    counted_now: bool  # False: the ledger had it already (counted by /refund or reconciliation)


class PaymentService:
    """Telegram Stars for videos, exactly once per payment."""

    def __init__(
        self,
        db: Database,
        drafts: DraftService,
        packs: Sequence[int],
        admin_ids: frozenset[int],
        api: StarsAPI | None = None,
        support_text: str | None = None,
        terms_text: str | None = None,
        refund_settled_after: float = REFUND_SETTLED_AFTER,
    ) -> None:
        self._db = db
        self._refund_settled_after = refund_settled_after
        # What /paysupport answers (PAYSUPPORT_TEXT); None: the default, in the user's language.
        self.support_text = support_text
        self.terms_text = terms_text  # what /terms answers; None: no /terms
        self._drafts = drafts
        self.packs = tuple(packs)
        self.admin_ids = admin_ids
        self._api = api

    async def account(self, user_id: int, entries: int = 10) -> Account:
        """The balance and the newest movements."""
        return Account(
            await self._db.ledger.balance(user_id),
            await self._db.ledger.entries(user_id, entries),
        )

    async def check_checkout(self, user_id: int, payload: str, currency: str, total: int) -> None:
        """Raise CheckoutRefused unless the invoice is one this bot would still sell as is."""
        item = decode_payload(payload)
        if currency != CURRENCY or item is None:
            raise CheckoutRefused("unknown")
        if isinstance(item, PackPayload):
            if item.stars not in self.packs or total != item.stars:
                raise CheckoutRefused("unknown")
            return
        if total != item.amount:
            raise CheckoutRefused("unknown")
        draft = await self._db.drafts.get(item.draft_id)
        if draft is None or draft.user_id != user_id:
            raise CheckoutRefused("unknown")
        if draft.status is not DraftStatus.OPEN:
            raise CheckoutRefused("closed")
        if self._drafts.pricing.of(options_of(draft)).stars != item.price:
            raise CheckoutRefused("changed")

    async def paid(
        self, user_id: int, charge_id: str, payload: str, total: int, lease: Lease | None = None
    ) -> Payment:
        """Credit a successful payment once per charge id; an invoice for a draft also makes
        its job (held by `lease`) in the same transaction. The Stars credited are those paid
        (`total`)."""
        item = decode_payload(payload)
        note = payload[:64]
        purchase = Purchase(user_id, total, charge_id, note)
        video = None
        if isinstance(item, VideoPayload):
            video = await self._drafts.generate_paid(purchase, item.draft_id, lease)
            credited = video.credited
        else:
            entry = await self._db.ledger.credit(
                user_id, LedgerKind.PURCHASE, total, charge_id, note
            )
            credited = entry is not None
        if credited:
            metrics.stars_moved(LedgerKind.PURCHASE, total)
        else:
            log.info("payment %s counted before; not credited again", charge_id)
        balance = await self._db.ledger.balance(user_id)
        return Payment(credited, total, balance, video)

    async def grant(self, admin_id: int, user_id: int, stars: int, reference: str) -> int:
        """Credit Stars from an admin (support, promotions), once per command; the balance."""
        self._admin(admin_id)
        await self._db.ledger.credit(user_id, LedgerKind.GRANT, stars, reference, f"by {admin_id}")
        return await self._db.ledger.balance(user_id)

    async def refund(self, admin_id: int, charge_id: str, force: bool = False) -> Refund:
        """Pay a payment back through Telegram and take its Stars off the balance, once.

        The refund's row is written first, under the lock a Generate takes to spend Stars, so
        Stars being refunded cannot be spent meanwhile; if Telegram refuses, a second row gives
        them back. A stop in between leaves the row to reconciliation, which keeps it if
        Telegram made the refund and gives the Stars back if not.
        """
        self._admin(admin_id)
        ledger = self._db.ledger
        purchase = await ledger.entry(LedgerKind.PURCHASE, charge_id)
        if purchase is None:
            raise UnknownCharge()
        user_id, stars = purchase.user_id, purchase.stars
        try:
            held = await ledger.refund(
                user_id, charge_id, stars, f"by {admin_id}", check=not force
            )
        except NotEnoughStars as exc:
            raise BalanceTooLow(stars, exc.balance) from None
        if held is None:
            raise AlreadyRefundedHere()
        metrics.stars_moved(LedgerKind.REFUND, stars)
        assert self._api is not None
        try:
            await self._api.refund(user_id, charge_id)
        except AlreadyRefunded:
            log.info("charge %s was refunded at Telegram before; counted now", charge_id)
        except RefundRefused as exc:
            if await ledger.void_refund(held, "refused by Telegram") is not None:
                metrics.stars_moved(LedgerKind.REFUND_VOIDED, stars)
            raise RefundFailed(str(exc)) from None
        except RefundUnanswered as exc:
            log.warning(
                "refund of charge %s got no answer (%s); reconciliation settles it", charge_id, exc
            )
            raise RefundOutcomeUnknown(stars) from None
        return Refund(user_id, stars, await ledger.balance(user_id), counted_now=True)

    async def refunded(self, user_id: int, charge_id: str, total: int) -> Refund:
        """Count a refund Telegram reports (its refunded_payment message), once per charge id,
        whether the bot's /refund, the user's dispute or the bot's owner elsewhere made it."""
        ledger = self._db.ledger
        purchase = await ledger.entry(LedgerKind.PURCHASE, charge_id)
        if purchase is None:
            # Its payment's update never came: counted now, so that a late one adds nothing.
            if await ledger.credit(user_id, LedgerKind.PURCHASE, total, charge_id, "refunded"):
                metrics.stars_moved(LedgerKind.PURCHASE, total)
            purchase = await ledger.entry(LedgerKind.PURCHASE, charge_id)
            assert purchase is not None
        user_id, stars = purchase.user_id, purchase.stars
        entry = await ledger.refund(user_id, charge_id, stars, "by Telegram")
        if entry is not None:
            metrics.stars_moved(LedgerKind.REFUND, stars)
            log.info("refund of charge %s (%s Stars, user %s) counted", charge_id, stars, user_id)
        return Refund(user_id, stars, await ledger.balance(user_id), entry is not None)

    async def reconcile(self, waiting: Collection[str] = ()) -> list[LedgerEntry]:
        """Count what Telegram recorded and the ledger lacks: a payment whose update never came
        is credited, a refund made before its row was written is debited, and a refund's row
        whose refund Telegram never made gives its Stars back. The rows added.

        `waiting`: the charge ids of payments whose updates the bot holds and will handle
        (which starts a paid video too): not counted here.
        """
        assert self._api is not None
        ledger = self._db.ledger
        # Taken before the transactions are read: a refund written after it may be in flight.
        settled = time.time() - self._refund_settled_after
        transactions = await self._api.transactions()
        refunded = {t.id for t in transactions if not t.incoming}
        added = []
        for t in transactions:
            if t.user_id is None:
                continue  # not a user's payment (e.g. a withdrawal): not the ledger's business
            entry = None
            if t.incoming and t.id not in refunded:
                if t.id in waiting:
                    continue
                if await ledger.entry(LedgerKind.PURCHASE, t.id) is None:
                    entry = await ledger.credit(
                        t.user_id, LedgerKind.PURCHASE, t.stars, t.id, "reconciled"
                    )
            elif not t.incoming:
                purchase = await ledger.entry(LedgerKind.PURCHASE, t.id)
                if purchase is not None:
                    entry = await ledger.refund(
                        purchase.user_id, t.id, purchase.stars, "reconciled"
                    )
            if entry is not None:
                log.warning(
                    "reconciliation: %s of %s Stars for user %s (charge %s) had no ledger row;"
                    " counted now",
                    entry.kind,
                    abs(entry.stars),
                    entry.user_id,
                    t.id,
                )
                metrics.stars_moved(entry.kind, entry.stars)
                added.append(entry)
        for held in await ledger.open_refunds(settled):
            if charge_of(held.reference) in refunded:
                continue
            entry = await ledger.void_refund(held, "reconciled: not refunded by Telegram")
            if entry is not None:
                log.warning(
                    "reconciliation: the refund of %s Stars to user %s (charge %s) was never"
                    " made; given back",
                    entry.stars,
                    entry.user_id,
                    charge_of(held.reference),
                )
                metrics.stars_moved(entry.kind, entry.stars)
                added.append(entry)
        return added

    def _admin(self, user_id: int) -> None:
        if user_id not in self.admin_ids:
            raise NotAdmin()
