"""Every text, rendered in every language with the longest realistic values, stays within
Telegram's limits, has every value in place, and keeps the option values as they are."""

import dataclasses
import logging
from decimal import Decimal

import pytest

from bot import texts
from bot.core.drafts import MAX_PROMPT_CHARS
from bot.core.errors import (
    AlreadyRefundedHere,
    BalanceTooLow,
    BotDailyLimit,
    CannotExtend,
    CheckoutRefused,
    EmptyPrompt,
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
    VideoTooOld,
)
from bot.core.pricing import Cost, StarPricing
from bot.core.progress import Expected
from bot.core.reports import Stats
from bot.jobs.ports import Failure
from bot.payments.service import Account, Payment, Refund
from bot.texts.jobs import prompt_preview
from bot.veo import MODELS, AspectRatio, Mode, Resolution, VideoOptions
from storage import (
    DaySummary,
    Draft,
    DraftStatus,
    Job,
    JobStatus,
    LedgerEntry,
    LedgerKind,
    ModelSummary,
    StarsDay,
    UserSummary,
)

LANGUAGES = texts.LANGUAGES
BIG_ID = 9_999_999_999  # Telegram ids and request numbers with many digits
MANY_STARS = 1_000_000
MUCH_USD = Decimal("99999.99")
# The longest prompt the bot takes, in characters that are two UTF-16 units each.
LONGEST_PROMPT = "🌊" * MAX_PROMPT_CHARS
LONG_DETAIL = "the provider explains at length why " * 20
# Every key the runner records, and one it may record some day (the generic message).
FAILURE_KEYS = [v for k, v in vars(Failure).items() if k.isupper()] + ["something_new"]
# The widest options: the longest words of every language.
WIDEST = VideoOptions(
    mode=Mode.QUALITY,
    duration=8,
    resolution=Resolution.P1080,
    aspect_ratio=AspectRatio.AUTO,
    audio=True,
)
PAID = StarPricing(Decimal(100))
FREE = StarPricing()


def job(**changes) -> Job:
    base = Job(
        id=BIG_ID,
        draft_id=BIG_ID,
        user_id=BIG_ID,
        number=BIG_ID,
        chat_id=BIG_ID,
        message_id=7,
        file_id="f",
        mime_type="image/jpeg",
        prompt=LONGEST_PROMPT,
        model=WIDEST.video_model.id,
        args=WIDEST.args,
        price=MUCH_USD,
        amount=None,
        provider_job_id="p",
        status=JobStatus.GENERATING,
        error=None,
        result_url="https://cdn.example.com/" + "v" * 200 + ".mp4",
        telegram_file_id=None,
        poll_failures=0,
        polls=3,
        next_poll_at=None,
        media_token=None,
        media_mime=None,
        callback_secret=None,
        created_at=1_796_000_000.0,
        submitted_at=1_796_000_000.0,
        finished_at=None,
        delivered_at=None,
        updated_at=1_796_000_000.0,
        delay_told_at=None,
        lease_owner=None,
        lease_until=None,
        stars=MANY_STARS,
    )
    return dataclasses.replace(base, **changes)


DRAFT = Draft(
    id=BIG_ID,
    user_id=BIG_ID,
    chat_id=BIG_ID,
    source_message_id=1,
    message_id=2,
    file_id="f",
    mime_type="image/jpeg",
    prompt=LONGEST_PROMPT,
    model=WIDEST.video_model.id,
    args=WIDEST.args,
    status=DraftStatus.OPEN,
    created_at=1_796_000_000.0,
)
USER_ERRORS = [
    UnsupportedFile(),
    ImageTooLarge(),
    EmptyPrompt(),
    PromptTooLong(),
    NoPendingPhoto(),
    UnknownRequest(),
    NotYourRequest(),
    RequestClosed(),
    NotAdmin(),
    UnknownCharge(),
    VideoTooOld(),
    NoFrame(),
    AlreadyRefundedHere(),
    SpendLimitReached("user_daily", MUCH_USD, MUCH_USD, MUCH_USD),
    SpendLimitReached("daily", MUCH_USD, MUCH_USD, MUCH_USD),
    SpendLimitReached("user_daily", MUCH_USD, MUCH_USD, MUCH_USD, priced=False),
    BotDailyLimit(MUCH_USD, MUCH_USD, MUCH_USD, paid=True),
    BotDailyLimit(MUCH_USD, MUCH_USD, MUCH_USD, paid=False),
    StarsShort(BIG_ID, MANY_STARS, MANY_STARS - 1),
    TooManyActiveJobs(1),
    TooManyActiveJobs(100),
    TooManyPhotos(10),
    CannotExtend(gone=True),
    CannotExtend(gone=False),
    BalanceTooLow(MANY_STARS, MANY_STARS - 1),
    RefundFailed("CHARGE_NOT_FOUND: the charge was not found in the bot's transactions"),
]
ENTRIES = [
    LedgerEntry(i, BIG_ID, kind, stars, str(BIG_ID), None, 1_796_000_000.0, BIG_ID)
    for i, (kind, stars) in enumerate(
        [
            (LedgerKind.PURCHASE, MANY_STARS),
            (LedgerKind.VIDEO, -MANY_STARS),
            (LedgerKind.RETURN, MANY_STARS),
            (LedgerKind.GRANT, MANY_STARS),
            (LedgerKind.REFUND, -MANY_STARS),
        ]
        * 2
    )
]

# Every command of the menu, with payments on.
MENU = ("start", "help", "jobs", "cancel", "language", "balance", "buy", "paysupport")


def messages(t: texts.Texts) -> list[tuple[str, str, int]]:
    """(what, text, limit in UTF-16 units) for every text the bot sends or shows."""
    out: list[tuple[str, str, int]] = []
    add = out.append
    message, caption, answer = texts.MESSAGE_LIMIT, texts.CAPTION_LIMIT, texts.ANSWER_LIMIT
    for pricing in (FREE, PAID):
        add(("help", t.help_text(pricing), message))
        add(("buy", t.buy_text(pricing, VideoOptions.video_model), message))
    for cost in (Cost(MUCH_USD), Cost(MUCH_USD, MANY_STARS)):
        for expected in (Expected(30, False), Expected(3600, True)):
            add(("card", t.draft_text(DRAFT, WIDEST, cost, expected), message))
        add(("generate button", t.generate_label(cost), message))
    for status in JobStatus:
        for expected in (None, 60.0):
            shown = job(status=status, updated_at=1_796_000_000.0 + 7200)
            add((f"status {status}", t.job_text(shown, WIDEST, expected=expected), message))
    for key in FAILURE_KEYS:
        for status in (JobStatus.FAILED, JobStatus.EXPIRED):
            error = "expired: 1440/1440" if key == "expired" else f"{key}: {LONG_DETAIL}"
            add((f"failure {key}", t.failure_text(job(status=status, error=error)), message))
    # Each model's card with every input it can have, at its longest.
    for model in MODELS.values():
        options = model.defaults()
        inputs = {"tail": "f", "avoid": "ʤ" * MAX_PROMPT_CHARS, "images": ["a", "b", "c"]}
        for waiting in (None, "tail", "avoid"):
            card = dataclasses.replace(
                DRAFT, model=model.id, args=options.args, inputs=inputs, waiting_for=waiting
            )
            text = t.draft_text(card, options, Cost(MUCH_USD, MANY_STARS), Expected(3600, True))
            add((f"card {model.id}", text, message))
    for question in (t.ask_last_frame, t.ask_avoid, t.ask_album_prompt):
        add(("a card's question", question, message))
    add(("avoid hint", t.avoid_hint, texts.PLACEHOLDER_LIMIT))
    add(("caption", t.video_caption(job(), WIDEST), caption))
    for too_big in (True, False):
        for until in (None, 1_796_000_000.0):
            add(("link", t.link_text(job(), job().result_url, too_big, until=until), message))
    for waiting in ("telegram", "shortapi"):
        add(("delay", t.delay_text(job(), waiting, 1_796_000_000.0), message))
    add(("stars back", t.stars_back(job()), message))
    jobs = [(job(status=s), WIDEST) for s in JobStatus]
    add(("jobs", t.jobs_list(jobs, MUCH_USD, MUCH_USD), message))
    add(("jobs", t.jobs_list(jobs, MUCH_USD, None), message))
    add(("jobs", t.jobs_list(jobs, None, None), message))
    add(("jobs", t.jobs_list(jobs, MUCH_USD, MUCH_USD, priced=False), message))
    add(("no jobs", t.jobs_list([], MUCH_USD, None), message))
    for count in (1, 2, 5, 21):
        add(("cancelled", t.cancelled_count(count), message))
    add(("balance", t.balance_text(Account(MANY_STARS, ENTRIES)), message))
    add(("balance", t.balance_text(Account(0, [])), message))
    short = StarsShort(BIG_ID, MANY_STARS, MANY_STARS - 1)
    add(("paid", t.paid_text(Payment(True, MANY_STARS, MANY_STARS), short), message))
    add(
        ("paid", t.paid_text(Payment(True, MANY_STARS, MANY_STARS), TooManyActiveJobs(9)), message)
    )
    add(("paid", t.paid_video_started(Payment(True, MANY_STARS, MANY_STARS), job()), message))
    add(("reconciled", t.reconciled_text(ENTRIES[0], MANY_STARS), message))
    voided = dataclasses.replace(ENTRIES[0], kind=LedgerKind.REFUND_VOIDED)
    add(("refund voided", t.reconciled_text(voided, MANY_STARS), message))
    # Shown as a button's alert: the answer's limit.
    one_invoice = StarsShort(BIG_ID, MANY_STARS, -MANY_STARS)
    add(("short of one invoice", t.stars_short_of_one_invoice(one_invoice), answer))
    # Ten admins with usernames as long as Telegram allows (32 characters).
    admins = [f"{'n' * 31}{n}" for n in range(10)]
    add(("paysupport", t.paysupport_default(admins), message))
    add(("paysupport", t.paysupport_default([]), message))
    add(("terms", t.terms_default(admins), message))
    add(("terms", t.terms_default([]), message))
    for pricing in (FREE, PAID, None):
        add(("start", t.start_text(pricing, VideoOptions.video_model), message))
    add(("unknown command", t.unknown_command(MENU), message))
    add(("description", t.bot_description, texts.DESCRIPTION_LIMIT))
    add(("short description", t.bot_short_description, texts.SHORT_DESCRIPTION_LIMIT))
    refund = Refund(BIG_ID, MANY_STARS, -MANY_STARS, True)
    add(("refund notice", t.refund_notice(refund), message))
    add(("refunded", t.refunded("stx" + "A" * 120, refund), message))
    add(("granted", t.granted(BIG_ID, MANY_STARS, MANY_STARS), message))
    add(("usage", t.grant_usage, message))
    add(("usage", t.refund_usage, message))
    # An answer to /refund, never to a button: a message's limit.
    add(("refund unanswered", t.user_error(RefundOutcomeUnknown(MANY_STARS)), message))
    stats = Stats(
        days=[DaySummary(f"2026-11-{d:02}", 99999, 99999, MUCH_USD) for d in range(1, 8)],
        users=[UserSummary(BIG_ID, "N" * 64, 99999, MUCH_USD) for _ in range(20)],
        running=99999,
        models=[ModelSummary(model, 99999, MUCH_USD) for model in MODELS],
        stars=[StarsDay("2026-11-01", MANY_STARS, MANY_STARS, MANY_STARS, MANY_STARS, 0)] * 7,
    )
    add(("stats", t.stats_text(stats), message))
    add(("stats", t.stats_text(Stats(days=[], users=[], running=0)), message))
    add(("language", t.language_choose, message))
    for error in USER_ERRORS:
        # Shown on a button press as well as in a message: the answer's limit is the tighter.
        add((f"error {type(error).__name__}", t.user_error(error), answer))
    for reason in ("unknown", "closed", "changed"):
        add((f"checkout {reason}", t.checkout_refused(CheckoutRefused(reason)), answer))
    for short_answer in (
        t.stale_button,
        t.submitting,
        t.cancelled_answer,
        t.storage_failed,
        t.storage_waiting,
        t.press_in_hand,
        t.not_allowed(BIG_ID),
        t.language_chosen,
        t.language_auto_chosen,
    ):
        add(("answer", short_answer, answer))
    for text in (
        t.ask_prompt,
        t.ask_card_prompt,
        t.ask_new_prompt,
        t.send_photo,
        t.nothing_to_cancel,
        t.cancelled_message,
        t.personal_account_needed,
        t.storage_waiting,
        t.payment_waiting(MANY_STARS, "v:1:2:3"),
        t.payment_waiting(MANY_STARS, "p:100"),
    ):
        add(("message", text, message))
    add(("next prompt caption", t.ask_next_prompt, caption))
    add(("placeholder", t.prompt_hint, texts.PLACEHOLDER_LIMIT))
    add(("invoice title", t.pack_title(MANY_STARS), texts.INVOICE_TITLE_LIMIT))
    for prompt in (LONGEST_PROMPT, "a" * 500, "x"):
        add(("invoice title", t.video_invoice_title(prompt), texts.INVOICE_TITLE_LIMIT))
    add(("invoice", t.pack_description(MANY_STARS), texts.INVOICE_DESCRIPTION_LIMIT))
    add(("invoice", t.video_invoice_description(short), texts.INVOICE_DESCRIPTION_LIMIT))
    add(("invoice", t.video_invoice_description(StarsShort(BIG_ID, MANY_STARS, 0)), 255))
    for command in MENU:
        add((f"/{command}", t.command_description(command), texts.COMMAND_DESCRIPTION_LIMIT))
    for label in (
        t.cancel_label,
        t.prompt_label,
        t.again_label,
        t.new_prompt_label,
        t.continue_label,
        t.details_label,
        t.button_label(WIDEST.video_model.choice("audio", True)),
        t.button_label(WIDEST.video_model.choice("audio", False)),
        t.language_name,
        t.language_auto,
        t.chart_title,
        *dataclasses.astuple(t.chart_labels()),
    ):
        add(("label", label, 64))
    return out


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_text_renders_within_telegrams_limits(code, caplog):
    caplog.set_level(logging.WARNING, logger="bot.texts.catalog")
    rendered = messages(texts.of(code))
    for what, text, limit in rendered:
        assert text.strip(), f"{code}: {what} is empty"
        assert texts.utf16_len(text) <= limit, f"{code}: {what} is over {limit}: {text[:200]}"
        assert "{" not in text.replace(LONGEST_PROMPT, ""), f"{code}: {what}: {text[:200]}"
    # A value the message did not know, or one it lacked, is logged by the catalog.
    assert caplog.records == []


def test_a_message_missing_a_value_is_reported(caplog):
    """The check above can fail: a value left out is logged, and the text shows its name."""
    caplog.set_level(logging.WARNING, logger="bot.texts.catalog")
    text = texts.of("ru").message("stars-back", stars="5 ⭐")
    assert "job" in text and caplog.records


@pytest.mark.parametrize("code", LANGUAGES)
def test_long_texts_are_cut_but_keep_their_end(code):
    """The prompt is what gets shortened; the options and price after it stay whole."""
    t = texts.of(code)
    caption = t.video_caption(job(), WIDEST)
    assert caption.endswith(f"{t.options_line(WIDEST)} · {t.job_price(job())}")
    card = t.draft_text(DRAFT, WIDEST, Cost(MUCH_USD, MANY_STARS), Expected(30, False))
    assert t.options_line(WIDEST) in card and t.stars(MANY_STARS) in card


@pytest.mark.parametrize("code", LANGUAGES)
def test_option_values_read_the_same_in_every_language(code):
    t = texts.of(code)
    line = t.options_line(
        VideoOptions(duration=4, resolution=Resolution.K4, aspect_ratio=AspectRatio.TALL)
    )
    for value in ("4s", "4K", "9:16"):
        assert value in line
    line = t.options_line(VideoOptions(resolution=Resolution.P720, aspect_ratio=AspectRatio.WIDE))
    assert "8s" in line and "720p" in line and "16:9" in line
    if code != "en":
        english = texts.of("en")
        fast = WIDEST.video_model.choice("mode", Mode.FAST)
        assert t.choice_label(fast) != english.choice_label(fast)
        assert t.cancel_label != english.cancel_label


@pytest.mark.parametrize(
    ("code", "stars", "usd"),
    [
        ("en", "1,000,000 ⭐", "$1,234.50"),
        ("ru", "1\xa0000\xa0000 ⭐", "1\xa0234,50\xa0$"),
        ("uk", "1\xa0000\xa0000 ⭐", "1\xa0234,50\xa0USD"),
        ("es", "1.000.000 ⭐", "1.234,50\xa0US$"),
        ("pt-BR", "1.000.000 ⭐", "US$\xa01.234,50"),
        ("tr", "1.000.000 ⭐", "$1.234,50"),
        ("id", "1.000.000 ⭐", "US$1.234,50"),
    ],
)
def test_numbers_and_prices_are_written_as_the_language_writes_them(code, stars, usd):
    t = texts.of(code)
    assert t.stars(MANY_STARS) == stars
    assert t.usd(Decimal("1234.5")) == usd


def test_persian_keeps_prices_and_options_left_to_right_inside_its_sentences():
    """Each value sits between FSI and PDI (U+2068, U+2069), so "720p · 16:9" and "$0.80" are
    not reordered by the right-to-left text around them; the left-to-right languages get no
    such invisible characters."""
    fa, en = texts.of("fa"), texts.of("en")
    options = VideoOptions()
    card = fa.draft_text(
        dataclasses.replace(DRAFT, prompt="a dog"),
        options,
        Cost(Decimal("0.8")),
        Expected(30, False),
    )
    assert f"\u2068{fa.options_line(options)}\u2069" in card
    assert f"\u2068{fa.usd(Decimal('0.8'))}\u2069" in card
    assert "\u2068a dog\u2069" in card
    assert any("\u0600" <= ch <= "\u06ff" for ch in card)  # Persian script around them
    english = en.draft_text(DRAFT, options, Cost(Decimal("0.8")), Expected(30, False))
    assert "\u2068" not in english and "\u2069" not in english


@pytest.mark.parametrize(
    ("count", "ru", "uk"),
    [(1, "1 минута", "1 хвилина"), (3, "3 минуты", "3 хвилини"), (7, "7 минут", "7 хвилин")],
)
def test_the_status_counts_minutes_with_the_right_plural(count, ru, uk):
    running = job(status=JobStatus.GENERATING, submitted_at=1000.0)
    now = 1000.0 + count * 60 + 5
    assert ru in texts.of("ru").job_text(running, WIDEST, now=now)
    assert uk in texts.of("uk").job_text(running, WIDEST, now=now)


def test_an_unknown_language_gets_english():
    assert texts.of("de").code == "en"
    assert texts.of(texts.match("zh-hans")).stale_button == texts.of("en").stale_button


# -- /jobs: the user's numbers and the start of each prompt ------------------------------------


@pytest.mark.parametrize(
    ("prompt", "preview"),
    [
        ("A dog surfing a wave at sunset", "A dog surfing a wave at sunset"),
        (
            "A dog surfing a huge wave at sunset, cinematic, slow motion",
            "A dog surfing a huge wave at…",
        ),
        ("Line one\n\nline   two", "Line one line two"),
        ("x" * 60, "x" * 31 + "…"),  # one long word: cut inside it
        ("\u202eevil\u202c reversed \u2067text\u2069", "evil reversed text"),
    ],
)
def test_a_prompt_preview_is_one_line_cut_at_a_word(prompt, preview):
    shown = prompt_preview(prompt)
    assert shown == preview and texts.utf16_len(shown) <= 32


@pytest.mark.parametrize("code", LANGUAGES)
def test_jobs_shows_the_users_numbers_and_prompts_and_fits_uncut(code):
    t = texts.of(code)
    # Ten videos (what /jobs lists), each with the longest prompt and options.
    jobs = [
        (job(id=BIG_ID - n, number=10 - n, status=JobStatus.DELIVERED), WIDEST) for n in range(10)
    ]
    listing = t.jobs_list(jobs, MUCH_USD, MUCH_USD)
    assert str(BIG_ID) not in listing, "the global id is not the user's"
    lines = plain(listing).splitlines()
    assert [line.split()[0] for line in lines if line.startswith("#")] == [
        f"#{n}" for n in range(10, 0, -1)
    ]
    preview = prompt_preview(LONGEST_PROMPT)
    assert listing.count(preview) == 10
    assert lines[-1].endswith(t.status(JobStatus.DELIVERED)), "nothing was cut off"
    assert texts.utf16_len(listing) <= texts.MESSAGE_LIMIT


def test_a_prompt_is_shown_as_it_was_written_and_kept_apart_from_the_line():
    """Messages go without a parse mode: markup is text. A right-to-left prompt is isolated,
    so that the number and the quotes around it stay where they are."""
    hebrew = "<b>חתול</b> & dog"
    en = texts.of("en").jobs_list([(job(number=2, prompt=hebrew), WIDEST)], None, None)
    assert "#2 “\u2068<b>חתול</b> & dog\u2069”" in en
    latin = texts.of("en").jobs_list([(job(number=2, prompt="<i>cat</i>"), WIDEST)], None, None)
    assert "#2 “<i>cat</i>”" in latin and "\u2068" not in latin
    # A right-to-left catalog isolates every value itself: once.
    fa = texts.of("fa").jobs_list([(job(number=2, prompt=hebrew), WIDEST)], None, None)
    assert fa.count("\u2068<b>חתול</b> & dog\u2069") == 1 and "\u2068\u2068" not in fa


@pytest.mark.parametrize("code", LANGUAGES)
def test_what_a_user_reads_names_their_number_not_the_id(code):
    t = texts.of(code)
    mine = job(id=4242, number=3, status=JobStatus.FAILED, error="lost: gone")
    texts_of_a_job = [
        t.job_text(mine, WIDEST),
        t.failure_text(mine),
        t.stars_back(mine),
        t.link_text(mine, "https://x.test/v.mp4", True),
        t.delay_text(mine, "telegram", 1_796_000_000.0),
        t.paid_video_started(Payment(True, 100, 100), mine),
        t.balance_text(
            Account(0, [LedgerEntry(1, 7, LedgerKind.VIDEO, -64, "4242", None, 1.0, 3)])
        ),
    ]
    for text in map(plain, texts_of_a_job):
        assert "#3" in text and "4242" not in text, text


def plain(text: str) -> str:
    """The text without the isolation marks a right-to-left catalog puts around values."""
    return text.replace("\u2068", "").replace("\u2069", "")


def test_the_sandbox_promises_a_sample_from_a_photo_only_where_there_is_one():
    t = texts.of("en")
    free = Cost(Decimal("0.64"), sandbox=True)
    for model_id, inputs, from_photo in (
        ("google/veo-3.1/image-to-video", {}, True),
        ("google/veo-3.1/reference-to-video", {"images": ["a", "b"]}, True),
        ("google/veo-3.1/text-to-video", {}, False),
        ("google/veo-3.1/extend-video", {"video": 1, "source_seconds": 8}, False),
    ):
        options = MODELS[model_id].defaults()
        draft = dataclasses.replace(
            DRAFT,
            model=model_id,
            args=options.args,
            inputs=inputs,
            file_id="" if model_id.endswith("text-to-video") else DRAFT.file_id,
        )
        note = t.draft_text(draft, options, free, Expected(30, False)).split("\n")[0]
        promised = "made from your photo." if from_photo else "a short sample."
        assert note.endswith(promised), model_id
