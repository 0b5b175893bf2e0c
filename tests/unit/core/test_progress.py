"""The expected time of a video and its progress bar: the numbers, the words, the history
they come from (on both stores) and the pace of the status edits."""

import dataclasses
import itertools
from decimal import Decimal

import pytest

from bot import texts
from bot.core import progress
from bot.core.drafts import DraftService
from bot.core.options import options_of
from bot.core.pricing import StarPricing
from bot.core.progress import Expected, bar, expected_seconds
from bot.telegram import notifier as telegram_notifier
from bot.telegram.notifier import TelegramNotifier
from bot.veo import DURATIONS, Mode, Resolution, VideoOptions
from bot.veo.sandbox import SIMULATED_PREFIX, simulated
from storage import Database, JobStatus, estimates
from tests.fakes.memory import Clock, English, RecordingBot
from tests.records import OPTIONS, history_key
from tests.records import options as stored_options
from tests.unit.texts.test_words import job as stored_job

EN = texts.of("en")
RU = texts.of("ru")

FAST_720_8 = VideoOptions()  # the API's defaults: fast, 8 s, 720p


# -- the expectation -------------------------------------------------------------------------


def test_the_median_of_recent_jobs_once_there_are_three():
    assert expected_seconds(FAST_720_8, [40.0, 300.0, 50.0]) == Expected(50.0, True)
    assert expected_seconds(FAST_720_8, [40.0, 60.0, 50.0, 70.0]) == Expected(55.0, True)


def test_fewer_than_three_recent_jobs_give_the_built_in_estimate():
    assert expected_seconds(FAST_720_8, [5.0, 6.0]) == Expected(75.0, False)
    quality_4k = VideoOptions(mode=Mode.QUALITY, resolution=Resolution.K4)
    assert expected_seconds(quality_4k, []) == Expected(360.0, False)


def test_every_option_set_has_a_plausible_built_in_estimate():
    for mode, resolution, duration in itertools.product(Mode, Resolution, DURATIONS):
        options = VideoOptions(mode=mode, resolution=resolution, duration=duration)
        seconds, from_history = expected_seconds(options, [])
        assert 30 <= seconds <= 600 and not from_history, (mode, resolution, duration)
        # Quality takes longer than Fast, and a longer clip longer than a shorter one.
        fast = expected_seconds(options.model_copy(update={"mode": Mode.FAST}), [])
        assert seconds >= fast.seconds
        if duration > DURATIONS[0]:
            shorter = options.model_copy(update={"duration": DURATIONS[0]})
            assert seconds > expected_seconds(shorter, []).seconds


# -- the status while a video is made --------------------------------------------------------


def status_at(seconds, status=JobStatus.GENERATING, words=EN, expected=75.0):
    """The status message of a Fast 720p 8 s job `seconds` after it was submitted."""
    running = stored_job(status=status, submitted_at=1000.0)
    return words.job_text(running, FAST_720_8, now=1000.0 + seconds, expected=expected)


def the_lines(text):
    """The status message's last three lines: where, what to expect, the bar."""
    return text.splitlines()[-3:]


def test_a_normal_fast_video_after_a_minute_is_not_late():
    assert the_lines(status_at(0, JobStatus.QUEUED)) == [
        "Status: ⏳ queued · just now",
        "Usually takes about 1 min",
        "▓▓▓░░░░░░░",
    ]
    assert the_lines(status_at(60)) == [
        "Status: 🎞 being made · 1 min so far",
        "Usually takes about 1 min",
        "░░░░░░▓▓▓░",
    ]
    assert "longer" not in status_at(120) and "%" not in status_at(120)


def test_a_video_clearly_past_its_usual_time_is_said_to_be_late():
    late = status_at(1.5 * 75 + 60 + 1)  # more than 1.5 times and a minute over
    assert the_lines(late)[:2] == [
        "Status: 🎞 being made · 2 min so far",
        "Taking longer: usually about 1 min",
    ]
    slow = status_at(1.5 * 300 + 1, expected=300.0)
    assert "Taking longer: usually about 5 min" in slow
    assert "Затянулось: обычно около 5 минут" in status_at(451, words=RU, expected=300.0)
    assert "longer" not in status_at(449, expected=300.0)


def test_the_status_says_where_the_video_is_in_russian():
    assert the_lines(status_at(40, JobStatus.QUEUED, RU)) == [
        "Статус: ⏳ в очереди · только что",
        "Обычно занимает около 1 минуты",
        "░░░░▓▓▓░░░",
    ]
    sending = status_at(90, JobStatus.SUCCEEDED, RU)
    assert sending.splitlines()[-1] == "Статус: 📤 готово, отправляю видео…"
    assert "Обычно" not in sending and "▓" not in sending


@pytest.mark.parametrize("elapsed", [0, 5, 40, 75, 120, 1000, 10_000])
def test_the_bar_only_moves_it_never_fills_nor_claims_a_share(elapsed):
    cells = bar(elapsed)
    assert len(cells) == progress.CELLS and cells.count("▓") == progress.LIT
    assert "%" not in cells


def test_the_bar_walks_to_and_fro_a_step_each_ten_seconds():
    steps = [bar(10 * n) for n in range(16)]
    assert steps[0] == "▓▓▓░░░░░░░" == bar(9.9)
    assert steps[1] == "░▓▓▓░░░░░░"
    assert steps[7] == "░░░░░░░▓▓▓"
    assert steps[8] == "░░░░░░▓▓▓░"  # back the other way
    assert steps[14] == steps[0] and steps[15] == steps[1]
    assert all(a != b for a, b in itertools.pairwise(steps))  # each status edit shows motion


@pytest.mark.parametrize(
    ("elapsed", "expected", "late"),
    [
        (60, 75, False),  # a normal Fast video after a minute is not late
        (134, 75, False),  # past the usual time, but not by a clear margin yet
        (136, 75, True),  # at least a minute over
        (80, 20, False),
        (100, 200, False),
        (300, 200, False),
        (301, 200, True),  # one and a half times
    ],
)
def test_late_only_by_a_clear_margin(elapsed, expected, late):
    assert progress.overtime(elapsed, expected) is late


def test_the_expectation_says_late_only_once_clearly_late():
    assert EN.progress_line(30, 75) == "Usually takes about 1 min"
    assert EN.progress_line(120, 75) == "Usually takes about 1 min"
    assert EN.progress_line(200, 75) == "Taking longer: usually about 1 min"
    assert RU.progress_line(200, 75) == "Затянулось: обычно около 1 минуты"


@pytest.mark.parametrize(
    ("seconds", "words"),
    [(20, "under a minute"), (59, "under a minute"), (75, "about 1 min"), (170, "about 3 min")],
)
def test_the_expected_time_in_words(seconds, words):
    assert EN.expected_time(seconds) == words


# -- the history, on both stores -------------------------------------------------------------


async def finished_job(db, status, took, *, at=1000.0, **options):
    """A job with these options (the test defaults otherwise) that took `took` seconds."""
    await db.users.touch(1, "Ann", None)
    draft = await db.drafts.create(
        user_id=1,
        chat_id=1,
        source_message_id=5,
        file_id="f1",
        mime_type="image/jpeg",
        prompt="a cat",
        options=stored_options(**options),
    )
    await db.drafts.set_message(draft.id, 6)
    job = await db.jobs.create_from_draft(draft.id, 1, Decimal("0.64"))
    fields = {"submitted_at": at} if status is not JobStatus.SUBMITTING else {}
    if took is not None:
        fields["finished_at"] = at + took
    return await db.jobs.transition(job.id, JobStatus.SUBMITTING, status, **fields)


async def test_recent_durations_are_of_made_videos_with_the_same_options(db):
    await finished_job(db, JobStatus.DELIVERED, 61.5)
    await finished_job(db, JobStatus.SUCCEEDED, 62.0)  # made, still being sent
    await finished_job(db, JobStatus.DELIVERED, 63.0, aspect_ratio="9:16")  # same work
    # Not like it: another mode, resolution, duration or audio; or no video came.
    await finished_job(db, JobStatus.DELIVERED, 900.0, mode="quality")
    await finished_job(db, JobStatus.DELIVERED, 900.0, resolution="4k")
    await finished_job(db, JobStatus.DELIVERED, 900.0, duration=4)
    await finished_job(db, JobStatus.DELIVERED, 900.0, audio=1)
    await finished_job(db, JobStatus.FAILED, 5.0)
    await finished_job(db, JobStatus.EXPIRED, 5.0)
    await finished_job(db, JobStatus.GENERATING, None)
    await finished_job(db, JobStatus.SUBMITTING, None)

    found = await db.estimates.recent_durations(history_key())
    assert found == [63.0, 62.0, 61.5]  # newest first
    assert await db.estimates.recent_durations(history_key(audio=True)) == [900.0]
    assert await db.estimates.recent_durations(history_key(mode="quality", resolution="4k")) == []


async def test_a_simulated_video_teaches_nothing_of_how_long_a_real_one_takes(db):
    real = await finished_job(db, JobStatus.DELIVERED, 61.5)
    await db.jobs.transition(
        real.id, JobStatus.DELIVERED, JobStatus.DELIVERED, provider_job_id="j-1"
    )
    sandbox = await finished_job(db, JobStatus.DELIVERED, 16.0)
    await db.jobs.transition(
        sandbox.id,
        JobStatus.DELIVERED,
        JobStatus.DELIVERED,
        provider_job_id=f"{SIMULATED_PREFIX}1000-ab",
    )
    assert await db.estimates.recent_durations(history_key()) == [61.5]


def test_storage_knows_the_sandboxs_ids_as_the_sandbox_makes_them():
    assert estimates.SIMULATED_PREFIX == SIMULATED_PREFIX
    assert simulated(f"{SIMULATED_PREFIX}1-a") and not simulated("job-1") and not simulated(None)


async def test_recent_durations_are_the_newest_ones(db):
    for took in range(30, 55):
        await finished_job(db, JobStatus.DELIVERED, float(took))
    found = await db.estimates.recent_durations(history_key())
    assert found == [float(t) for t in range(54, 34, -1)]
    assert await db.estimates.recent_durations(history_key(), limit=3) == [
        54.0,
        53.0,
        52.0,
    ]


async def test_the_card_shows_the_time_from_this_bots_own_videos(db):
    drafts = DraftService(db, pricing=StarPricing())
    await finished_job(db, JobStatus.DELIVERED, 100.0)
    await finished_job(db, JobStatus.DELIVERED, 140.0)
    draft = await db.drafts.create(
        user_id=1,
        chat_id=1,
        source_message_id=9,
        file_id="f2",
        mime_type="image/jpeg",
        prompt="a dog",
        options=OPTIONS,
    )
    two = await drafts.expected(draft)
    assert two == Expected(75.0, False)  # two are not enough yet
    card = EN.draft_text(draft, options_of(draft), drafts.cost(draft), two)
    assert "Time: usually about 1 min (estimate)" in card

    await finished_job(db, JobStatus.DELIVERED, 170.0)
    three = await drafts.expected(draft)
    assert three == Expected(140.0, True)
    card = EN.draft_text(draft, options_of(draft), drafts.cost(draft), three)
    assert "Time: usually about 2 min (recent videos)" in card


# -- the pace of the status edits ------------------------------------------------------------


async def paced_notifier(tmp_path, monkeypatch, status):
    """A job in `status` submitted at 1000, and a notifier on a clock the test moves."""
    db = await Database.open(tmp_path / "bot.sqlite3")
    try:
        job = await finished_job(db, status, None, at=1000.0)
    finally:
        await db.close()
    clock = Clock(5000.0)
    monkeypatch.setattr(telegram_notifier, "time", clock)
    bot = RecordingBot()
    return job, clock, bot, TelegramNotifier(bot, English())  # type: ignore[arg-type]


async def test_progress_edits_keep_telegrams_pace_and_endings_never_wait(tmp_path, monkeypatch):
    job, clock, bot, notifier = await paced_notifier(tmp_path, monkeypatch, JobStatus.QUEUED)

    def at(seconds, status=JobStatus.GENERATING):
        return dataclasses.replace(job, status=status, updated_at=1000.0 + seconds)

    async def poll(seconds, previous, status=JobStatus.GENERATING):
        clock.now = 5000.0 + seconds
        moved = at(seconds, status)
        await notifier.show_status(moved, since=previous, expected=75.0)
        return moved

    await notifier.show_status(at(0, JobStatus.QUEUED), expected=75.0)  # the API took it
    shown = at(0, JobStatus.QUEUED)
    for second in range(1, 10):  # a poll a second, the bar moving at each
        shown = await poll(second, shown)
    assert len(bot.edits) == 1 and "queued" in bot.edits[0] and "\n▓▓▓░░░░░░░" in bot.edits[0]
    shown = await poll(10, shown)
    assert len(bot.edits) == 2 and "being made" in bot.edits[1] and "░▓▓▓░░" in bot.edits[1]
    shown = await poll(11, shown)
    shown = await poll(19.9, shown)
    assert len(bot.edits) == 2
    shown = await poll(20, shown)
    assert len(bot.edits) == 3 and "░░▓▓▓░" in bot.edits[2]
    # A change that matters goes out at once, however soon after the last bar.
    await poll(21, shown, JobStatus.SUCCEEDED)
    assert len(bot.edits) == 4 and "done, sending the video" in bot.edits[3]
    assert all("%" not in text for text in bot.edits)

    # Unchanged text is never sent again, however long since the last edit.
    clock.now += 60
    ended = at(21, JobStatus.DELIVERED)
    await notifier.show_status(ended)
    await notifier.show_status(ended, since=ended)
    assert len(bot.edits) == 5 and "delivered" in bot.edits[4]


async def test_with_thousands_of_jobs_the_bars_keep_the_bots_pace_and_endings_do_not_wait(
    tmp_path, monkeypatch
):
    """Each job's bar may move every PROGRESS_EDIT_EVERY, but the bot as a whole moves no more
    than PROGRESS_EDITS_PER_SECOND of them a second (plus a second's burst); a video found
    goes out at once all the same."""
    job, clock, bot, notifier = await paced_notifier(tmp_path, monkeypatch, JobStatus.GENERATING)
    jobs = [dataclasses.replace(job, id=n, message_id=n) for n in range(1, 501)]
    for n, one in enumerate(jobs):  # 500 jobs polled within one second, each bar moved
        clock.now = 5000.0 + n / 500
        moved = dataclasses.replace(one, updated_at=1000.0 + 30)
        await notifier.show_status(moved, since=one, expected=75.0)
    rate = telegram_notifier.PROGRESS_EDITS_PER_SECOND
    assert rate <= len(bot.edits) <= 2 * rate + 1
    before = len(bot.edits)
    found = dataclasses.replace(jobs[-1], status=JobStatus.SUCCEEDED)
    await notifier.show_status(found, since=jobs[-1])
    assert len(bot.edits) == before + 1 and "done, sending the video" in bot.edits[-1]
