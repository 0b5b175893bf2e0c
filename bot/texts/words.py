"""The bot's own words in one language: the catalog's messages with their values formatted.

Nothing here holds a sentence: the sentences are in bot/texts/locales/<language>.ftl. This
module picks the message, formats its values (prices, numbers, options) for the language
and keeps every text within Telegram's limits.
"""

import time
import unicodedata
from datetime import UTC, datetime
from decimal import Decimal

from bot.core.drafts import MAX_PROMPT_CHARS
from bot.core.errors import (
    AlreadyRefundedHere,
    BalanceTooLow,
    BotDailyLimit,
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
    UnknownCharge,
    UnknownRequest,
    UnsupportedFile,
    UserError,
    VideoTooOld,
)
from bot.core.followups import KEEP_FOR
from bot.core.pricing import Cost, StarPricing
from bot.core.progress import Expected, bar, overtime
from bot.jobs.kept import BigVideos, big_video
from bot.jobs.ports import Failure
from bot.payments.invoices import VideoPayload, decode_payload
from bot.texts.catalog import babel_locale, catalog
from bot.texts.limits import CAPTION_LIMIT, fit, shorten, utf16_len
from bot.texts.options import OptionWords
from bot.veo import DEFAULT_MODEL, MODELS, Options, VideoModel
from bot.veo.sandbox import simulated
from storage import STARS_RETURNED_STATUSES, Draft, Job, JobStatus

CHOSEN = "✅"
PROMPT_PREVIEW_UNITS = 300
# The start of a prompt in /jobs: what fits one line of a phone with "#12 “…”" around it.
PROMPT_LINE_UNITS = 32
# Characters that set the direction of the text after them (marks, embeddings, overrides,
# isolates): a prompt shown in a line of ours is shown without them.
_BIDI_CONTROLS = dict.fromkeys(
    [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)
_CENT = Decimal("0.01")

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
_STATUS = {
    JobStatus.SUBMITTING: "status-submitting",
    JobStatus.CREATING: "status-submitting",
    JobStatus.QUEUED: "status-queued",
    JobStatus.GENERATING: "status-generating",
    JobStatus.SUCCEEDED: "status-succeeded",
    JobStatus.DELIVERED: "status-delivered",
    JobStatus.FAILED: "status-failed",
    JobStatus.UNKNOWN: "status-unknown",
    JobStatus.OVERDUE: "status-overdue",
    JobStatus.EXPIRED: "status-expired",
}
# jobs.error keys (bot/jobs/ports.py), each with a message of its own: failure-<key>.
_FAILURES = frozenset(v for k, v in vars(Failure).items() if k.isupper())


def prompt_preview(prompt: str, limit: int = PROMPT_LINE_UNITS) -> str:
    """The prompt on one line of at most `limit` UTF-16 units: cut after a whole word, with
    "…", and without the prompt's own direction marks (they would turn the line around it)."""
    text = " ".join(prompt.translate(_BIDI_CONTROLS).split())
    if utf16_len(text) <= limit:
        return text
    cut = shorten(text, limit)[:-1]  # without its "…"
    # Back to the end of the last whole word, unless that leaves too little to recognise.
    if not text[len(cut)].isspace():
        word_end = cut.rfind(" ")
        if word_end >= len(cut) // 2:
            cut = cut[:word_end]
    return cut.rstrip(" ,;:.-—") + "…"


def when(timestamp: float) -> str:
    """`2026-12-01 10:04 UTC`: the same unambiguous form in every language."""
    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d %H:%M UTC")


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
    again_label = Say("button-again")
    new_prompt_label = Say("button-new-prompt")
    continue_label = Say("button-continue")
    ask_prompt = Say("ask-prompt")
    ask_card_prompt = Say("ask-card-prompt")
    ask_new_prompt = Say("ask-new-prompt")
    ask_next_prompt = Say("ask-next-prompt")
    prompt_hint = Say("prompt-hint")
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
        from babel.numbers import format_currency  # imported by the first price shown

        return format_currency(amount.quantize(_CENT), "USD", locale=self._locale)

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
            options=self.options_line(options),
            price=price,
            expected=self.expected_line(expected) + self.big_video_line(options, big_videos),
        )
        return fit(f"{self.message('sandbox-note')}\n\n{card}" if cost.sandbox else card)

    def big_video_line(self, options: Options, big_videos: BigVideos | None) -> str:
        """For 4K (over Telegram's 50 MB), a line on what the video arrives as in this
        deployment (`big_videos`); nothing for smaller videos."""
        if big_videos is None or not big_video(options):
            return ""
        days = round(KEEP_FOR / 86400)
        return "\n" + self.message("card-big-video", how=big_videos.value, days=days)

    def status(self, status: JobStatus) -> str:
        """`⏳ waiting in line`."""
        return self.message(_STATUS[status])

    def elapsed(self, seconds: float) -> str:
        """`just now`, `3 min so far`: whole minutes, so this line changes at most
        once a minute, not at every query."""
        minutes = max(0, int(seconds)) // 60
        if not minutes:
            return self.message("elapsed-under-minute")
        return self.message("elapsed-minutes", minutes=minutes)

    def job_text(
        self,
        job: Job,
        options: Options,
        now: float | None = None,
        expected: float | None = None,
        *,
        priced: bool = True,
        sandbox: bool = False,
    ) -> str:
        """The status message of a submitted request; while it is made, how long it has been,
        what to expect (when `expected` seconds are given) and a bar that only moves; its
        price unless prices are hidden (`priced`); marked when simulated (`sandbox`)."""
        status = self.status(job.status)
        progress = ""
        if job.status in (JobStatus.QUEUED, JobStatus.GENERATING):
            took = (now or time.time()) - (job.submitted_at or job.created_at)
            status += f" · {self.elapsed(took)}"
            if expected is not None:
                progress = f"\n{self.progress_line(took, expected)}\n{bar(took)}"
        card = self.message(
            "job-card" if priced else "job-card-unpriced",
            job=str(job.number),
            prompt=shorten(job.prompt, PROMPT_PREVIEW_UNITS),
            options=self.options_line(options),
            price=self.job_price(job, sandbox=sandbox),
            status=status,
        )
        if sandbox:
            card = f"{self.message('sandbox-mark')}\n\n{card}"
        return fit(card + progress)

    # How a request ended

    def failure_text(self, job: Job) -> str:
        """Why a job ended without a video, in plain words."""
        key, _, detail = (job.error or "").partition(":")
        key, detail = key.strip(), detail.strip()
        timeout, _, grace = detail.partition("/")  # only "expired" details look like this
        message = "failure-" + key.replace("_", "-") if key in _FAILURES else "failure-other"
        text = "😞 " + self.message(
            message,
            detail=detail or self.message("failure-no-reason"),
            job=str(job.number),
            url=job.result_url or "-",
            timeout=timeout,
            grace=grace,
        )
        if job.stars and job.status in STARS_RETURNED_STATUSES:
            text += "\n\n" + self.stars_back(job)
        return fit(text)

    def stars_back(self, job: Job) -> str:
        """Told when a job that was paid for ends without a video."""
        return self.message("stars-back", stars=self.stars(job.stars), job=str(job.number))

    def link_text(self, job: Job, url: str, too_big: bool, *, until: float | None = None) -> str:
        """The message with the video's download link: too big for Telegram, or refused; and
        how long it works: until `until` (the bot keeps the file), else about as long as the
        provider keeps it (about two days, not promised)."""
        why = "too-big" if too_big else "refused"
        text = self.message("link", job=str(job.number), why=why, url=url)
        if until is None:
            lifetime = self.message("link-provider-lifetime")
        else:
            lifetime = self.message("link-kept-until", date=self.day(until - 86400))
        return fit(f"{text}\n\n{lifetime}")

    def day(self, timestamp: float) -> str:
        """`January 6`, `6 января`: a day as the language writes it (UTC)."""
        from babel.dates import format_skeleton  # imported by the first date shown

        return format_skeleton(
            "MMMMd", datetime.fromtimestamp(timestamp, UTC), locale=self._locale
        )

    def delay_text(self, job: Job, waiting_for: str, until: float) -> str:
        """Told once when an outage holds a job up: not lost, and until when we keep trying."""
        waiting = "telegram" if waiting_for == "telegram" else "service"
        return fit(self.message("delay", waiting=waiting, job=str(job.number), until=when(until)))

    def video_caption(
        self, job: Job, options: Options, *, priced: bool = True, sandbox: bool = False
    ) -> str:
        """Caption of the delivered video: the prompt, shortened to fit the caption limit; the
        options, and the price unless prices are hidden (`priced`); a simulated video
        (`sandbox`) says so."""
        price = f" · {self.job_price(job, sandbox=sandbox)}" if priced or sandbox else ""
        tail = f"\n{self.options_line(options)}{price}"
        if sandbox:
            tail += f"\n{self.message('sandbox-mark')}"
        return shorten(job.prompt, CAPTION_LIMIT - utf16_len(tail)) + tail

    # /jobs and /cancel

    def jobs_list(
        self,
        jobs: list[tuple[Job, Options]],
        spent: Decimal | None,
        budget: Decimal | None,
        priced: bool = True,
    ) -> str:
        """The /jobs listing, newest first, with today's spend unless `spent` is None; with
        prices hidden (`priced` False), no prices and only what is left of the budget."""
        if not jobs:
            return self.message("no-jobs")
        lines = []
        if not priced:
            if spent is not None and budget is not None:
                left = self.usd(max(budget - spent, Decimal(0)))
                lines += [self.message("jobs-allowance-left", left=left), ""]
        elif spent is not None and budget is None:
            lines += [self.message("jobs-spent-today", spent=self.usd(spent)), ""]
        elif spent is not None:
            today = self.message(
                "jobs-spent-today-limit", spent=self.usd(spent), budget=self.usd(budget)
            )
            lines += [today, ""]
        lines.append(self.message("jobs-recent"))
        for job, options in jobs:
            # Two lines a video: the user's number and the start of its prompt, which tell
            # their videos apart; then when, how, what it cost and where it is.
            sandbox = simulated(job.provider_job_id)
            price = f"{self.job_price(job, sandbox=sandbox)} · " if priced or sandbox else ""
            lines += [
                "",
                self.message("jobs-item", job=str(job.number), prompt=self._preview(job.prompt)),
                f"{self.message(options.video_model.kind)} · {when(job.created_at)} · "
                f"{self.options_line(options)} · {price}{self.status(job.status)}",
            ]
        return fit("\n".join(lines))

    def _preview(self, prompt: str) -> str:
        """The prompt on one line, cut at a word to fit a phone's line; set apart from the
        text around it when it holds right-to-left script (a right-to-left catalog's
        placeables are set apart by Fluent already)."""
        preview = prompt_preview(prompt)
        if not self.message.right_to_left and any(
            unicodedata.bidirectional(c) in ("R", "AL") for c in preview
        ):
            return f"\u2068{preview}\u2069"  # FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE
        return preview

    def cancelled_count(self, count: int) -> str:
        """Reply to /cancel."""
        return self.message("cancelled-count", count=count)
