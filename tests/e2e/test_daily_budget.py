"""The daily budgets count today's spend only (UTC days), through the real bot process: what
was spent yesterday, up to the last second, does not hold up a video today."""

import time
from decimal import Decimal

from bot.core.drafts import utc_day_start
from storage import Database, JobStatus
from tests.chat import button, open_options
from tests.records import open_draft

ANN, ZED = 1001, 1002
PRICE = Decimal("0.64")  # fast, 8 s, 720p, no audio: the options a new photo starts with


async def spent_yesterday(bot_env: dict[str, str], user_id: int, videos: int) -> None:
    """Write `videos` delivered jobs of the user into the bot's database, made in the last
    second of yesterday (UTC)."""
    db = await Database.open(bot_env.get("DATABASE_URL") or bot_env["DATABASE_PATH"])
    try:
        yesterday = utc_day_start(time.time()) - 1
        for n in range(videos):
            draft = await open_draft(db, user_id, prompt=f"yesterday {n}")
            job = await db.jobs.create_from_draft(draft.id, user_id, PRICE)
            assert job is not None
            await db.jobs.transition(
                job.id,
                JobStatus.SUBMITTING,
                JobStatus.DELIVERED,
                provider_job_id=f"yesterday-{user_id}-{n}",
                amount=PRICE,
                submitted_at=yesterday,
                finished_at=yesterday,
                delivered_at=yesterday,
            )
            await db.execute(
                "UPDATE jobs SET created_at = $1, updated_at = $1 WHERE id = $2", yesterday, job.id
            )
    finally:
        await db.close()


async def test_yesterdays_spend_does_not_count_against_today(
    bot_env, bot_process, telegram, shortapi
):
    # One $0.64 video a day fits Ann's limit; three the bot's. Yesterday used both up.
    bot_env.update(USER_DAILY_BUDGET="1.00", DAILY_BUDGET="2.00")
    await spent_yesterday(bot_env, ANN, 1)
    await spent_yesterday(bot_env, ZED, 2)
    await bot_process.start()
    ann = telegram.user(ANN)

    _, first = await open_options(telegram, ANN, ann, caption="Today's first")
    query = telegram.press(ANN, ann, first["message_id"], button(first, "Generate"))
    answer = await telegram.wait_for_answer(query)
    assert not answer.get("show_alert"), answer.get("text")
    await telegram.wait_for(
        lambda: "delivered" in telegram.message(ANN, first["message_id"])["text"], timeout=20
    )
    assert [c.body["args"]["prompt"] for c in shortapi.creates] == ["Today's first"]

    # Today's spend counts: a second video would pass her limit.
    _, second = await open_options(telegram, ANN, ann, caption="Today's second")
    query = telegram.press(ANN, ann, second["message_id"], button(second, "Generate"))
    answer = await telegram.wait_for_answer(query)
    assert answer["show_alert"] and "$0.36 is left" in answer["text"]
    telegram.send_text(ANN, ann, "/jobs")
    listing = await telegram.wait_for_bot_message(
        ANN, lambda m: "Spent today" in m.get("text", "")
    )
    assert "Spent today: $0.64 of your $1.00 daily limit." in listing["text"]
    assert len(shortapi.creates) == 1
