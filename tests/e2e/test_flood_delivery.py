"""Flood control that outlasts the rate limiter's own repeats, through the real bot process: the
job runner retries the delivery later, and not before Telegram's retry_after is over."""

from bot.app import FLOOD_RETRIES
from tests.chat import button, open_options

ANN = 1001
RETRY_AFTER = 1


async def test_a_delivery_retried_after_the_limiter_gave_up_waits_out_retry_after(
    bot, telegram, shortapi
):
    ann = telegram.user(ANN)
    # One 429 more than the limiter repeats: the last one reaches the job runner. Telegram
    # (the fake) answers 429 again to any sendVideo to the chat before retry_after is over.
    telegram.fail_next("sendVideo", 429, retry_after=RETRY_AFTER, times=FLOOD_RETRIES + 1)
    _, options = await open_options(telegram, ANN, ann)
    telegram.press(ANN, ann, options["message_id"], button(options, "Generate"))
    await telegram.wait_for(
        lambda: "delivered" in telegram.message(ANN, options["message_id"])["text"], timeout=30
    )
    calls = telegram.calls_of("sendVideo")
    statuses = [c.http_status for c in calls]
    assert statuses == [429] * (FLOOD_RETRIES + 1) + [200], (
        "a repeat came before retry_after was over",
        [c.short() for c in calls],
    )
    assert len([m for m in telegram.bot_messages(ANN) if "video" in m]) == 1
    assert len(shortapi.creates) == 1
    # The 429 PTB's rate limiter gave up on is one line, not a traceback (the bot's fixture
    # fails the test on any traceback in the log).
    (gave_up,) = [ln for ln in bot.log().splitlines() if "Rate limit hit after maximum" in ln]
    assert " WARNING " in gave_up
