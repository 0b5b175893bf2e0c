"""How a finished video reaches the chat, through the real bot process: by its URL, which
Telegram fetches (the default), or downloaded and uploaded by the bot."""

from tests.buttons import cut_off
from tests.chat import (
    button,
    keyboard_labels,
    open_options,
    polls_of_another_job,
    press_and_wait,
    video_files_left,
)
from tests.e2e.delivery import (
    delivered,
    delivery_attempts,
    generate,
    stored_frames,
    video_message,
)
from tests.fakes._video import FIRST_COLOUR, LAST_COLOUR, padded_mp4
from tests.images import jpeg
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


# Over what Telegram reads the size and length of itself (10 MB), under what it fetches (20 MB).
BIG = 12 * 1024 * 1024


async def generate_with(telegram, user, *labels) -> dict:
    """Send a photo, press each option of `labels`, then Generate; the user's photo message."""
    photo, options = await open_options(telegram, user["id"], user, caption="A fox in the snow")
    for label in labels:
        _, options = await press_and_wait(telegram, user["id"], user, options, label)
    telegram.press(user["id"], user, options["message_id"], button(options, "Generate"))
    return photo


def frame(video: dict) -> tuple[int, int, int]:
    """What the chat shows of a video before it plays: its width, height and seconds."""
    return video["width"], video["height"], video["duration"]


async def test_a_big_video_by_url_shows_the_frame_and_length_of_its_options_and_the_photo(
    bot, telegram, shortapi
):
    ann = telegram.user(ANN)
    shortapi.video_size = BIG
    photo = await generate_with(telegram, ann, "1080p", "9:16", "6s")
    message = await video_message(telegram, 1)
    [upload] = telegram.uploads
    assert upload.url is not None and len(upload.data) == BIG  # fetched by Telegram
    # A tall 1080p frame of 6 seconds, with the user's own photo on it until it plays.
    assert frame(message["video"]) == (1080, 1920, 6)
    assert message["video"]["cover"][-1]["file_id"] == photo["photo"][-1]["file_id"]
    assert cut_off(keyboard_labels(message)) == []


async def test_with_auto_the_frame_is_what_telegram_reads_of_a_small_file_and_none_of_a_big(
    bot, telegram, shortapi
):
    ann = telegram.user(ANN)
    shortapi.video_bytes = padded_mp4(BIG)  # 320x180, 1 s, and 12 MB
    await generate_with(telegram, ann, "Auto")
    big = (await video_message(telegram, 1))["video"]
    sent = telegram.calls_of("sendVideo")[-1].params
    # Veo chooses the frame for auto: no size is declared, and Telegram reads none of 12 MB.
    assert "width" not in sent and "height" not in sent
    assert frame(big) == (0, 0, 8)
    shortapi.video_bytes = None  # the same video, unpadded: under 10 MB
    await generate_with(telegram, ann)  # the last Generate's options: auto again
    small = (await video_message(telegram, 2))["video"]
    assert (small["width"], small["height"]) == (320, 180)


async def test_an_image_sent_as_a_file_is_no_cover_and_the_video_still_goes_by_url(
    bot, telegram, shortapi
):
    ann = telegram.user(ANN)
    telegram.send_document(
        ANN, ann, jpeg(), mime_type="image/jpeg", file_name="fox.jpg", caption="A fox"
    )
    options = await telegram.wait_for_bot_message(ANN, lambda m: m.get("reply_markup"))
    telegram.press(ANN, ann, options["message_id"], button(options, "Generate"))
    message = await video_message(telegram, 1)
    with_cover, without = delivery_attempts(telegram, ANN)
    assert with_cover.http_status == 400 and "cover" in with_cover.params
    assert without.http_status == 200 and "cover" not in without.params
    assert [u.url for u in telegram.uploads] == [without.params["video"]]
    assert frame(message["video"]) == (1280, 720, 8) and "cover" not in message["video"]
