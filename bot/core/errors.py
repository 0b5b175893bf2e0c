"""Every error a user can put right: the handler explains it (bot/texts) and nothing changes.

One tree, so that a handler catches UserError and a new error is found in one place.
"""

from decimal import Decimal


class UserError(Exception):
    """Something the user can put right; the handler explains it and nothing changes."""


class UnsupportedFile(UserError):
    """Not a JPEG, PNG or WebP image."""


class ImageTooLarge(UserError):
    """Over the Bot API's download limit."""


class EmptyPrompt(UserError):
    """The caption or prompt text has no words."""


class PromptTooLong(UserError):
    """Longer than MAX_PROMPT_CHARS."""


class TooManyPhotos(UserError):
    """An album of more photos than one video takes as its references."""

    def __init__(self, count: int) -> None:
        super().__init__(count)
        self.count = count


class NoPendingPhoto(UserError):
    """A text message arrived but no photo waits for a prompt."""


class UnknownRequest(UserError):
    """A button for a draft that does not exist (forged or from another database)."""


class NotYourRequest(UserError):
    """Someone pressed another user's buttons."""


class RequestClosed(UserError):
    """The draft was submitted or cancelled already."""


class NotAdmin(UserError):
    """An admin command from someone not in ADMIN_USER_IDS."""


class SpendLimitReached(UserError):
    """Generate would go over a daily budget; says the limit and what is left."""

    def __init__(
        self, scope: str, price: Decimal, limit: Decimal, left: Decimal, *, priced: bool = True
    ) -> None:
        super().__init__(scope)
        self.scope = scope  # "user_daily" or "daily"
        self.price = price
        self.limit = limit
        self.left = left
        self.priced = priced  # False: the user is not shown what a video costs


class BotDailyLimit(SpendLimitReached):
    """The all-users daily budget refuses a user who sees no USD (they pay in Stars, or prices
    are hidden): the bot, not the user, is at its limit for today."""

    def __init__(self, price: Decimal, limit: Decimal, left: Decimal, *, paid: bool) -> None:
        super().__init__("daily", price, limit, left, priced=False)
        self.paid = paid  # with payments on: no Stars were taken


class StarsShort(UserError):
    """Generate with a balance too small for the video's price in Stars."""

    def __init__(self, draft_id: int, price: int, balance: int, prompt: str = "") -> None:
        super().__init__(draft_id)
        self.draft_id = draft_id
        self.price = price
        self.balance = balance
        self.prompt = prompt  # the video's, for the invoice's title

    @property
    def missing(self) -> int:
        """The Stars an invoice must bring for this video to start."""
        return self.price - self.balance


class TooManyActiveJobs(UserError):
    """The user already has MAX_ACTIVE_JOBS_PER_USER videos in the making."""

    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit


class VideoTooOld(UserError):
    """A button under a video older than the bot keeps what its buttons need."""


class CannotExtend(UserError):
    """Extend under a video Veo cannot make longer (`gone`: its file can no longer be had;
    else its resolution or length)."""

    def __init__(self, *, gone: bool) -> None:
        super().__init__(gone)
        self.gone = gone


class NoFrame(UserError):
    """Continue pressed where no video file was kept (it was sent as a link)."""


class FrameUnreadable(UserError):
    """Continue pressed under a video sent by URL whose last frame could not be read back."""


class CheckoutRefused(UserError):
    """A pre-checkout query the bot must decline; `reason` says why, for texts."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # unknown, closed, changed


class UnknownCharge(UserError):
    """/refund of a charge id the ledger has no payment for."""


class AlreadyRefundedHere(UserError):
    """/refund of a charge the ledger has refunded already."""


class BalanceTooLow(UserError):
    """/refund of Stars the user has spent since; `force` refunds all the same."""

    def __init__(self, stars: int, balance: int) -> None:
        super().__init__(stars)
        self.stars = stars
        self.balance = balance


class RefundFailed(UserError):
    """Telegram refused the refund; its reason is shown to the admin."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class RefundOutcomeUnknown(UserError):
    """Telegram did not answer the refund: its Stars stay held until reconciliation finds
    whether Telegram made it (kept) or not (given back)."""

    def __init__(self, stars: int) -> None:
        super().__init__(stars)
        self.stars = stars
