"""The whole conversation with the real bot process against the fake Telegram and ShortAPI."""

import base64
import itertools

import pytest

from tests.chat import (
    button,
    button_labels_flat,
    chosen,
    keyboard_labels,
    open_options,
    press_and_wait,
    price_in,
)
from tests.e2e.delivery import stored_frames
from tests.images import jpeg, png

ANN = 1001
BOB = 2002
GROUP = -100777


@pytest.mark.both_stores
async def test_photo_to_video_whole_conversation(bot, bot_env, telegram, shortapi):
    ann = telegram.user(ANN, "Ann")
    assert {c["command"] for c in telegram.commands} >= {"start", "help", "jobs", "cancel"}

    photo_msg, options = await open_options(telegram, ANN, ann)
    assert options["reply_to_message"]["message_id"] == photo_msg["message_id"]
    text = options["text"]
    assert "A dog surfing a wave at sunset" in text
    assert price_in(text) == "$0.64"
    assert "Time: usually about 1 min (estimate)" in text
    assert keyboard_labels(options) == [
        ["✅ Fast", "Quality"],
        ["4s", "6s", "✅ 8s"],
        ["✅ 720p", "1080p", "4K"],
        ["Auto", "✅ 16:9", "9:16"],
        ["🔇 Audio off"],
        ["🏁 Last frame"],
        ["🎬 Generate · $0.64"],
        ["✏️ Prompt", "Cancel"],
    ]

    steps = [
        ("Quality", "$1.28"),
        ("4K", "$2.56"),
        ("Audio", "$3.84"),
        ("6s", "$2.88"),
        ("9:16", "$2.88"),
        ("1080p", "$1.92"),
    ]
    for label, expected in steps:
        _, options = await press_and_wait(telegram, ANN, ann, options, label)
        assert price_in(options["text"]) == expected, label
        assert f"🎬 Generate · {expected}" in button_labels_flat(options)
    assert sorted(chosen(options)) == sorted(["✅ Quality", "✅ 6s", "✅ 1080p", "✅ 9:16"])
    assert "Time: usually about 3 min (estimate)" in options["text"]  # follows the options
    assert "🔊 Audio on" in button_labels_flat(options)
    assert len(telegram.bot_messages(ANN)) == 1, "option presses must edit, not send"

    query = telegram.press(ANN, ann, options["message_id"], button(options, "Generate"))
    await telegram.wait_for_answer(query)
    upload = await telegram.wait_for(lambda: telegram.uploads and telegram.uploads[0], timeout=20)

    (create,) = shortapi.creates
    assert create.auth == "Bearer sk-shortapi-test-key-0123456789abcdef"
    args = create.body["args"]
    assert create.body["model"] == "google/veo-3.1/image-to-video"
    assert {k: v for k, v in args.items() if k != "image"} == {
        "mode": "quality",
        "prompt": "A dog surfing a wave at sunset",
        "duration": "6",
        "aspect_ratio": "9:16",
        "resolution": "1080p",
        "generate_audio": True,
    }
    prefix = "data:image/jpeg;base64,"
    assert args["image"].startswith(prefix)
    assert base64.b64decode(args["image"][len(prefix) :]) == jpeg()

    job = next(iter(shortapi.jobs.values()))
    # Handed to Telegram by its URL: Telegram fetched the file, the bot moved no bytes.
    assert upload.url == f"{shortapi.base_url}/files/{job.file_name}"
    assert upload.data == job.video_content()
    assert upload.method == "sendVideo"
    assert upload.reply_to_message_id == options["message_id"]
    assert "A dog surfing a wave at sunset" in upload.caption and "$1.92" in upload.caption
    assert "upload_video" in telegram.chat_actions(ANN)
    assert telegram.calls_of("sendVideo")[-1].params["supports_streaming"] is True
    sent = next(m["video"] for m in telegram.bot_messages(ANN) if "video" in m)
    # Told by the bot as its options make it (1080p, 9:16, 6 s): Telegram reads a big file's
    # size and length only from the sender (the fake serves a small stand-in of 320x180, 1 s).
    assert (sent["width"], sent["height"], sent["duration"]) == (1080, 1920, 6)

    final = await telegram.wait_for(
        lambda: (
            (m := telegram.message(ANN, options["message_id"])) and "delivered" in m["text"] and m
        )
    )
    assert not final.get("reply_markup"), "the keyboard goes away once submitted"
    history = [e.get("text", "") for e in telegram.edits(ANN, options["message_id"])]
    assert any("submitting" in t for t in history)
    assert any("queued" in t or "being made" in t for t in history)

    telegram.send_text(ANN, ann, "/jobs")
    listing = await telegram.wait_for_bot_message(
        ANN, lambda m: "Your recent videos:" in m.get("text", "")
    )
    assert "$1.92" in listing["text"] and "delivered" in listing["text"]
    assert "Quality · 6s · 1080p · 9:16 · Audio on" in listing["text"]

    # Nothing of the video kept: its last frame (Continue) is read from Telegram's copy
    # when Continue is pressed (tests/e2e/test_after.py); a stopped bot has finished every
    # delivery in hand.
    assert await bot.stop() == 0
    assert await stored_frames(bot_env) == []


async def test_photo_without_caption_asks_for_the_prompt(bot, telegram, shortapi):
    ann = telegram.user(ANN)
    telegram.send_photo(ANN, ann, jpeg(2))
    ask = await telegram.wait_for_bot_message(ANN)
    assert "send me the prompt" in ask["text"]
    (call,) = telegram.calls_of("sendMessage")
    assert call.params["reply_markup"]["force_reply"] is True  # works in groups too

    telegram.send_text(ANN, ann, "Slow zoom into the mountains")
    options = await telegram.wait_for_bot_message(ANN, lambda m: m.get("reply_markup"))
    assert "Slow zoom into the mountains" in options["text"]
    assert price_in(options["text"]) == "$0.64"

    telegram.press(ANN, ann, options["message_id"], button(options, "Generate"))
    await telegram.wait_for(lambda: telegram.uploads, timeout=20)
    assert shortapi.creates[0].body["args"]["prompt"] == "Slow zoom into the mountains"


async def test_image_sent_as_a_file_works_like_a_photo(bot, telegram, shortapi):
    ann = telegram.user(ANN)
    image = png(4, 3)
    telegram.send_document(
        ANN, ann, image, mime_type="image/png", file_name="cat.png", caption="Cat yawns"
    )
    options = await telegram.wait_for_bot_message(ANN, lambda m: m.get("reply_markup"))
    telegram.press(ANN, ann, options["message_id"], button(options, "Generate"))
    await telegram.wait_for(lambda: shortapi.creates, timeout=10)
    sent = shortapi.creates[0].body["args"]["image"]
    assert sent == "data:image/png;base64," + base64.b64encode(image).decode()


async def test_bad_input_gets_a_clear_reply_and_creates_nothing(bot, telegram, shortapi):
    ann = telegram.user(ANN)
    cases = [
        (
            lambda: telegram.send_document(
                ANN,
                ann,
                b"%PDF-1.4 ...",
                mime_type="application/pdf",
                file_name="a.pdf",
                caption="make it move",
            ),
            "JPEG, PNG and WebP",
        ),
        (
            lambda: telegram.send_document(
                ANN,
                ann,
                png(),
                mime_type="image/png",
                file_name="huge.png",
                caption="move",
                declared_size=25 * 1024 * 1024,
            ),
            "over 20 MB",
        ),
        (lambda: telegram.send_photo(ANN, ann, jpeg(3), caption="   "), "prompt is empty"),
        (lambda: telegram.send_photo(ANN, ann, jpeg(4), caption="x" * 2001), "too long"),
        # A text opens a card for a video from it: one of nothing visible does not.
        (lambda: telegram.send_text(ANN, ann, "\u200b\u2060"), "prompt is empty"),
    ]
    for send, expected in cases:
        sent = send()
        reply = await telegram.wait_for_bot_message(
            ANN, lambda m, sent=sent: m["message_id"] > sent["message_id"]
        )
        assert expected in reply["text"]
        assert not reply.get("reply_markup")
    assert shortapi.creates == []
    assert not any(m.get("reply_markup") for m in telegram.bot_messages(ANN))


@pytest.mark.both_stores
async def test_generate_pressed_twice_creates_one_job(bot, telegram, shortapi):
    ann = telegram.user(ANN)
    _, options = await open_options(telegram, ANN, ann)
    data = button(options, "Generate")
    queries = [telegram.press(ANN, ann, options["message_id"], data) for _ in range(3)]
    answers = [await telegram.wait_for_answer(q) for q in queries]
    await telegram.wait_for(lambda: telegram.uploads, timeout=20)
    assert len(shortapi.creates) == 1
    # The others came while the first was in hand (answered as repeats), or after it.
    texts = [a.get("text") or "" for a in answers]
    repeats = [text for text in texts if "Submitting" not in text]
    assert len(repeats) == 2
    assert all("Already on it" in text or "closed" in text for text in repeats), repeats
    # A late press on the submitted request changes nothing either.
    late = telegram.press(ANN, ann, options["message_id"], button(options, "Quality"))
    assert "closed" in (await telegram.wait_for_answer(late))["text"]
    assert len(shortapi.creates) == 1
    assert len(telegram.uploads) == 1


async def test_only_the_sender_can_press_in_a_group(bot, telegram, shortapi):
    ann, bob = telegram.user(ANN, "Ann"), telegram.user(BOB, "Bob")
    _, options = await open_options(telegram, GROUP, ann)
    before = telegram.message(GROUP, options["message_id"])
    for label in ("Quality", "Generate", "Cancel"):
        query = telegram.press(GROUP, bob, options["message_id"], button(options, label))
        answer = await telegram.wait_for_answer(query)
        assert "someone else" in answer["text"] and answer.get("show_alert")
    assert telegram.message(GROUP, options["message_id"]) == before
    assert shortapi.creates == []
    _, after = await press_and_wait(telegram, GROUP, ann, options, "Quality")
    assert price_in(after["text"]) == "$1.28"


@pytest.mark.both_stores
async def test_api_refusal_is_explained_and_the_job_failed(bot, telegram, shortapi):
    ann = telegram.user(ANN)
    shortapi.fail_next_create(code=4002, message="insufficient balance")
    _, options = await open_options(telegram, ANN, ann)
    telegram.press(ANN, ann, options["message_id"], button(options, "Generate"))
    told = await telegram.wait_for_bot_message(
        ANN, lambda m: "insufficient balance" in m.get("text", "")
    )
    assert told["reply_to_message"]["message_id"] == options["message_id"]
    await telegram.wait_for(
        lambda: "failed" in telegram.message(ANN, options["message_id"])["text"]
    )
    assert len(shortapi.creates) == 1 and shortapi.queries == []
    telegram.send_text(ANN, ann, "/jobs")
    listing = await telegram.wait_for_bot_message(
        ANN, lambda m: "Your recent videos:" in m.get("text", "")
    )
    assert "failed" in listing["text"]


async def test_generation_failure_is_explained(bot, telegram, shortapi):
    ann = telegram.user(ANN)
    shortapi.script([0, 1, {"status": 3, "error": "content policy violation"}])
    _, options = await open_options(telegram, ANN, ann)
    telegram.press(ANN, ann, options["message_id"], button(options, "Generate"))
    told = await telegram.wait_for_bot_message(
        ANN, lambda m: "content policy" in m.get("text", "")
    )
    assert "could not make this video" in told["text"]
    assert telegram.uploads == []
    assert "failed" in telegram.message(ANN, options["message_id"])["text"]


@pytest.mark.both_stores
async def test_cancel_button_and_command_close_the_request(bot, telegram, shortapi):
    ann = telegram.user(ANN)
    _, first = await open_options(telegram, ANN, ann)
    query = telegram.press(ANN, ann, first["message_id"], button(first, "Cancel"))
    await telegram.wait_for_answer(query)
    await telegram.wait_for(
        lambda: "Cancelled" in telegram.message(ANN, first["message_id"])["text"]
    )
    assert not telegram.message(ANN, first["message_id"]).get("reply_markup")
    late = telegram.press(ANN, ann, first["message_id"], button(first, "Generate"))
    assert "closed" in (await telegram.wait_for_answer(late))["text"]

    _, second = await open_options(telegram, ANN, ann, caption="Another one")
    telegram.send_text(ANN, ann, "/cancel")
    await telegram.wait_for_bot_message(
        ANN, lambda m: "Closed your open request" in m.get("text", "")
    )
    assert "Cancelled" in telegram.message(ANN, second["message_id"])["text"]
    assert shortapi.creates == []


async def test_forged_button_data_is_answered_and_ignored(bot, telegram, shortapi):
    ann = telegram.user(ANN)
    _, options = await open_options(telegram, ANN, ann)
    for data in (
        "garbage",
        "d:999999:g",
        "d:1:m:turbo",
        "d:" + options["reply_markup"]["inline_keyboard"][0][0]["callback_data"],
    ):
        query = telegram.press(ANN, ann, options["message_id"], data)
        answer = await telegram.wait_for_answer(query)
        assert "no longer valid" in answer["text"]
    assert telegram.message(ANN, options["message_id"]) == options | {}
    assert shortapi.creates == []


async def test_help_shows_usage_and_prices(bot, telegram):
    ann = telegram.user(ANN)
    telegram.send_text(ANN, ann, "/help")
    reply = await telegram.wait_for_bot_message(ANN)
    assert "photo" in reply["text"] and "caption" in reply["text"]
    assert "Prices per video (USD):\n" in reply["text"]
    assert reply["text"].endswith("Quality 4K with audio:\n4s 1.92 · 6s 2.88 · 8s 3.84")
    assert "Fast 720p/1080p no audio:\n4s 0.32 · 6s 0.48 · 8s 0.64\n" in reply["text"]


async def test_status_message_changes_with_the_job_not_with_every_query(bot, telegram, shortapi):
    # Many queries while the job runs (a poll every 0.2-0.3 s): the status message is edited
    # when what it says changes, not at each query, and while only its progress bar moves no
    # more than once every 10 s, so a busy bot does not flood its users' chats with edits.
    shortapi.script([0, 0, 1, 2])
    shortapi.hold_jobs = True  # generating until the test says otherwise
    ann = telegram.user(ANN, "Ann")
    _, options = await open_options(telegram, ANN, ann)
    assert "Time: usually about 1 min (estimate)" in options["text"]
    message_id = options["message_id"]
    edits_before = len(telegram.edits(ANN, message_id))
    query = telegram.press(ANN, ann, message_id, button(options, "Generate"))
    await telegram.wait_for_answer(query)

    def progress_edits():
        return [
            c
            for c in telegram.calls_of("editMessageText")
            if int(c.params["message_id"]) == message_id and "Usually takes" in c.params["text"]
        ]

    await telegram.wait_for(lambda: len(progress_edits()) >= 2, timeout=30)
    (job,) = shortapi.jobs.values()
    job.finished = True
    await telegram.wait_for(lambda: telegram.uploads, timeout=20)
    status = await telegram.wait_for(
        lambda: (m := telegram.message(ANN, message_id)) and "delivered" in m["text"] and m
    )

    bars = progress_edits()
    times = [c.time for c in bars]
    assert all(b - a >= 10 for a, b in itertools.pairwise(times)), times
    assert len(shortapi.queries) >= 10  # queried all along, the bar edited at its own pace
    # The bar only moves (no share of the work claimed); what to expect stays one line.
    cells = [c.params["text"].splitlines()[-1] for c in bars]
    assert cells[0] == "▓▓▓░░░░░░░" and len(set(cells)) > 1, cells
    assert all(len(c) == 10 and c.count("▓") == 3 for c in cells), cells
    assert "\nUsually takes about 1 min\n▓▓▓░░░░░░░" in bars[0].params["text"]
    shown = [e["text"] for e in telegram.edits(ANN, message_id)[edits_before:]]
    shown.append(status["text"])
    assert not any("%" in text or "longer than usual" in text for text in shown)
    statuses = [line for text in shown for line in text.splitlines() if line.startswith("Status")]
    assert statuses == [
        "Status: ⏳ submitting to Veo…",
        "Status: ⏳ queued · just now",
        "Status: 🎞 being made · just now",
        *["Status: 🎞 being made · just now"] * (len(bars) - 2),
        "Status: ✅ delivered",
    ]
    assert "Usually" not in status["text"] and "▓" not in status["text"]
    assert telegram.chat_actions(ANN) == ["upload_video"]
