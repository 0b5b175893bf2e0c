"""The bot as an operator runs it: settings, the allow-list, restarts, logs without secrets."""

import socket
import sqlite3
from urllib.parse import urlsplit

import pytest

from tests.chat import button, open_options, polls_of_another_job, press_and_wait, price_in
from tests.images import jpeg
from tests.process import API_KEY, BOT_TOKEN, run_until_exit

ANN = 1001
EVE = 6666


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"TELEGRAM_BOT_TOKEN": None}, "TELEGRAM_BOT_TOKEN"),
        ({"SHORTAPI_KEY": None}, "SHORTAPI_KEY"),
        ({"JOB_POLL_INTERVAL": "soon"}, "JOB_POLL_INTERVAL"),
        ({"JOB_POLL_INTERVAL": "0"}, "JOB_POLL_INTERVAL"),
        ({"ALLOWED_USER_IDS": "12,bob"}, "ALLOWED_USER_IDS"),
        ({"SHORTAPI_BASE_URL": "api.shortapi.ai"}, "SHORTAPI_BASE_URL"),
    ],
)
async def test_a_bad_setting_exits_2_with_one_line_naming_it(bot_env, tmp_path, change, named):
    env = dict(bot_env)
    for key, value in change.items():
        if value is None:
            env.pop(key)
        else:
            env[key] = value
    code, out = await run_until_exit(env, tmp_path)
    assert code == 2
    lines = out.strip().splitlines()
    assert len(lines) == 1 and named in lines[0], out
    assert "Traceback" not in out
    assert BOT_TOKEN not in out and API_KEY not in out


async def test_a_database_from_a_newer_bot_is_refused_cleanly(bot_env, tmp_path, telegram):
    path = tmp_path / "newer.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 99")
    code, out = await run_until_exit(bot_env | {"DATABASE_PATH": str(path)}, tmp_path)
    assert code == 1
    assert "newer" in out.strip().splitlines()[-1]


async def test_allowed_user_ids_refuse_everyone_else(bot_env, bot_process, telegram, shortapi):
    bot_env["ALLOWED_USER_IDS"] = f"{ANN}, 42"
    await bot_process.start()
    eve = telegram.user(EVE, "Eve")
    telegram.send_photo(EVE, eve, jpeg(), caption="let me in")
    refusal = await telegram.wait_for_bot_message(EVE)
    assert "private" in refusal["text"] and str(EVE) in refusal["text"]
    assert not refusal.get("reply_markup")

    ann = telegram.user(ANN, "Ann")
    _, options = await open_options(telegram, ANN, ann)
    query = telegram.press(ANN, eve, options["message_id"], button(options, "Generate"))
    assert "private" in (await telegram.wait_for_answer(query))["text"]
    assert shortapi.creates == []
    assert telegram.bot_messages(EVE) == [refusal]


@pytest.mark.both_stores
async def test_buttons_work_after_a_restart(bot, telegram, shortapi):
    ann = telegram.user(ANN)
    _, options = await open_options(telegram, ANN, ann)
    _, options = await press_and_wait(telegram, ANN, ann, options, "Quality")
    await bot.stop()
    await bot.start()
    _, options = await press_and_wait(telegram, ANN, ann, options, "4K")
    assert price_in(options["text"]) == "$2.56"
    telegram.press(ANN, ann, options["message_id"], button(options, "Generate"))
    await telegram.wait_for(lambda: telegram.uploads, timeout=20)
    assert shortapi.creates[0].body["args"]["resolution"] == "4k"
    assert shortapi.creates[0].body["args"]["mode"] == "quality"


@pytest.mark.both_stores
async def test_a_job_in_flight_survives_kill_9(bot, telegram, shortapi):
    ann = telegram.user(ANN)
    shortapi.script([0, 1, 1, 1, 1, 1, 1, 2])
    _, options = await open_options(telegram, ANN, ann)
    telegram.press(ANN, ann, options["message_id"], button(options, "Generate"))
    await shortapi.wait_for(lambda: len(shortapi.queries) >= 2, timeout=10)
    await bot.kill()
    await bot.start()
    await telegram.wait_for(lambda: telegram.uploads, timeout=20)
    await telegram.wait_for(
        lambda: "delivered" in telegram.message(ANN, options["message_id"])["text"]
    )
    await polls_of_another_job(telegram, shortapi)  # several poll cycles: nothing more
    assert len(shortapi.creates) == 2  # this job's, and the later one's
    assert len(telegram.uploads) == 1


@pytest.mark.both_stores
async def test_no_secret_reaches_the_logs_the_chat_or_the_api(bot, bot_env, telegram, shortapi):
    ann = telegram.user(ANN)
    _, options = await open_options(telegram, ANN, ann)
    telegram.press(ANN, ann, options["message_id"], button(options, "Generate"))
    await telegram.wait_for(lambda: telegram.uploads, timeout=20)
    shortapi.fail_next_create(code=1, message="quota exceeded")
    _, second = await open_options(telegram, ANN, ann, caption="again")
    telegram.press(ANN, ann, second["message_id"], button(second, "Generate"))
    await telegram.wait_for_bot_message(ANN, lambda m: "quota" in m.get("text", ""))
    await bot.stop()

    log = bot.log()
    assert "getUpdates" in log, "the log should be the DEBUG log of a real conversation"
    assert BOT_TOKEN not in log
    assert BOT_TOKEN.split(":")[1] not in log
    assert API_KEY not in log
    # On PostgreSQL the database URL's password is a secret too; the URL is logged without it.
    password = urlsplit(bot_env.get("DATABASE_URL", "")).password
    if password:
        assert password not in log and ":***@" in log
    for message in telegram.messages(ANN):
        assert BOT_TOKEN not in str(message) and API_KEY not in str(message)
    for create in shortapi.creates:
        assert BOT_TOKEN not in create.raw.decode()
        assert "/file/bot" not in create.raw.decode()


@pytest.mark.both_stores
async def test_a_stop_during_delivery_finishes_it_and_records_it(bot, telegram, shortapi):
    ann = telegram.user(ANN)
    shortapi.fail_next_download(http_status=None, delay=1.5)  # a slow result download
    _, options = await open_options(telegram, ANN, ann)
    telegram.press(ANN, ann, options["message_id"], button(options, "Generate"))
    await shortapi.wait_for(lambda: shortapi.downloads, timeout=10)
    assert await bot.stop() == 0  # SIGTERM while the video is on its way
    assert len(telegram.uploads) == 1, "the delivery in hand is finished before exiting"
    await bot.start()
    telegram.send_text(ANN, ann, "/jobs")
    listing = await telegram.wait_for_bot_message(
        ANN, lambda m: "Your recent videos:" in m.get("text", "")
    )
    assert "delivered" in listing["text"]
    await polls_of_another_job(telegram, shortapi)  # several poll cycles: no second video
    assert len(telegram.uploads) == 1


@pytest.mark.both_stores
async def test_a_video_finished_before_a_crash_is_delivered_after_restart(bot, telegram, shortapi):
    ann = telegram.user(ANN)
    shortapi.fail_next_download(http_status=None, delay=5)
    _, options = await open_options(telegram, ANN, ann)
    telegram.press(ANN, ann, options["message_id"], button(options, "Generate"))
    await shortapi.wait_for(lambda: shortapi.downloads, timeout=10)
    await bot.kill()  # the API said done, the video was on its way: nothing recorded as sent
    assert telegram.uploads == []
    await bot.start()
    await telegram.wait_for(lambda: telegram.uploads, timeout=20)
    await telegram.wait_for(
        lambda: "delivered" in telegram.message(ANN, options["message_id"])["text"]
    )
    await polls_of_another_job(telegram, shortapi)
    assert len(telegram.uploads) == 1 and len(shortapi.creates) == 2


@pytest.mark.both_stores
async def test_kill_9_right_after_the_create_call_loses_nothing(bot, telegram, shortapi):
    ann = telegram.user(ANN)
    shortapi.script([0, 0, 1, 2])
    _, options = await open_options(telegram, ANN, ann)
    telegram.press(ANN, ann, options["message_id"], button(options, "Generate"))
    # The status edit to "queued" comes right after the create call's answer was committed.
    await telegram.wait_for(
        lambda: "queued" in telegram.message(ANN, options["message_id"])["text"]
    )
    await bot.kill()
    await bot.start()
    await telegram.wait_for(lambda: telegram.uploads, timeout=20)
    await polls_of_another_job(telegram, shortapi)
    assert len(shortapi.creates) == 2 and len(telegram.uploads) == 1


@pytest.mark.both_stores
async def test_kill_9_during_the_upload_sends_the_video_once_after_restart(
    bot, telegram, shortapi
):
    ann = telegram.user(ANN)
    telegram.stall_next("sendVideo", seconds=3)
    _, options = await open_options(telegram, ANN, ann)
    telegram.press(ANN, ann, options["message_id"], button(options, "Generate"))
    await telegram.wait_for(lambda: telegram.stalled, timeout=20)
    await bot.kill()  # mid-upload: Telegram never got the whole file
    await bot.start()
    await telegram.wait_for(
        lambda: "delivered" in telegram.message(ANN, options["message_id"])["text"], timeout=20
    )
    # The stalled request ends as one the client abandoned, not as a message.
    await telegram.wait_for_call("sendVideo", lambda c: c.http_status == 499, timeout=10)
    assert len(shortapi.creates) == 1 and len(telegram.uploads) == 1


@pytest.mark.parametrize("which", ["WEB_PORT", "METRICS_PORT"])
async def test_a_port_already_taken_is_named_not_taken_for_a_database_error(
    bot_env, public, tmp_path, which
):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        bot_env.update({which: str(port), "METRICS_HOST": "127.0.0.1"})
        code, out = await run_until_exit(bot_env, tmp_path)
    last = out.strip().splitlines()[-1]
    # Exit 1, not 2: the port may be held for a moment by the process before, and systemd and
    # compose try again after a 1 (a 2, a configuration error, they leave alone).
    assert code == 1, out[-2000:]
    assert last.startswith(f"cannot start: {which}={port}: cannot listen on 127.0.0.1:{port}: "), (
        last
    )
    assert "database" not in last and "Traceback" not in out
