"""Faults injected into the fakes while the real bot process works: nothing lost, nothing twice."""

import asyncio

import pytest

from tests.chat import button, open_options, press_and_wait, price_in

ANN = 1001


async def generate(telegram, user, caption="A lighthouse in a storm"):
    _, options = await open_options(telegram, user["id"], user, caption=caption)
    telegram.press(user["id"], user, options["message_id"], button(options, "Generate"))
    return options


async def settle(seconds=1.0):
    """Several poll intervals, for 'nothing more happens' checks."""
    await asyncio.sleep(seconds)


@pytest.mark.parametrize(
    "method", ["sendMessage", "editMessageText", "answerCallbackQuery", "sendVideo"]
)
async def test_flood_control_is_waited_out_and_the_call_repeated(bot, telegram, shortapi, method):
    ann = telegram.user(ANN)
    telegram.fail_next(method, error_code=429, retry_after=1)
    options = await generate(telegram, ann)
    await telegram.wait_for(lambda: telegram.uploads, timeout=20)
    await telegram.wait_for(
        lambda: "delivered" in telegram.message(ANN, options["message_id"])["text"]
    )
    calls = telegram.calls_of(method)
    assert len(calls) >= 2, "the refused call was made again"
    assert len(telegram.uploads) == 1 and len(shortapi.creates) == 1


async def test_option_presses_survive_a_429_on_the_edit(bot, telegram):
    ann = telegram.user(ANN)
    _, options = await open_options(telegram, ANN, ann)
    telegram.fail_next("editMessageText", error_code=429, retry_after=1)
    _, options = await press_and_wait(telegram, ANN, ann, options, "Quality")
    assert price_in(options["text"]) == "$1.28"


@pytest.mark.parametrize("method", ["sendMessage", "editMessageText", "answerCallbackQuery"])
async def test_a_telegram_server_error_on_any_call_loses_nothing(bot, telegram, shortapi, method):
    ann = telegram.user(ANN)
    telegram.fail_next(method, error_code=500)
    _, options = await open_options(telegram, ANN, ann)
    _, options = await press_and_wait(telegram, ANN, ann, options, "Quality")
    assert price_in(options["text"]) == "$1.28"
    telegram.press(ANN, ann, options["message_id"], button(options, "Generate"))
    await telegram.wait_for(
        lambda: "delivered" in telegram.message(ANN, options["message_id"])["text"], timeout=20
    )
    assert len(telegram.uploads) == 1 and len(shortapi.creates) == 1
    assert any(c.http_status == 500 for c in telegram.calls_of(method)), "the fault was hit"


async def test_telegram_server_errors_on_the_upload_are_retried(bot, telegram, shortapi):
    ann = telegram.user(ANN)
    telegram.fail_next("sendVideo", error_code=500, times=2)
    options = await generate(telegram, ann)
    await telegram.wait_for(
        lambda: "delivered" in telegram.message(ANN, options["message_id"])["text"], timeout=20
    )
    assert len(telegram.uploads) == 1
    assert len(telegram.calls_of("sendVideo")) == 3


async def test_api_faults_on_queries_are_retried(bot, telegram, shortapi):
    ann = telegram.user(ANN)
    shortapi.fail_next_query(http_status=500, times=2)
    shortapi.fail_next_query(http_status=429, times=1)
    shortapi.fail_next_query(http_status=200, body="<html>oops</html>", times=1)
    await generate(telegram, ann)
    await telegram.wait_for(lambda: telegram.uploads, timeout=30)
    assert len(shortapi.creates) == 1


async def test_a_server_error_on_create_is_not_retried_and_is_explained(bot, telegram, shortapi):
    ann = telegram.user(ANN)
    shortapi.fail_next_create(http_status=500, code=500, message="internal error")
    options = await generate(telegram, ann)
    told = await telegram.wait_for_bot_message(ANN, lambda m: "HTTP 500" in m.get("text", ""))
    assert "try again later" in told["text"]
    await settle()
    assert len(shortapi.creates) == 1
    assert "failed" in telegram.message(ANN, options["message_id"])["text"]


async def test_a_60_mb_result_arrives_as_a_link(bot, telegram, shortapi):
    ann = telegram.user(ANN)
    shortapi.video_size = 60 * 1024 * 1024
    options = await generate(telegram, ann)
    told = await telegram.wait_for_bot_message(ANN, lambda m: "too big" in m.get("text", ""))
    job = next(iter(shortapi.jobs.values()))
    assert f"{shortapi.base_url}/files/{job.file_name}" in told["text"]
    assert told["reply_to_message"]["message_id"] == options["message_id"]
    await telegram.wait_for(
        lambda: "delivered" in telegram.message(ANN, options["message_id"])["text"]
    )
    assert telegram.uploads == []


async def test_a_video_telegram_refuses_goes_as_a_document(bot, telegram, shortapi):
    ann = telegram.user(ANN)
    telegram.fail_next("sendVideo", error_code=400, description="Bad Request: wrong file type")
    options = await generate(telegram, ann)
    upload = await telegram.wait_for(lambda: telegram.uploads and telegram.uploads[0], timeout=20)
    assert upload.method == "sendDocument"
    assert upload.data == next(iter(shortapi.jobs.values())).video_content()
    assert upload.reply_to_message_id == options["message_id"]


async def test_a_user_who_blocked_the_bot_ends_the_delivery_once(bot, telegram, shortapi):
    ann = telegram.user(ANN)
    shortapi.script([0, 1, 1, 1, 2])
    options = await generate(telegram, ann)
    await shortapi.wait_for(lambda: shortapi.queries, timeout=10)
    telegram.block(ANN)
    await shortapi.wait_for(lambda: shortapi.downloads, timeout=20)
    await settle(1.5)
    assert len(telegram.calls_of("sendVideo")) <= 1
    assert telegram.uploads == []
    await bot.stop()
    assert bot.log().count("failed: undeliverable") == 1
    assert options  # the request existed; nothing was left retrying


async def test_a_job_that_never_finishes_expires_and_the_user_is_told(
    bot_env, bot_process, telegram, shortapi
):
    bot_env.update(JOB_TIMEOUT="1", JOB_LATE_GRACE="1")
    await bot_process.start()
    ann = telegram.user(ANN)
    shortapi.script([1])
    options = await generate(telegram, ann)
    told = await telegram.wait_for_bot_message(
        ANN, lambda m: "If the video still arrives" in m.get("text", "")
    )
    assert "marked request #1 as expired" in told["text"]
    assert told["reply_to_message"]["message_id"] == options["message_id"]
    await telegram.wait_for(
        lambda: telegram.message(ANN, options["message_id"])["text"].endswith("⌛ expired"),
        timeout=10,
    )
    queries = len(shortapi.queries)
    await settle()
    assert len(shortapi.queries) == queries, "no query after the job expired"
    telegram.send_text(ANN, ann, "/jobs")
    listing = await telegram.wait_for_bot_message(
        ANN, lambda m: "Spent today" in m.get("text", "")
    )
    assert "expired" in listing["text"]
