"""Faults injected into the fakes while the real bot process works: nothing lost, nothing twice."""

import pytest

from tests.chat import (
    button,
    open_options,
    polls_of_another_job,
    press_and_wait,
    price_in,
    video_files_left,
)
from tests.e2e.delivery import delivered, delivery_attempts, generate

ANN = 1001
RETRY_AFTER = 1


@pytest.mark.parametrize(
    "method", ["sendMessage", "editMessageText", "answerCallbackQuery", "sendVideo"]
)
async def test_flood_control_is_waited_out_and_the_call_repeated(bot, telegram, shortapi, method):
    ann = telegram.user(ANN)
    telegram.fail_next(method, error_code=429, retry_after=RETRY_AFTER)
    options = await generate(telegram, ann)
    await telegram.wait_for(lambda: telegram.uploads, timeout=20)
    await telegram.wait_for(lambda: delivered(telegram, options))
    calls = telegram.calls_of(method)
    # The fake keeps refusing until retry_after has passed, so a repeat that came too early
    # would show here as a second 429.
    refused = [i for i, c in enumerate(calls) if c.http_status == 429]
    assert len(refused) == 1, [c.short() for c in calls]
    first, repeat = calls[refused[0]], calls[refused[0] + 1]
    assert repeat.http_status == 200
    assert repeat.time >= first.time + RETRY_AFTER, "the repeat waited retry_after"
    for name in ("text", "caption", "callback_query_id", "chat_id"):
        assert repeat.params.get(name) == first.params.get(name), "the same call, repeated"
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
    assert "failed" in telegram.message(ANN, options["message_id"])["text"]
    await polls_of_another_job(telegram, shortapi)
    prompts = [c.body["args"]["prompt"] for c in shortapi.creates]
    assert prompts == ["A lighthouse in a storm", "A later video"], "no second create for it"


@pytest.mark.parametrize("content_length", [True, False], ids=["declared", "chunked"])
async def test_a_60_mb_result_arrives_as_a_link_and_is_never_uploaded(
    bot, bot_env, telegram, shortapi, content_length
):
    ann = telegram.user(ANN)
    shortapi.video_size = 60 * 1024 * 1024
    # Chunked: no Content-Length, so only the cap on the bytes read stops the download.
    shortapi.content_length = content_length
    options = await generate(telegram, ann)
    told = await telegram.wait_for_bot_message(
        ANN, lambda m: "too big" in m.get("text", ""), timeout=20
    )
    job = next(iter(shortapi.jobs.values()))
    assert f"{shortapi.base_url}/files/{job.file_name}" in told["text"]
    assert told["reply_to_message"]["message_id"] == options["message_id"]
    await telegram.wait_for(lambda: delivered(telegram, options))
    # Handed by its URL first, which Telegram cannot fetch past 20 MB; then not one upload
    # attempt, not even one Telegram refused with 413.
    [by_url] = delivery_attempts(telegram, ANN)
    assert by_url.params["video"] == f"{shortapi.base_url}/files/{job.file_name}"
    assert (by_url.http_status, by_url.files) == (400, {})
    assert telegram.uploads == []
    assert video_files_left(bot_env) == [], "no partial download is left"


async def test_a_video_telegram_refuses_goes_as_a_document(uploads_only, bot, telegram, shortapi):
    ann = telegram.user(ANN)
    telegram.fail_next("sendVideo", error_code=400, description="Bad Request: wrong file type")
    options = await generate(telegram, ann)
    upload = await telegram.wait_for(lambda: telegram.uploads and telegram.uploads[0], timeout=20)
    assert upload.method == "sendDocument"
    assert upload.data == next(iter(shortapi.jobs.values())).video_content()
    assert upload.reply_to_message_id == options["message_id"]
    await telegram.wait_for(lambda: delivered(telegram, options))
    assert [(c.method, c.http_status) for c in delivery_attempts(telegram, ANN)] == [
        ("sendVideo", 400),
        ("sendDocument", 200),
    ]


async def test_a_user_who_blocks_the_bot_during_the_upload_is_refused_once(
    bot, bot_env, telegram, shortapi
):
    ann = telegram.user(ANN)
    telegram.stall_next("sendVideo", seconds=0.5)  # the upload is on its way...
    await generate(telegram, ann)
    await telegram.wait_for(lambda: telegram.stalled, timeout=20)
    telegram.block(ANN)  # ...when the user blocks the bot
    await telegram.wait_for(lambda: any(c.http_status for c in telegram.calls_of("sendVideo")))
    await polls_of_another_job(telegram, shortapi)
    assert [(c.method, c.http_status) for c in delivery_attempts(telegram, ANN)] == [
        ("sendVideo", 403)
    ], "one attempt, and no retry of a refusal"
    assert telegram.uploads == []
    assert video_files_left(bot_env) == []
    await bot.stop()
    assert bot.log().count("failed: undeliverable") == 1


async def test_a_user_who_blocked_the_bot_while_it_worked_ends_the_delivery_once(
    bot, telegram, shortapi
):
    ann = telegram.user(ANN)
    shortapi.script([0, 1, 1, 1, 2])
    await generate(telegram, ann)
    await shortapi.wait_for(lambda: shortapi.queries, timeout=10)
    telegram.block(ANN)
    await telegram.wait_for(
        lambda: telegram.calls_of("sendChatAction") or delivery_attempts(telegram, ANN),
        timeout=20,
    )
    await polls_of_another_job(telegram, shortapi)
    # The first call of the delivery that Telegram refused (the chat action or the upload)
    # ends it: no second upload attempt, no document.
    tried = [
        c
        for c in telegram.calls
        if c.params.get("chat_id") == ANN
        and c.method in ("sendChatAction", "sendVideo", "sendDocument")
    ]
    assert tried and all(c.http_status == 403 for c in tried), [c.short() for c in tried]
    assert len(telegram.calls_of("sendVideo")) <= 1 and telegram.calls_of("sendDocument") == []
    assert telegram.uploads == []
    await bot.stop()
    assert bot.log().count("failed: undeliverable") == 1


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
    job_id = next(iter(shortapi.jobs))
    queries = shortapi.queries.count(job_id)
    await polls_of_another_job(telegram, shortapi)
    assert shortapi.queries.count(job_id) == queries, "no query after the job expired"
    telegram.send_text(ANN, ann, "/jobs")
    listing = await telegram.wait_for_bot_message(
        ANN, lambda m: "Spent today" in m.get("text", "")
    )
    assert "expired" in listing["text"]
