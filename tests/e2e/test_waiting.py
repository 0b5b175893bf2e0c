"""The waiting screen, through the real bot process: while a video is made its status message
says where the video is and for how long, what to expect, and shows a bar that claims no share
of the work; it says the video is late only once it clearly is."""

from storage import Database
from tests.chat import button, open_options

ANN = 1001
# No share of the work is known: no percentage, and the bar never fills.
BAR_CELLS = set("▓░")


async def make_it_older(bot_env: dict[str, str], seconds: float) -> None:
    """Move the running job's submission `seconds` back, as if it had waited that long."""
    db = await Database.open(bot_env.get("DATABASE_URL") or bot_env["DATABASE_PATH"])
    try:
        await db.execute("UPDATE jobs SET submitted_at = submitted_at - $1", seconds)
    finally:
        await db.close()


def lines(telegram, message_id: int) -> list[str]:
    """The last three lines of the status message: where, what to expect, the bar."""
    return telegram.message(ANN, message_id)["text"].splitlines()[-3:]


async def test_a_fast_video_is_late_only_well_past_its_usual_time(
    bot_env, bot, telegram, shortapi
):
    shortapi.script([0, 1, 2])
    shortapi.hold_jobs = True  # being made until the test says otherwise
    ann = telegram.user(ANN, "Ann")
    _, options = await open_options(telegram, ANN, ann)
    assert "Time: usually about 1 min (estimate)" in options["text"]  # Fast, 8 s, 720p
    message_id = options["message_id"]
    telegram.press(ANN, ann, message_id, button(options, "Generate"))

    def shows(words: str):
        return lambda: words in telegram.message(ANN, message_id)["text"]

    await telegram.wait_for(shows("Usually takes about 1 min"), timeout=20)
    where, expect, cells = lines(telegram, message_id)
    assert where.startswith("Status: ") and "just now" in where
    assert expect == "Usually takes about 1 min"
    assert set(cells) == BAR_CELLS and "%" not in telegram.message(ANN, message_id)["text"]

    # A minute in: a normal Fast video, not late.
    await make_it_older(bot_env, 60)
    await telegram.wait_for(shows("1 min so far"), timeout=30)
    where, expect, cells = lines(telegram, message_id)
    assert where == "Status: 🎞 being made · 1 min so far"
    assert expect == "Usually takes about 1 min" and set(cells) == BAR_CELLS

    # Past one and a half times its usual time, and a minute over: late, and it says so.
    await make_it_older(bot_env, 120)
    await telegram.wait_for(shows("3 min so far"), timeout=30)
    where, expect, cells = lines(telegram, message_id)
    assert where == "Status: 🎞 being made · 3 min so far"
    assert expect == "Taking longer: usually about 1 min"
    assert set(cells) == BAR_CELLS

    (job,) = shortapi.jobs.values()
    job.finished = True
    await telegram.wait_for(shows("delivered"), timeout=30)
    text = telegram.message(ANN, message_id)["text"]
    assert text.splitlines()[-1] == "Status: ✅ delivered"
    assert "Usually" not in text and "longer" not in text and "▓" not in text
