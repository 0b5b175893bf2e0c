"""The bot's own words in one language: the catalog's messages with their values formatted.

Nothing here holds a sentence: the sentences are in bot/texts/locales/<language>.ftl. This
module picks the message, formats its values (prices, numbers, options) for the language
and keeps every text within Telegram's limits.
"""

import functools
from decimal import Decimal

from bot.core.drafts import MAX_PROMPT_CHARS
from bot.core.errors import (
    AlreadyRefundedHere,
    BalanceTooLow,
    BotDailyLimit,
    CannotExtend,
    EmptyPrompt,
    FrameUnreadable,
    ImageTooLarge,
    NoFrame,
    NoPendingPhoto,
    NotAdmin,
    NotYourRequest,
    PromptTooLong,
    RefundFailed,
    RefundOutcomeUnknown,
    RequestClosed,
    SpendLimitReached,
    StarsShort,
    TooManyActiveJobs,
    TooManyPhotos,
    UnknownCharge,
    UnknownRequest,
    UnsupportedFile,
    UserError,
    VideoTooOld,
)
from bot.core.followups import KEEP_FOR
from bot.core.inputs import AVOID, LAST_FRAME, REFERENCES, photos_of
from bot.core.pricing import Cost, StarPricing
from bot.core.progress import Expected, overtime
from bot.jobs.kept import BigVideos, big_video
from bot.payments.invoices import VideoPayload, decode_payload
from bot.texts.catalog import babel_locale, catalog
from bot.texts.limits import fit, shorten
from bot.texts.options import OptionWords
from bot.veo import DEFAULT_MODEL, MODELS, Options, VideoModel
from storage import Draft, Job

CHOSEN = "✅"
PROMPT_PREVIEW_UNITS = 300
# What to avoid, as the card shows it (it goes whole into the create call).
AVOID_PREVIEW_UNITS = 150
_CENT = Decimal("0.01")


@functools.lru_cache(maxsize=4096)
def _usd(amount: Decimal, locale: str) -> str:
    """Babel's formatting of a price, remembered: the same few prices are on every card, and
    Babel took 4% of the bot's CPU while answering (py-spy, 200 users at once)."""
    from babel.numbers import format_currency  # imported by the first price shown

    return format_currency(amount, "USD", locale=locale)


_USER_ERRORS: dict[type[UserError], str] = {
    UnsupportedFile: "error-unsupported-file",
    ImageTooLarge: "error-image-too-large",
    EmptyPrompt: "error-empty-prompt",
    NoPendingPhoto: "send-photo",
    UnknownRequest: "stale-button",
    NotYourRequest: "error-not-your-request",
    RequestClosed: "error-request-closed",
    NotAdmin: "error-not-admin",
    UnknownCharge: "error-unknown-charge",
    VideoTooOld: "error-video-too-old",
    NoFrame: "error-no-frame",
    FrameUnreadable: "error-frame-unreadable",
    AlreadyRefundedHere: "error-already-refunded",
}


class Say:
    """A message without values, read as an attribute: `words.stale_button`."""

    def __init__(self, message_id: str) -> None:
        self.message_id = message_id

    def __get__(self, words: "Words", owner: type | None = None) -> str:
        return words.message(self.message_id)


class Words(OptionWords):
    """The bot's words in one language (`code`, one of catalog.LANGUAGES)."""

    cancel_label = Say("button-cancel")
    prompt_label = Say("button-prompt")
    last_frame_label = Say("button-last-frame")
    drop_last_frame_label = Say("button-drop-last-frame")
    avoid_label = Say("button-avoid")
    drop_avoid_label = Say("button-drop-avoid")
    again_label = Say("button-again")
    new_prompt_label = Say("button-new-prompt")
    continue_label = Say("button-continue")
    extend_label = Say("button-extend")
    ask_extend_prompt = Say("ask-extend-prompt")
    ask_prompt = Say("ask-prompt")
    ask_card_prompt = Say("ask-card-prompt")
    ask_new_prompt = Say("ask-new-prompt")
    ask_next_prompt = Say("ask-next-prompt")
    prompt_hint = Say("prompt-hint")
    ask_last_frame = Say("ask-last-frame")
    ask_avoid = Say("ask-avoid")
    ask_album_prompt = Say("ask-album-prompt")
    avoid_hint = Say("avoid-hint")
    send_photo = Say("send-photo")
    nothing_to_cancel = Say("nothing-to-cancel")
    no_jobs = Say("no-jobs")
    stale_button = Say("stale-button")
    submitting = Say("submitting")
    cancelled_answer = Say("cancelled-answer")
    cancelled_message = Say("cancelled-message")
    # The database could not be written (or read): nothing the user did wrong, no charge.
    storage_failed = Say("storage-failed")
    # The same, for an update kept to be handled once the database answers again.
    storage_waiting = Say("storage-waiting")
    # A button pressed again while its first press is still being handled.
    press_in_hand = Say("press-in-hand")
    # A message sent as a group (anonymous admin) or a channel: there is no person to bill.
    personal_account_needed = Say("personal-account-needed")
    language_name = Say("language-name")

    def __init__(self, code: str) -> None:
        self.code = code
        self.message = catalog(code)
        self._locale = babel_locale(code)

    def payment_waiting(self, stars: int, payload: str) -> str:
        """A payment that came while the database was away: safe, and counted once it is
        back (a video's invoice then starts the video)."""
        video = isinstance(decode_payload(payload), VideoPayload)
        return self.message(
            "payment-waiting-video" if video else "payment-waiting", stars=self.stars(stars)
        )

    # Values, formatted for the language

    def usd(self, amount: Decimal) -> str:
        """`$0.64`, `0,64 $`, `US$ 0,64`: a price in USD as the language writes it."""
        return _usd(amount.quantize(_CENT), self._locale)

    def stars(self, count: int) -> str:
        """`64 ⭐`."""
        return self.message("stars", count=count)

    def cost(self, cost: Cost) -> str:
        """In Stars with payments on, in USD without."""
        return self.stars(cost.stars) if cost.stars is not None else self.usd(cost.usd)

    def number(self, cost: Cost) -> str:
        """A price as a number alone (`64`, `0,64`), for a table whose heading names its
        currency."""
        from babel.numbers import format_decimal

        if cost.stars is not None:
            return format_decimal(cost.stars, locale=self._locale)
        return format_decimal(cost.usd.quantize(_CENT), "#,##0.00", locale=self._locale)

    def job_price(self, job: Job, *, sandbox: bool = False) -> str:
        """What the job cost its user: the Stars taken for it, or its price in USD; nothing
        for a simulated video (`sandbox`)."""
        if sandbox:
            return self.message("sandbox-free")
        return self.stars(job.stars) if job.stars else self.usd(job.price)

    # Buttons (an option's are in bot/texts/options.py)

    def generate_label(self, cost: Cost) -> str:
        """`🎬 Generate · $0.64`, or `🎬 Generate` with prices hidden."""
        if cost.sandbox:
            return self.message("button-generate-sandbox")
        if not cost.shown:
            return self.message("button-generate-unpriced")
        return self.message("button-generate", price=self.cost(cost))

    # Help and errors

    def help_text(self, pricing: StarPricing, model: VideoModel | None = None) -> str:
        """How to use the bot, with the whole price table of the model of new drafts (in Stars
        when payments are on; none when prices are hidden)."""
        if not pricing.shown:
            return fit(self.message("help"))
        lines = [self.message("help"), ""]
        if pricing.enabled:
            lines += [self.message("help-payments"), ""]
        lines.append(self.message("help-prices-stars" if pricing.enabled else "help-prices-usd"))
        shown = model or MODELS[DEFAULT_MODEL]
        # The heading names the currency: each cell is a number alone, so that a row of
        # three fits a phone's line in every language ("4s 0,32 · 6s 0,48 · 8s 0,64").
        lines += self.price_rows(shown, lambda usd: self.number(pricing.cost(usd)))
        return fit("\n".join(lines))

    def not_allowed(self, user_id: int) -> str:
        """The refusal of a private bot to someone not on its list."""
        return self.message("not-allowed", user_id=str(user_id))

    def user_error(self, error: UserError) -> str:
        """What to tell the user about input they can put right, or a limit they reached."""
        m = self.message
        if isinstance(error, BotDailyLimit):
            return m("error-bot-daily-limit" if error.paid else "error-bot-daily-limit-unpaid")
        if isinstance(error, SpendLimitReached) and not error.priced:
            return m("error-allowance-used", left=self.usd(error.left))
        if isinstance(error, SpendLimitReached):
            return m(
                "error-spend-limit",
                price=self.usd(error.price),
                scope="user" if error.scope == "user_daily" else "bot",
                limit=self.usd(error.limit),
                left=self.usd(error.left),
            )
        if isinstance(error, StarsShort):
            return m(
                "error-stars-short",
                price=self.stars(error.price),
                balance=self.stars(error.balance),
                missing=self.stars(error.missing),
            )
        if isinstance(error, BalanceTooLow):
            return m(
                "error-balance-too-low",
                stars=self.stars(error.stars),
                balance=self.stars(error.balance),
            )
        if isinstance(error, CannotExtend):
            return m("extend-gone" if error.gone else "extend-limit")
        if isinstance(error, TooManyPhotos):
            return m("album-too-many", count=error.count)
        if isinstance(error, RefundFailed):
            return m("error-refund-failed", reason=error.reason)
        if isinstance(error, RefundOutcomeUnknown):
            return m("error-refund-unanswered", stars=self.stars(error.stars))
        if isinstance(error, TooManyActiveJobs):
            return m("error-too-many-jobs", limit=error.limit)
        if isinstance(error, PromptTooLong):
            return m("error-prompt-too-long", max=MAX_PROMPT_CHARS)
        return m(_USER_ERRORS[type(error)])

    # The options card and the status of a request

    def expected_time(self, seconds: float) -> str:
        """`about 2 min`, `under a minute`: whole minutes, a typical time is no finer."""
        if seconds < 60:
            return self.message("expected-under-minute")
        return self.message("expected-about", minutes=int(seconds / 60 + 0.5))

    def expected_line(self, expected: Expected) -> str:
        """`Time: usually about 2 min (recent videos)`: the expected time, and its source."""
        return self.message(
            "expected-line",
            time=self.expected_time(expected.seconds),
            source="history" if expected.from_history else "estimate",
        )

    def progress_line(self, elapsed: float, expected: float) -> str:
        """`Usually takes about 2 min`, or that it is taking longer once clearly late."""
        message = "progress-overtime" if overtime(elapsed, expected) else "progress"
        return self.message(message, time=self.expected_time(expected))

    def draft_text(
        self,
        draft: Draft,
        options: Options,
        cost: Cost,
        expected: Expected,
        big_videos: BigVideos | None = None,
    ) -> str:
        """The options message: prompt, options, price and how long such a video takes; in
        the sandbox, that nothing is charged (and what the video would cost)."""
        price = self.cost(cost)
        if cost.sandbox:
            price = self.message("sandbox-price", price=price)
        card = self.message(
            "draft-card" if cost.shown else "draft-card-unpriced",
            title=self.message(options.video_model.title),
            prompt=shorten(draft.prompt or "", PROMPT_PREVIEW_UNITS),
            options=self.options_line(options) + self.inputs_lines(draft),
            price=price,
            expected=self.expected_line(expected) + self.big_video_line(options, big_videos),
        )
        if not cost.sandbox:
            return fit(card)
        # The sample is made from the photo the video would start from, when it has one.
        note = "sandbox-note" if photos_of(draft) else "sandbox-note-plain"
        return fit(f"{self.message(note)}\n\n{card}")

    def inputs_lines(self, draft: Draft) -> str:
        """The card's lines under the options for what the video is made from besides its
        photo and prompt: its last frame, what it avoids, or that the card waits for one."""
        lines = []
        if draft.inputs.get(LAST_FRAME):
            lines.append(self.message("card-last-frame"))
        elif draft.waiting_for == LAST_FRAME:
            lines.append(self.message("card-last-frame-waiting"))
        if draft.inputs.get(REFERENCES):
            lines.append(self.message("card-references", count=len(draft.inputs[REFERENCES])))
        if draft.inputs.get(AVOID):
            words = shorten(str(draft.inputs[AVOID]), AVOID_PREVIEW_UNITS)
            lines.append(self.message("card-avoid", words=words))
        elif draft.waiting_for == AVOID:
            lines.append(self.message("card-avoid-waiting"))
        return "".join(f"\n{line}" for line in lines)

    def big_video_line(self, options: Options, big_videos: BigVideos | None) -> str:
        """For 4K (over Telegram's 50 MB), a line on what the video arrives as in this
        deployment (`big_videos`); nothing for smaller videos."""
        if big_videos is None or not big_video(options):
            return ""
        days = round(KEEP_FOR / 86400)
        return "\n" + self.message("card-big-video", how=big_videos.value, days=days)
