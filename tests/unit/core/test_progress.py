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
from storage import Database, JobStatus
from tests.fakes.memory import Clock, English, RecordingBot
from tests.records import OPTIONS, history_key
from tests.records import options as stored_options

EN = texts.of("en")

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


# -- the bar ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("elapsed", "text", "percent"),
    [
        (0, "░░░░░░░░░░ 0 %", 0),
        (7.5, "▓░░░░░░░░░ 10 %", 10),
        (30, "▓▓▓▓░░░░░░ 40 %", 40),
        (70, "▓▓▓▓▓▓▓▓▓░ 93 %", 93),
    ],
)
def test_the_bar_fills_with_the_time_elapsed(elapsed, text, percent):
    assert bar(elapsed, 75) == (text, percent)


@pytest.mark.parametrize("elapsed", [71.25, 75, 76, 150, 10_000])
def test_the_bar_never_claims_the_video_is_done(elapsed):
    text, percent = bar(elapsed, 75)
    assert percent == progress.MAX_PERCENT == 95
    assert text == "▓▓▓▓▓▓▓▓▓░ 95 %"


def test_past_the_usual_time_the_status_says_it_takes_longer():
    assert EN.progress_line(30, 75) == "Progress: ▓▓▓▓░░░░░░ 40 % · usually about 1 min"
    assert EN.progress_line(75, 75) == "Progress: ▓▓▓▓▓▓▓▓▓░ 95 % · usually about 1 min"
    assert EN.progress_line(200, 75) == (
        "Progress: ▓▓▓▓▓▓▓▓▓░ 95 % · taking longer than usual (usually about 1 min)"
    )


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
    assert len(bot.edits) == 1 and "queued" in bot.edits[0] and "0 %" in bot.edits[0]
    shown = await poll(10, shown)
    assert len(bot.edits) == 2 and "generating" in bot.edits[1] and "13 %" in bot.edits[1]
    shown = await poll(11, shown)
    shown = await poll(19.9, shown)
    assert len(bot.edits) == 2
    shown = await poll(20, shown)
    assert len(bot.edits) == 3 and "26 %" in bot.edits[2]
    # A change that matters goes out at once, however soon after the last bar.
    await poll(21, shown, JobStatus.SUCCEEDED)
    assert len(bot.edits) == 4 and "done, sending the video" in bot.edits[3]
    assert all("100 %" not in text for text in bot.edits)

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
