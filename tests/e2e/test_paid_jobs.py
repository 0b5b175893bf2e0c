"""A paid video is never lost: long prompts, outages and crashes, through the real bot process."""

import os

import pytest

from tests.chat import button, open_options
from tests.e2e.delivery import delivered, generate
from tests.images import jpeg

ANN = 1001
FOX = "🦊"  # two UTF-16 code units, as Telegram counts


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


async def later_answer(telegram, user) -> dict:
    """A positive event that comes after everything the bot had in hand: its answer to /jobs."""
    telegram.send_text(user["id"], user, "/jobs")
    return await telegram.wait_for_bot_message(
        user["id"], lambda m: "Your recent videos:" in m.get("text", "")
    )


# -- 1. Telegram counts UTF-16 units ------------------------------------------------------------


async def test_a_caption_of_512_emoji_is_delivered_with_a_caption_that_fits(
    bot, telegram, shortapi
):
    ann = telegram.user(ANN)
    prompt = FOX * 512  # 1024 UTF-16 units: the longest caption Telegram takes
    options = await generate(telegram, ann, caption=prompt)
    await telegram.wait_for(lambda: delivered(telegram, options), timeout=20)
    assert shortapi.creates[0].body["args"]["prompt"] == prompt, "the API gets the whole prompt"
    (upload,) = telegram.uploads
    assert upload.method == "sendVideo"
    assert upload.caption.startswith(FOX * 100) and utf16(upload.caption) <= 1024
    assert "Fast · 8s · 720p" in upload.caption
    assert FOX * 100 in telegram.message(ANN, options["message_id"])["text"]


async def test_a_600_emoji_text_prompt_is_delivered_too(bot, telegram, shortapi):
    ann = telegram.user(ANN)
    telegram.send_photo(ANN, ann, jpeg())
    await telegram.wait_for_bot_message(ANN, lambda m: "send me the prompt" in m.get("text", ""))
    prompt = FOX * 600
    telegram.send_text(ANN, ann, prompt)
    options = await telegram.wait_for_bot_message(
        ANN, lambda m: m.get("reply_markup") and "Price" in m.get("text", "")
    )
    telegram.press(ANN, ann, options["message_id"], button(options, "Generate"))
    await telegram.wait_for(lambda: delivered(telegram, options), timeout=20)
    assert shortapi.creates[0].body["args"]["prompt"] == prompt
    (upload,) = telegram.uploads
    assert upload.method == "sendVideo" and utf16(upload.caption) <= 1024


async def test_a_refused_caption_still_delivers_the_video_without_it(
    uploads_only, bot, telegram, shortapi
):
    ann = telegram.user(ANN)
    telegram.fail_next("sendVideo", 400, "Bad Request: message caption is too long")
    options = await generate(telegram, ann)
    await telegram.wait_for(lambda: delivered(telegram, options), timeout=20)
    (upload,) = telegram.uploads
    assert upload.method == "sendVideo" and upload.caption is None
    assert upload.data == next(iter(shortapi.jobs.values())).video_content()


async def test_a_video_refused_in_every_form_arrives_as_a_link(
    uploads_only, bot, telegram, shortapi
):
    ann = telegram.user(ANN)
    refusal = "Bad Request: wrong file identifier/HTTP URL specified"
    telegram.fail_next("sendVideo", 400, refusal)
    telegram.fail_next("sendDocument", 400, refusal)
    options = await generate(telegram, ann)
    told = await telegram.wait_for_bot_message(ANN, lambda m: "Download it here" in m["text"])
    job = next(iter(shortapi.jobs.values()))
    assert f"{shortapi.base_url}/files/{job.file_name}" in told["text"]
    await telegram.wait_for(lambda: delivered(telegram, options), timeout=20)
    assert telegram.uploads == []
    assert "could not send" not in str(telegram.bot_messages(ANN))


# -- 2. An outage never ends a paid job ----------------------------------------------------------


@pytest.mark.both_stores
async def test_a_long_telegram_outage_on_the_upload_delivers_the_video_afterwards(
    bot, telegram, shortapi
):
    ann = telegram.user(ANN)
    # Before, five failed attempts failed the job for good; these are twice as many.
    telegram.fail_next("sendVideo", 502, "Bad Gateway", times=10)
    options = await generate(telegram, ann)
    await telegram.wait_for(lambda: delivered(telegram, options), timeout=60)
    assert len(telegram.uploads) == 1 and len(shortapi.creates) == 1
    refused = [c for c in telegram.calls_of("sendVideo") if c.http_status == 502]
    assert len(refused) == 10
    texts = [m.get("text", "") for m in telegram.bot_messages(ANN)]
    assert sum("Telegram is not accepting the finished video" in t for t in texts) == 1
    assert not any("could not send" in t for t in texts)


async def test_a_long_api_outage_on_queries_delivers_the_video_afterwards(bot, telegram, shortapi):
    ann = telegram.user(ANN)
    shortapi.script([0, 1, 2])
    options = await generate(telegram, ann)
    await shortapi.wait_for(lambda: shortapi.queries, timeout=10)
    # Each status check makes four HTTP queries; before, five failed checks failed the job.
    shortapi.fail_next_query(http_status=500, times=4 * 6)
    await telegram.wait_for(lambda: delivered(telegram, options), timeout=90)
    assert len(telegram.uploads) == 1 and len(shortapi.creates) == 1
    texts = [m.get("text", "") for m in telegram.bot_messages(ANN)]
    assert sum("The video service is not answering right now" in t for t in texts) == 1
    assert not any("stopped answering" in t or "stopped asking" in t for t in texts)


async def test_api_errors_in_the_envelope_are_outlasted_too(bot, telegram, shortapi):
    ann = telegram.user(ANN)
    options = await generate(telegram, ann)
    await shortapi.wait_for(lambda: shortapi.queries, timeout=10)
    shortapi.fail_next_query(http_status=200, body={"code": 500, "message": "busy"}, times=8)
    await telegram.wait_for(lambda: delivered(telegram, options), timeout=60)
    assert len(telegram.uploads) == 1


async def test_a_job_the_api_no_longer_knows_fails_with_a_message(bot, telegram, shortapi):
    ann = telegram.user(ANN)
    shortapi.script([0, 1, 1, 2])
    options = await generate(telegram, ann)
    await shortapi.wait_for(lambda: shortapi.queries, timeout=10)
    shortapi.jobs.clear()  # the fake now answers code 404 "job not found"
    told = await telegram.wait_for_bot_message(ANN, lambda m: "no longer knows" in m["text"])
    assert f"request #{1}" in told["text"]
    assert "failed" in telegram.message(ANN, options["message_id"])["text"]


# -- 3. A kill before the create call left ------------------------------------------------------


@pytest.mark.both_stores
async def test_kill_9_while_the_photo_is_fetched_submits_the_job_after_restart(
    bot, telegram, shortapi
):
    ann = telegram.user(ANN)
    _, options = await open_options(telegram, ANN, ann)
    telegram.stall_next("getFile", seconds=30)
    telegram.press(ANN, ann, options["message_id"], button(options, "Generate"))
    await telegram.wait_for(lambda: "getFile" in telegram.stalled, timeout=20)
    await bot.kill()  # the photo was still being fetched: no create request had left
    assert shortapi.creates == []
    await bot.start()
    await telegram.wait_for(lambda: delivered(telegram, options), timeout=30)
    assert len(shortapi.creates) == 1 and len(telegram.uploads) == 1
    listing = await later_answer(telegram, ann)
    assert "delivered" in listing["text"] and "Spent today: $0.64" in listing["text"]
    assert not any("no answer came back" in m.get("text", "") for m in telegram.messages(ANN))


@pytest.mark.both_stores
async def test_kill_9_during_the_create_call_is_outcome_unknown_and_never_resent(
    bot, telegram, shortapi
):
    ann = telegram.user(ANN)
    shortapi.fail_next_create(http_status=None, delay=30)  # the request arrived; no answer yet
    options = await generate(telegram, ann)
    await shortapi.wait_for(lambda: shortapi.creates, timeout=10)
    await bot.kill()
    await bot.start()
    told = await telegram.wait_for_bot_message(ANN, lambda m: "no answer came back" in m["text"])
    assert "Request #1" in told["text"]
    listing = await later_answer(telegram, ann)
    assert "outcome unknown" in listing["text"] and "Spent today: $0.64" in listing["text"]
    assert len(shortapi.creates) == 1
    assert "outcome unknown" in telegram.message(ANN, options["message_id"])["text"]


# -- 10. Memory stays bounded, whatever the photos --------------------------------------------


def peak_rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmHWM")


async def test_eight_photos_of_19_5_mb_at_once_stay_under_300_mb(bot, telegram, shortapi):
    size = int(19.5 * 1024 * 1024)
    pressed = []
    for n in range(8):
        user = telegram.user(2000 + n, f"User{n}")
        photo = jpeg() + os.urandom(size - len(jpeg()))  # JPEG magic, then noise
        telegram.send_photo(user["id"], user, photo, caption=f"Video {n}")
        options = await telegram.wait_for_bot_message(
            user["id"], lambda m: m.get("reply_markup") and "Price" in m.get("text", "")
        )
        pressed.append((user, options))
    for user, options in pressed:  # eight Generates at once
        telegram.press(user["id"], user, options["message_id"], button(options, "Generate"))
    await shortapi.wait_for(lambda: len(shortapi.creates) == 8, timeout=120)
    assert all(c.http_status == 200 for c in shortapi.creates)
    assert len({c.body["args"]["image"] for c in shortapi.creates}) == 8
    peak = peak_rss_mb(bot.pid)
    print(f"bot peak RSS with eight 19.5 MB photos: {peak:.0f} MB")
    assert peak < 300, f"the bot peaked at {peak:.0f} MB"
    for _, options in pressed:
        await telegram.wait_for(lambda o=options: delivered(telegram, o), timeout=60)
