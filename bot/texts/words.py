"""Every user-facing string, in one place, so a second language is a table and not a hunt.

The words of Telegram Stars are in bot/texts/stars.py, and re-exported here: this package is
the one door to user-facing text.
"""

import time
from datetime import UTC, datetime
from decimal import Decimal

from bot.after import NoFrame, VideoTooOld
from bot.payments import (
    AlreadyRefundedHere,
    BalanceTooLow,
    RefundFailed,
    UnknownCharge,
)
from bot.progress import Expected, bar, overtime
from bot.service import (
    MAX_PROMPT_CHARS,
    EmptyPrompt,
    ImageTooLarge,
    NoPendingPhoto,
    NotAdmin,
    NotYourRequest,
    PromptTooLong,
    RequestClosed,
    SpendLimitReached,
    StarsShort,
    TooManyActiveJobs,
    UnknownRequest,
    UnsupportedFile,
    UserError,
)
from bot.stars import Cost, StarPricing
from bot.veo import DURATIONS, AspectRatio, Mode, Resolution, VideoOptions, rate_per_second
from bot.veo.pricing import format_usd
from storage import STARS_RETURNED_STATUSES, Draft, Job, JobStatus

CHOSEN = "✅"
# Telegram measures texts and captions in UTF-16 code units (an emoji is two), not characters.
MESSAGE_LIMIT = 4096
CAPTION_LIMIT = 1024
PROMPT_PREVIEW_UNITS = 300

MODE_LABELS = {Mode.FAST: "Fast", Mode.QUALITY: "Quality"}
RESOLUTION_LABELS = {Resolution.P720: "720p", Resolution.P1080: "1080p", Resolution.K4: "4K"}
ASPECT_LABELS = {AspectRatio.AUTO: "Auto", AspectRatio.WIDE: "16:9", AspectRatio.TALL: "9:16"}


def duration_label(seconds: int) -> str:
    """`8s`."""
    return f"{seconds}s"


def audio_label(on: bool) -> str:
    """The audio toggle's label, which says its current state."""
    return "🔊 Audio on" if on else "🔇 Audio off"


def stars_label(stars: int) -> str:
    """`64 ⭐`."""
    return f"{stars} ⭐"


def format_cost(cost: Cost) -> str:
    """`64 ⭐` with payments on, `$0.64` without."""
    return stars_label(cost.stars) if cost.stars is not None else format_usd(cost.usd)


def job_price(job: Job) -> str:
    """What the job cost its user: the Stars taken for it, or its price in USD."""
    return stars_label(job.stars) if job.stars else format_usd(job.price)


def generate_label(cost: Cost) -> str:
    """`Generate · $0.64`."""
    return f"🎬 Generate · {format_cost(cost)}"


CANCEL_LABEL = "Cancel"
PROMPT_LABEL = "✏️ Prompt"
AGAIN_LABEL = "🔁 Again"
NEW_PROMPT_LABEL = "✏️ New prompt"
CONTINUE_LABEL = "⏭ Continue"
ASK_CARD_PROMPT = "Send me the new prompt for this request; its options stay as they are."
ASK_NEW_PROMPT = "Same photo and options: send me the new prompt."
ASK_NEXT_PROMPT = "The last frame of your video. Send me the prompt of the next part."

HELP = (
    "Send me a photo with a caption, and I turn it into a video with Google Veo 3.1.\n\n"
    "1. Send a photo (or a JPEG, PNG or WebP file) with a caption: the caption is the prompt.\n"
    "2. Pick mode, duration, resolution, aspect ratio and audio with the buttons; the price "
    "follows every change.\n"
    "3. Press Generate. The video arrives here in a few minutes.\n\n"
    "Commands: /jobs your recent videos · /cancel close your open request · /help this text\n\n"
)
PAYMENTS_HELP = (
    "Videos are paid with Telegram Stars: /balance your Stars · /buy more Stars · "
    "/paysupport help with a payment\n\n"
)


def help_text(pricing: StarPricing) -> str:
    """How to use the bot, with the whole price table (in Stars when payments are on)."""
    head = HELP + PAYMENTS_HELP if pricing.enabled else HELP
    lines = [
        head + ("Prices per video (Stars):" if pricing.enabled else "Prices per video (USD):")
    ]
    for mode in Mode:
        for res_group, resolution in (("720p/1080p", Resolution.P720), ("4K", Resolution.K4)):
            for audio in (False, True):
                rate = rate_per_second(mode, resolution, audio)
                prices = " / ".join(
                    f"{d}s {format_cost(pricing.cost(rate * d))}" for d in DURATIONS
                )
                sound = "with audio" if audio else "no audio"
                lines.append(f"{MODE_LABELS[mode]} {res_group} {sound}: {prices}")
    return "\n".join(lines)


NOT_ALLOWED = "Sorry, this bot is private. Ask its operator to add your Telegram id ({user_id})."
ASK_PROMPT = "Got the photo. Now send me the prompt: describe the video you want."
PROMPT_HINT = "Describe the video"
SEND_PHOTO = "Send me a photo with a caption describing the video, and I'll make it. See /help."
NOTHING_TO_CANCEL = "You have no open request here."
NO_JOBS = "You have no videos yet. Send a photo with a caption to make one."
STALE_BUTTON = "This button is no longer valid."
SUBMITTING_ANSWER = "Submitting…"
CANCELLED_ANSWER = "Cancelled."
CANCELLED_MESSAGE = "Cancelled. Send another photo whenever you like."
# The database could not be written (or read): nothing the user did wrong, nothing was charged.
STORAGE_FAILED = "Something went wrong on my side, please try again later."
# A message sent as a group (anonymous admin) or a channel: there is no person to bill.
PERSONAL_ACCOUNT_NEEDED = (
    "I can only work for a personal account: a message sent anonymously or on behalf of a "
    "channel can't be tied to anyone's budget. Send it from your own account, or to me in a "
    "private chat."
)

_USER_ERRORS: dict[type[UserError], str] = {
    UnsupportedFile: "I can only use photos or JPEG, PNG and WebP images. Please send one of "
    "those, with a caption describing the video.",
    ImageTooLarge: "That image is over 20 MB, which Telegram does not let bots download. "
    "Please send a smaller one (sending it as a photo compresses it).",
    EmptyPrompt: "The prompt is empty. Please describe the video you want in a few words.",
    PromptTooLong: f"The prompt is too long. Please keep it under {MAX_PROMPT_CHARS} characters.",
    NoPendingPhoto: SEND_PHOTO,
    UnknownRequest: STALE_BUTTON,
    NotYourRequest: "These buttons belong to someone else's request.",
    RequestClosed: "This request is closed. Send a new photo to start another.",
    NotAdmin: "This command is for the bot's operators.",
    UnknownCharge: "No payment with this charge id is in the ledger.",
    VideoTooOld: "This video is too old for its buttons. Send the photo again to make another.",
    NoFrame: "This video was sent as a link, so I kept no frame to continue from. Use Again or "
    "New prompt, or send a photo.",
    AlreadyRefundedHere: "This payment was refunded already; nothing was done.",
}


def user_error(error: UserError) -> str:
    """What to tell the user about input they can put right, or a limit they reached."""
    if isinstance(error, SpendLimitReached):
        whose = "your daily limit" if error.scope == "user_daily" else "the bot's daily budget"
        return (
            f"This video costs {format_usd(error.price)}, but {whose} is "
            f"{format_usd(error.limit)} and {format_usd(error.left)} is left today. "
            "Choose cheaper options, or try again after 00:00 UTC."
        )
    if isinstance(error, StarsShort):
        return (
            f"This video costs {stars_label(error.price)} and your balance is "
            f"{stars_label(error.balance)}: {stars_label(error.missing)} missing. Pay them with "
            "the invoice below and the video starts at once, or see /buy."
        )
    if isinstance(error, BalanceTooLow):
        return (
            f"Not refunded: the payment was {stars_label(error.stars)} but the user's balance "
            f"is {stars_label(error.balance)} (they spent the rest). Add `force` to refund "
            "all the same; their balance then goes below zero."
        )
    if isinstance(error, RefundFailed):
        return f"Telegram refused the refund: {error.reason}"
    if isinstance(error, TooManyActiveJobs):
        return (
            f"You already have {error.limit} videos in the making. "
            "Please press Generate again when one has arrived."
        )
    return _USER_ERRORS[type(error)]


def options_line(options: VideoOptions) -> str:
    """`Fast · 8s · 720p · 16:9 · Audio off`."""
    return " · ".join(
        (
            MODE_LABELS[options.mode],
            duration_label(options.duration),
            RESOLUTION_LABELS[options.resolution],
            ASPECT_LABELS[options.aspect_ratio],
            "Audio on" if options.audio else "Audio off",
        )
    )


def utf16_len(text: str) -> int:
    """The length Telegram counts: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def shorten(text: str, limit: int) -> str:
    """The text cut to at most `limit` UTF-16 units, with an ellipsis when cut.

    The cut never splits a character (a surrogate pair), so the result is always valid text.
    """
    if utf16_len(text) <= limit:
        return text
    units = text.encode("utf-16-le")[: 2 * max(limit - 1, 0)]
    if units and 0xD800 <= int.from_bytes(units[-2:], "little") <= 0xDBFF:
        units = units[:-2]  # half of a surrogate pair
    return units.decode("utf-16-le").rstrip() + "…"


def fit(text: str) -> str:
    """A message text within Telegram's limit, whatever went into it."""
    return shorten(text, MESSAGE_LIMIT)


def expected_time(seconds: float) -> str:
    """`about 2 min`, `under a minute`: whole minutes, a typical time is no finer than that."""
    minutes = int(seconds / 60 + 0.5)
    return f"about {minutes} min" if seconds >= 60 else "under a minute"


def expected_line(expected: Expected) -> str:
    """`Time: usually about 2 min (recent videos)`: the card's expected time, and its source."""
    source = "recent videos" if expected.from_history else "estimate"
    return f"Time: usually {expected_time(expected.seconds)} ({source})"


def progress_line(elapsed: float, expected: float) -> str:
    """`Progress: ▓▓▓░░░░░░░ 30 % · usually about 2 min`, saying so once past the usual time."""
    cells, _ = bar(elapsed, expected)
    usual = f"usually {expected_time(expected)}"
    if overtime(elapsed, expected):
        return f"Progress: {cells} · taking longer than usual ({usual})"
    return f"Progress: {cells} · {usual}"


def draft_text(draft: Draft, options: VideoOptions, cost: Cost, expected: Expected) -> str:
    """The options message: prompt, options, price and how long such a video usually takes."""
    return fit(
        f"🎬 Video from your photo\n\n"
        f"Prompt: {shorten(draft.prompt or '', PROMPT_PREVIEW_UNITS)}\n"
        f"Options: {options_line(options)}\n"
        f"Price: {format_cost(cost)}\n"
        f"{expected_line(expected)}\n\n"
        "Change the options with the buttons, then press Generate."
    )


_STATUS = {
    JobStatus.SUBMITTING: "⏳ submitting to Veo…",
    JobStatus.CREATING: "⏳ submitting to Veo…",
    JobStatus.QUEUED: "⏳ queued",
    JobStatus.GENERATING: "🎞 generating",
    JobStatus.SUCCEEDED: "📤 done, sending the video…",
    JobStatus.DELIVERED: "✅ delivered",
    JobStatus.FAILED: "❌ failed",
    JobStatus.UNKNOWN: "⚠️ outcome unknown",
    JobStatus.OVERDUE: "⌛ expired (a late video will still be sent)",
    JobStatus.EXPIRED: "⌛ expired",
}


def elapsed(seconds: float) -> str:
    """`under a minute`, `3 min`: whole minutes, so the status message changes (and is
    edited) at most once a minute, not at every query.
    """
    minutes = max(0, int(seconds)) // 60
    return f"{minutes} min" if minutes else "under a minute"


def job_text(
    job: Job, options: VideoOptions, now: float | None = None, expected: float | None = None
) -> str:
    """The status message of a submitted request; while it is made, with a progress bar
    against `expected` (seconds) when that is given."""
    status = _STATUS[job.status]
    progress = ""
    if job.status in (JobStatus.QUEUED, JobStatus.GENERATING):
        took = (now or time.time()) - (job.submitted_at or job.created_at)
        status += f" · {elapsed(took)}"
        if expected is not None:
            progress = "\n" + progress_line(took, expected)
    return fit(
        f"🎬 Submitted: request #{job.id}\n\n"
        f"Prompt: {shorten(job.prompt, PROMPT_PREVIEW_UNITS)}\n"
        f"Options: {options_line(options)}\n"
        f"Price: {job_price(job)}\n"
        f"Status: {status}{progress}"
    )


_FAILURES = {
    "photo_unavailable": "I could not download your photo from Telegram. Please send it again.",
    "bad_image": "That file is not a JPEG, PNG or WebP image. Please send a real photo.",
    "refused": "ShortAPI refused the request: {detail}",
    "key_rejected": "The video service did not accept this bot's API key. "
    "Please tell the bot's operator.",
    "api_error": "The video service answered with an error ({detail}). Please try again later.",
    "unreachable": "I could not reach the video service. Please try again in a while.",
    "outcome_unknown": "The request was sent but no answer came back, so I don't know whether "
    "the video service took it. To avoid paying twice I did not send it again; "
    "the operator has been told. Request #{job_id}.",
    "provider_failed": "The video service could not make this video: {detail}",
    "no_answer": "The video service did not answer about request #{job_id} for as long as it "
    "could still hand the video over, so I stopped asking. Please try again later.",
    "download_failed": "The video was made but I could not download it. Link: {url}",
    "undeliverable": "The video was made but I could not send it here.",
    "lost": "The video service no longer knows request #{job_id} ({detail}).",
    "expired": "No video after {timeout} minutes, so I marked request #{job_id} as expired. "
    "If the video still arrives within {grace} minutes, I will send it here.",
}


def failure_text(job: Job) -> str:
    """Why a job ended without a video, in plain words."""
    key, _, detail = (job.error or "").partition(":")
    template = _FAILURES.get(key.strip(), "Something went wrong with this video.")
    timeout, _, grace = detail.strip().partition("/")  # only "expired" details look like this
    text = "😞 " + template.format(
        detail=detail.strip() or "no reason given",
        job_id=job.id,
        url=job.result_url or "-",
        timeout=timeout,
        grace=grace,
    )
    if job.stars and job.status in STARS_RETURNED_STATUSES:
        text += "\n\n" + stars_back(job)
    return fit(text)


def stars_back(job: Job) -> str:
    """Told when a job that was paid for ends without a video."""
    return f"⭐ The {stars_label(job.stars)} for request #{job.id} are back on your balance."


def link_text(job: Job, url: str, too_big: bool) -> str:
    """The message with the video's download link: too big for Telegram, or not sendable."""
    why = "it is too big to send through Telegram" if too_big else "Telegram would not take it"
    return fit(f"✅ Your video (request #{job.id}) is ready, but {why}. Download it here: {url}")


def delay_text(job: Job, waiting_for: str, until: float) -> str:
    """Told once when an outage holds a job up: it is not lost, and until when we keep trying."""
    when = datetime.fromtimestamp(until, UTC).strftime("%Y-%m-%d %H:%M UTC")
    what = (
        "Telegram is not accepting the finished video right now"
        if waiting_for == "telegram"
        else "The video service is not answering right now"
    )
    return fit(
        f"⏳ {what}. Request #{job.id} is not lost: I keep trying until {when} and will "
        "send the video as soon as I can."
    )


def video_caption(job: Job, options: VideoOptions) -> str:
    """Caption of the delivered video: the prompt, shortened to fit Telegram's caption limit."""
    tail = f"\n{options_line(options)} · {job_price(job)}"
    return shorten(job.prompt, CAPTION_LIMIT - utf16_len(tail)) + tail


def jobs_list(jobs: list[tuple[Job, VideoOptions]], spent: Decimal, budget: Decimal | None) -> str:
    """The /jobs listing, newest first, with today's spend."""
    if not jobs:
        return NO_JOBS
    today = f"Spent today: {format_usd(spent)}"
    if budget is not None:
        today += f" of your {format_usd(budget)} daily limit"
    lines = [today + ".", "", "Your recent videos:"]
    for job, options in jobs:
        when = datetime.fromtimestamp(job.created_at, UTC).strftime("%Y-%m-%d %H:%M UTC")
        lines.append(
            f"#{job.id} · {when} · {options_line(options)} · {job_price(job)} · "
            f"{_STATUS[job.status]}"
        )
    return fit("\n".join(lines))


def cancelled_count(count: int) -> str:
    """Reply to /cancel."""
    return "Closed your open request." if count == 1 else f"Closed {count} open requests."
