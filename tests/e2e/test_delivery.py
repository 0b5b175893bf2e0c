"""How a finished video reaches the chat, through the real bot process: by its URL, which
Telegram fetches (the default), or downloaded and uploaded by the bot."""

from tests.chat import polls_of_another_job, video_files_left
from tests.e2e.delivery import delivered, delivery_attempts, generate, stored_frames
from tests.fakes._video import FIRST_COLOUR, LAST_COLOUR
from tests.media import assert_colour, decoded

ANN = 1001


async def test_a_video_telegram_cannot_fetch_by_its_url_is_uploaded(
    bot, bot_env, telegram, shortapi
):
    ann = telegram.user(ANN)
    telegram.fail_next(
        "sendVideo", error_code=400, description="Bad Request: failed to get HTTP URL content"
    )
    options = await generate(telegram, ann)
    await telegram.wait_for(lambda: delivered(telegram, options), timeout=20)
    job = next(iter(shortapi.jobs.values()))
    by_url, upload = delivery_attempts(telegram, ANN)
    assert by_url.params["video"] == f"{shortapi.base_url}/files/{job.file_name}"
    assert by_url.http_status == 400 and upload.http_status == 200
    [uploaded] = telegram.uploads
    assert uploaded.url is None and uploaded.data == job.video_content()
    assert "A lighthouse in a storm" in uploaded.caption
    assert not [m for m in telegram.bot_messages(ANN) if "too big" in m.get("text", "")]


async def test_with_video_by_url_off_the_bot_uploads_the_file_it_read(
    uploads_only, bot, bot_env, telegram, shortapi
):
    ann = telegram.user(ANN)
    options = await generate(telegram, ann)
    await telegram.wait_for(lambda: delivered(telegram, options), timeout=20)
    [upload] = telegram.uploads
    job = next(iter(shortapi.jobs.values()))
    assert upload.url is None and upload.data == job.video_content()
    assert len(delivery_attempts(telegram, ANN)) == 1
    # Read from the file (the fake's real MP4), so that every client shows a player.
    sent = telegram.calls_of("sendVideo")[-1].params
    assert (sent["width"], sent["height"], sent["duration"]) == (320, 180, 1)
    assert sent["supports_streaming"] is True
    thumbnail = decoded(upload.thumbnail)
    assert max(thumbnail.size) <= 320 and len(upload.thumbnail) < 200_000
    assert_colour(thumbnail, FIRST_COLOUR)
    # The downloaded file is removed once sent; the delivery may be recorded (and shown)
    # before that: a later event, several poll cycles on, while the bot still runs.
    await polls_of_another_job(telegram, shortapi)
    assert video_files_left(bot_env) == []
    # Its last frame is kept at the delivery, what Continue starts from.
    assert await bot.stop() == 0
    (frame,) = await stored_frames(bot_env)
    assert decoded(frame).size == (320, 180)
    assert_colour(decoded(frame), LAST_COLOUR)
