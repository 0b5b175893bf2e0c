"""FakeTelegram through python-telegram-bot: messages and their limits, 429s and flood
control, updates and long polls, a whole PTB Application. If these fail, end-to-end
results mean nothing."""

from __future__ import annotations

import asyncio
import datetime as dtm
from typing import Any

import httpx
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, ReplyParameters
from telegram.error import BadRequest, Conflict, NetworkError, RetryAfter

from tests.fakes import FakeTelegram
from tests.fakes.telegram import DEFAULT_TOKEN
from tests.unit.fakes.calls import PNG_HEADER, USER_ID

pytestmark = pytest.mark.asyncio

TOKEN = DEFAULT_TOKEN  # the `tg` fixture's (tests/conftest.py)


def keyboard(*data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(d, callback_data=d)] for d in data])


async def test_get_me_and_auth(tg: FakeTelegram, ptb: Bot) -> None:
    me = await ptb.get_me()
    assert (me.id, me.username, me.is_bot) == (123456, "veo_test_bot", True)
    async with httpx.AsyncClient(base_url=tg.base_url) as anon:
        r = await anon.post("/bot123456:WRONG/getMe")
    assert (r.status_code, r.json()["description"]) == (401, "Unauthorized")
    async with httpx.AsyncClient(base_url=f"{tg.base_url}/bot{TOKEN}") as http:
        r = await http.get("/noSuchMethod")
        assert (r.status_code, r.json()) == (
            404,
            {"ok": False, "error_code": 404, "description": "Not Found"},
        )
        # JSON body, query string and form all work; values are typed like the real server.
        assert (await http.post("/getme")).json()["result"]["id"] == 123456
        await http.post(
            "/setMyCommands", json={"commands": [{"command": "a", "description": "A"}]}
        )
        await http.get("/sendChatAction", params={"chat_id": "5", "action": "typing"})
    assert tg.commands == [{"command": "a", "description": "A"}]
    assert tg.calls_of("sendChatAction")[0].params["chat_id"] == 5


async def test_message_keyboard_edit_and_not_modified(
    tg: FakeTelegram, ptb: Bot, ann: dict[str, Any]
) -> None:
    sent = await ptb.send_message(USER_ID, "Pick one", reply_markup=keyboard("a", "b"))
    assert sent.reply_markup == keyboard("a", "b")
    assert sent.chat.type == "private" and sent.from_user.id == 123456
    with pytest.raises(BadRequest, match=r"(?i)not modified"):
        await ptb.edit_message_text(
            "Pick one", USER_ID, sent.message_id, reply_markup=keyboard("a", "b")
        )
    edited = await ptb.edit_message_text("Done", USER_ID, sent.message_id)
    assert edited.text == "Done" and edited.reply_markup is None  # omitted = removed
    assert [m["text"] for m in tg.edits(USER_ID, sent.message_id)] == ["Pick one"]
    with pytest.raises(BadRequest, match=r"(?i)not modified"):
        await ptb.edit_message_reply_markup(USER_ID, sent.message_id)
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await ptb.edit_message_text("x", USER_ID, 999)
    with pytest.raises(BadRequest, match=r"(?i)message can't be edited"):
        await ptb.edit_message_text("x", USER_ID, 1)  # the user's /start
    assert [m["message_id"] for m in tg.bot_messages(USER_ID)] == [sent.message_id]
    assert sent.message_id == 2  # ids are per chat and shared with the user's messages


async def test_limits_and_parse_modes(tg: FakeTelegram, ptb: Bot, ann: dict[str, Any]) -> None:
    with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):
        await ptb.send_message(USER_ID, "x", reply_markup=keyboard("é" * 33))  # 66 bytes
    await ptb.send_message(USER_ID, "x", reply_markup=keyboard("é" * 32))  # 64 bytes: fine
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await ptb.send_message(USER_ID, "x" * 4097)
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await ptb.send_message(USER_ID, "😀" * 2049)  # 4098 UTF-16 units
    await ptb.send_message(USER_ID, "😀" * 2048)
    with pytest.raises(BadRequest, match=r"(?i)message text is empty"):
        await ptb.send_message(USER_ID, "   ")
    with pytest.raises(BadRequest, match=r"(?i)Unsupported start tag"):
        await ptb.send_message(USER_ID, "1 < 2", parse_mode="HTML")
    with pytest.raises(BadRequest, match=r"(?i)Character '.' is reserved"):
        await ptb.send_message(USER_ID, "Done.", parse_mode="MarkdownV2")
    msg = await ptb.send_message(USER_ID, "<b>Hi</b> &lt;3 😀 <i>x</i>", parse_mode="HTML")
    assert msg.text == "Hi <3 😀 x"
    assert [(e.type, e.offset, e.length) for e in msg.entities] == [
        ("bold", 0, 2),
        ("italic", 9, 1),  # the emoji counts as 2 UTF-16 units
    ]
    with pytest.raises(BadRequest, match=r"(?i)message to be replied not found"):
        await ptb.send_message(USER_ID, "x", reply_parameters=ReplyParameters(999))
    ok = await ptb.send_message(
        USER_ID, "x", reply_parameters=ReplyParameters(999, allow_sending_without_reply=True)
    )
    assert ok.reply_to_message is None
    reply = await ptb.send_message(USER_ID, "x", reply_to_message_id=1)
    assert reply.reply_to_message.text == "/start"
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await ptb.send_message(424242, "nobody talked to the bot here")


def seconds(retry_after: float | dtm.timedelta) -> float:
    """RetryAfter.retry_after as seconds, whichever type this PTB version gives."""
    return retry_after.total_seconds() if isinstance(retry_after, dtm.timedelta) else retry_after


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_retry_after_and_server_error(ptb: Bot, tg: FakeTelegram, ann: dict) -> None:
    tg.fail_next("sendMessage", 429, retry_after=7)
    with pytest.raises(RetryAfter) as info:
        await ptb.send_message(USER_ID, "hi")
    assert seconds(info.value.retry_after) == 7
    assert tg.calls_of("sendMessage")[-1].error == "Too Many Requests: retry after 7"
    # Like Telegram, it keeps refusing that method in that chat until the time is up, and
    # says how long is left; the refusal is recorded like any other attempt.
    with pytest.raises(RetryAfter) as again:
        await ptb.send_message(USER_ID, "too early")
    assert 6 <= seconds(again.value.retry_after) <= 7
    assert [c.http_status for c in tg.calls_of("sendMessage")] == [429, 429]
    assert tg.bot_messages(USER_ID) == []
    # Other methods and other chats are not held up.
    tg.fail_next("sendchataction", 500, times=2)
    for _ in range(2):
        with pytest.raises(NetworkError, match=r"(?i)Internal Server Error"):
            await ptb.send_chat_action(USER_ID, "typing")
    assert await ptb.send_chat_action(USER_ID, "typing")
    bob = tg.user(222, "Bob")
    tg.send_text(222, bob, "/start")
    assert (await ptb.send_message(222, "hi")).text == "hi"


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_a_429_is_lifted_once_retry_after_has_passed(
    ptb: Bot, tg: FakeTelegram, ann: dict
) -> None:
    tg.fail_next("sendMessage", 429, retry_after=1)
    with pytest.raises(RetryAfter):
        await ptb.send_message(USER_ID, "hi")
    refused = tg.calls_of("sendMessage")[-1]
    with pytest.raises(RetryAfter) as early:
        await ptb.send_message(USER_ID, "hi")
    assert seconds(early.value.retry_after) == 1
    await asyncio.sleep(1.05)  # let the second Telegram asked for pass
    assert (await ptb.send_message(USER_ID, "hi")).text == "hi"
    accepted = tg.calls_of("sendMessage")[-1]
    assert [c.http_status for c in tg.calls_of("sendMessage")] == [429, 429, 200]
    assert accepted.time >= refused.time + 1


async def test_updates_photo_press_and_answer(tg: FakeTelegram, ptb: Bot) -> None:
    user = tg.user(USER_ID, "Ann")
    photo = PNG_HEADER + bytes(range(256)) * 40
    tg.send_photo(USER_ID, user, photo, caption="make it move")
    assert tg.pending_updates == 1
    [update] = await ptb.get_updates(timeout=0)
    assert tg.pending_updates == 0
    sizes = update.message.photo
    assert len(sizes) == 3 and update.message.caption == "make it move"
    assert [s.width for s in sizes] == sorted(s.width for s in sizes)
    assert (sizes[-1].width, sizes[-1].height, sizes[-1].file_size) == (640, 480, len(photo))
    file = await ptb.get_file(sizes[-1].file_id)
    assert bytes(await file.download_as_bytearray()) == photo

    sent = await ptb.send_message(USER_ID, "Go?", reply_markup=keyboard("go"))
    query_id = tg.press(USER_ID, user, sent.message_id, "forged:data")
    # Long polling: the request waits and returns once the update exists.
    waiting = asyncio.create_task(ptb.get_updates(offset=update.update_id + 1, timeout=5))
    [pressed] = await asyncio.wait_for(waiting, 3)
    assert pressed.callback_query.data == "forged:data"
    assert pressed.callback_query.message.reply_markup == keyboard("go")
    assert await ptb.answer_callback_query(query_id, "Working…")
    assert tg.callback_answer(query_id) == {
        "text": "Working…",
        "show_alert": False,
        "url": None,
        "cache_time": 0,
    }
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await ptb.answer_callback_query(query_id)

    tg.send_text(USER_ID, user, "/start@veo_test_bot hello")
    [cmd] = await ptb.get_updates(offset=pressed.update_id + 1, timeout=1)
    assert cmd.message.entities[0].type == "bot_command"
    assert cmd.message.entities[0].length == len("/start@veo_test_bot")
    assert await ptb.get_updates(offset=cmd.update_id + 1, timeout=0) == ()
    assert tg.unconfirmed_updates == 0


async def test_concurrent_get_updates_conflict(tg: FakeTelegram, ptb: Bot) -> None:
    # A second bot instance polling: the older long poll is ended with 409.
    async with httpx.AsyncClient(base_url=f"{tg.base_url}/bot{TOKEN}") as other:
        first = asyncio.create_task(other.post("/getUpdates", data={"timeout": "5"}))
        await tg.wait_for(lambda: tg.calls_of("getUpdates"))
        assert await ptb.get_updates(timeout=0) == ()
        answer = await first
    assert answer.status_code == 409
    assert answer.json()["description"].startswith("Conflict: terminated by other getUpdates")
    tg.fail_next("getUpdates", 409)
    with pytest.raises(Conflict):
        await ptb.get_updates()


async def test_polls_open_at_once_from_two_clients_are_noted(tg: FakeTelegram, ptb: Bot) -> None:
    """Two bot instances polling together: the fake notes the overlap (and ends the older)."""
    async with httpx.AsyncClient(base_url=f"{tg.base_url}/bot{TOKEN}") as other:
        first = asyncio.create_task(other.post("/getUpdates", data={"timeout": "5"}))
        await tg.wait_for(lambda: tg.calls_of("getUpdates"))
        assert tg.poll_overlaps == []
        assert await ptb.get_updates(timeout=0) == ()
        assert (await first).status_code == 409
    older, newer = tg.calls_of("getUpdates")
    assert tg.poll_overlaps == [(older, newer)]
    assert await ptb.get_updates(timeout=0) == ()
    assert len(tg.poll_overlaps) == 1, "one poll after another is no overlap"


async def test_a_poll_whose_client_went_away_ends_and_is_no_overlap(
    tg: FakeTelegram, ptb: Bot
) -> None:
    """A process killed in a long poll: its poll ends, and the next poller overlaps nothing;
    the update that arrives then goes to the next poll."""
    user = tg.user(USER_ID, "Ann")
    async with httpx.AsyncClient(base_url=f"{tg.base_url}/bot{TOKEN}") as dying:
        held = asyncio.create_task(dying.post("/getUpdates", data={"timeout": "30"}))
        await tg.wait_for(lambda: tg.calls_of("getUpdates"))
        held.cancel()
        with pytest.raises(asyncio.CancelledError):
            await held
    (gone,) = tg.calls_of("getUpdates")
    await tg.wait_for(lambda: gone.http_status == 499, timeout=5)
    sent = tg.send_text(USER_ID, user, "hello")
    (update,) = await ptb.get_updates(timeout=0)
    assert update.message.text == "hello" and update.message.message_id == sent["message_id"]
    assert tg.poll_overlaps == []


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_flood_control_refuses_every_write_to_the_chat_until_retry_after(
    tg: FakeTelegram, ptb: Bot, ann: dict
) -> None:
    bob = tg.user(222, "Bob")
    tg.send_text(222, bob, "/start")
    tg.flood_control(2, per_seconds=1)
    first = await ptb.send_message(USER_ID, "one")
    await ptb.send_message(USER_ID, "two")
    with pytest.raises(RetryAfter) as info:
        await ptb.send_message(USER_ID, "three")
    assert seconds(info.value.retry_after) == 1
    with pytest.raises(RetryAfter):
        await ptb.edit_message_text("one, edited", USER_ID, first.message_id)
    assert (await ptb.send_message(222, "another chat")).text == "another chat"
    await asyncio.sleep(1.05)
    assert (await ptb.send_message(USER_ID, "three")).text == "three"
    statuses = [c.http_status for c in tg.calls if c.params.get("chat_id") == USER_ID]
    assert statuses[-5:] == [200, 200, 429, 429, 200]


async def test_wait_helpers(tg: FakeTelegram, ptb: Bot, ann: dict) -> None:
    async def later() -> None:
        await ptb.send_message(USER_ID, "first")
        await ptb.send_message(USER_ID, "second")

    task = asyncio.create_task(later())
    assert (await tg.wait_for_bot_message(USER_ID))["text"] == "first"
    found = await tg.wait_for_bot_message(USER_ID, lambda m: m["text"] == "second")
    assert found["message_id"] == 3
    await task
    with pytest.raises(AssertionError, match=r"(?i)sendMessage"):  # recent calls are shown
        await tg.wait_for(lambda: False, timeout=0.05)
    with pytest.raises(BadRequest, match=r"(?i)BOT_COMMAND_INVALID"):
        await ptb.set_my_commands([("Start", "Begin")])


async def test_ptb_application_round_trip(tg: FakeTelegram) -> None:
    """A whole PTB Application polling the fake: command, button press, answer, edit."""
    from telegram import Update
    from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.message.reply_text("Hello", reply_markup=keyboard("go"), do_quote=True)

    async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.callback_query.answer("ok")
        await update.callback_query.edit_message_text(f"pressed {update.callback_query.data}")

    app = (
        Application.builder()
        .token(TOKEN)
        .base_url(f"{tg.base_url}/bot")
        .base_file_url(f"{tg.base_url}/file/bot")
        .build()
    )
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(pressed))
    user = tg.user(USER_ID)
    async with app:
        await app.start()
        await app.updater.start_polling(poll_interval=0, timeout=5)
        try:
            tg.send_text(USER_ID, user, "/start")
            hello = await tg.wait_for_bot_message(USER_ID)
            assert hello["text"] == "Hello" and hello["reply_to_message"]["text"] == "/start"
            query_id = tg.press(USER_ID, user, hello["message_id"], "go")
            assert (await tg.wait_for_answer(query_id))["text"] == "ok"
            mid = hello["message_id"]
            await tg.wait_for(lambda: tg.message(USER_ID, mid)["text"] == "pressed go")
        finally:
            await app.updater.stop()
            await app.stop()
    assert tg.pending_updates == 0 and tg.unconfirmed_updates == 0
