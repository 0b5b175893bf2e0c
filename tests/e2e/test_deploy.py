"""Production set-up through the real bot process: hosted photos, callbacks, health, webhook."""

import copy
import re
from pathlib import Path

import httpx
import pytest

from tests.chat import button, open_options
from tests.images import jpeg
from tests.process import BOT_TOKEN

ANN = 1001
BOB = 1002


async def generate(telegram, user):
    _, options = await open_options(telegram, user["id"], user)
    telegram.press(user["id"], user, options["message_id"], button(options, "Generate"))
    return options


@pytest.mark.both_stores
async def test_the_photo_is_served_to_shortapi_under_an_unguessable_url(
    public, bot_process, telegram, shortapi
):
    await bot_process.start()
    ann = telegram.user(ANN)
    options = await generate(telegram, ann)
    await shortapi.wait_for(lambda: shortapi.creates, timeout=10)
    args = shortapi.creates[0].body["args"]
    match = re.fullmatch(re.escape(public) + r"/media/([A-Za-z0-9_-]{32,})", args["image"])
    assert match, args["image"]
    assert str(ANN) not in args["image"] and BOT_TOKEN not in args["image"]
    (fetch,) = shortapi.image_fetches
    assert fetch.status == 200 and fetch.data == jpeg()
    callback = shortapi.creates[0].body["callback_url"]
    assert re.fullmatch(re.escape(public) + r"/callbacks/shortapi/[A-Za-z0-9_-]{32,}", callback)

    async with httpx.AsyncClient() as http:
        assert (await http.get(f"{public}/media/{'x' * 32}")).status_code == 404
        await telegram.wait_for(
            lambda: "delivered" in telegram.message(ANN, options["message_id"])["text"],
            timeout=20,
        )
        gone = await http.get(args["image"])
        assert gone.status_code == 404, "the photo is not served once the job is over"


@pytest.mark.both_stores
async def test_a_callback_brings_the_delivery_forward(
    bot_env, public, bot_process, telegram, shortapi
):
    bot_env["JOB_POLL_INTERVAL"] = "60"  # the first scheduled query would be a minute away
    await bot_process.start()
    shortapi.auto_callback = True
    shortapi.finish_after = 0.5
    ann = telegram.user(ANN)
    options = await generate(telegram, ann)
    # Delivered within seconds although the first scheduled query was a minute away.
    await telegram.wait_for(
        lambda: "delivered" in telegram.message(ANN, options["message_id"])["text"], timeout=10
    )
    assert [status for _, status in shortapi.callbacks] == [200]
    assert len(shortapi.queries) == 1, "one query, made because of the callback"


async def test_a_callback_with_a_wrong_secret_changes_nothing(
    bot_env, public, bot_process, telegram, shortapi
):
    bot_env["JOB_POLL_INTERVAL"] = "60"  # only a callback brings a query
    await bot_process.start()
    shortapi.script([2])  # whichever job is queried is done, and delivered at once
    ann, bob = telegram.user(ANN, "Ann"), telegram.user(BOB, "Bob")
    await generate(telegram, ann)
    await shortapi.wait_for(lambda: len(shortapi.jobs) == 1, timeout=10)
    await generate(telegram, bob)
    await shortapi.wait_for(lambda: len(shortapi.jobs) == 2, timeout=10)
    ann_job, bob_job = shortapi.jobs.values()
    async with httpx.AsyncClient() as http:
        for secret in ("wrong", "A" * 32, "../../media"):
            answer = await http.post(f"{public}/callbacks/shortapi/{secret}", json={"status": 2})
            assert answer.status_code == 404
    # The positive event after them: Bob's genuine callback, his query and his video. Had a
    # wrong one made any job due, it would have been queried in that round or before.
    assert await shortapi.fire_callback(bob_job.job_id) == 200
    upload = await telegram.wait_for(lambda: telegram.uploads and telegram.uploads[0], timeout=10)
    assert upload.chat_id == BOB
    assert shortapi.queries == [bob_job.job_id], f"Ann's job {ann_job.job_id} stays untouched"
    assert len(telegram.uploads) == 1


async def test_healthz_says_when_the_database_is_gone(bot_env, public, bot_process):
    await bot_process.start()
    async with httpx.AsyncClient() as http:
        healthy = await http.get(f"{public}/healthz")
        assert healthy.status_code == 200
        assert healthy.json() == {
            "database": "ok",
            "poller": "ok",
            "store": "sqlite",
            "updates": "polling",
            "leader": True,  # with SQLite the one process always polls
        }
        for suffix in ("", "-wal", "-shm"):
            Path(bot_env["DATABASE_PATH"] + suffix).unlink(missing_ok=True)
        sick = await http.get(f"{public}/healthz")
        assert sick.status_code == 503
        assert sick.json()["database"].startswith("error")


@pytest.mark.both_stores
async def test_webhook_mode_takes_updates_only_with_the_secret(
    bot_env, public, bot_process, telegram, shortapi
):
    bot_env["TELEGRAM_WEBHOOK"] = "true"
    await bot_process.start()
    hook = telegram.webhook
    assert hook["url"] == f"{public}/telegram/webhook"
    assert len(hook["secret_token"]) >= 32
    assert set(hook["allowed_updates"]) == {"message", "callback_query"}

    ann = telegram.user(ANN)
    _, options = await open_options(telegram, ANN, ann)
    telegram.press(ANN, ann, options["message_id"], button(options, "Generate"))
    await telegram.wait_for(lambda: telegram.uploads, timeout=20)

    forged = {
        "update_id": 999999,
        "message": {
            "message_id": 777,
            "date": 0,
            "chat": {"id": ANN, "type": "private"},
            "from": {"id": ANN, "is_bot": False, "first_name": "Ann"},
            "text": "/help",
            "entities": [{"type": "bot_command", "offset": 0, "length": 5}],
        },
    }
    sent_before = len(telegram.bot_messages(ANN))
    assert await telegram.post_raw_update(forged, secret=None) == 403
    assert await telegram.post_raw_update(forged, secret="not-the-secret") == 403
    # The same update with the secret, then a later one: a user's updates are answered in
    # order, so once /jobs is answered, a refused /help that got through would show.
    assert await telegram.post_raw_update(forged, secret=hook["secret_token"]) == 200
    later = copy.deepcopy(forged)
    later["update_id"] += 1
    later["message"].update(message_id=778, text="/jobs")
    later["message"]["entities"][0]["length"] = 5
    assert await telegram.post_raw_update(later, secret=hook["secret_token"]) == 200
    await telegram.wait_for_bot_message(ANN, lambda m: "Spent today" in m.get("text", ""))
    answers = [m["text"] for m in telegram.bot_messages(ANN)[sent_before:]]
    assert len(answers) == 2, "only the updates with the secret were answered"
    assert answers[0].startswith("Send me a photo") and "Spent today" in answers[1]
