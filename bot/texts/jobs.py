"""The words of a request's life, in one language: its status message while it is made, why
it ended without a video, the link or the delay it is told of, the video's caption, and the
/jobs and /cancel answers. bot/texts/words.py holds the words they share (prices, options,
the card)."""

import time
import unicodedata
from datetime import UTC, datetime
from decimal import Decimal

from bot.core.progress import bar
from bot.jobs.ports import Failure
from bot.texts.limits import CAPTION_LIMIT, fit, shorten, utf16_len
from bot.texts.words import PROMPT_PREVIEW_UNITS, Words
from bot.veo import Options
from bot.veo.sandbox import simulated
from storage import STARS_RETURNED_STATUSES, Job, JobStatus

# The start of a prompt in /jobs: what fits one line of a phone with "#12 “…”" around it.
PROMPT_LINE_UNITS = 32
# Characters that set the direction of the text after them (marks, embeddings, overrides,
# isolates): a prompt shown in a line of ours is shown without them.
_BIDI_CONTROLS = dict.fromkeys(
    [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)
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


class JobWords(Words):
    """A request's words, from its status message to the /jobs list."""

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
