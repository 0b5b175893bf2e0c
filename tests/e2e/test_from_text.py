"""A video from text alone (google/veo-3.1/text-to-video), through the real bot process: a
plain text message with no photo waiting opens its card; Generate sends exactly what the card
showed, with no image, and charges the price it showed; the video comes with its buttons."""

from tests.chat import button, keyboard_labels, press_on_card
from tests.e2e.stars import (
    EACH_STORE_AND_PAYMENT,
    STARS_PER_USD,
    balance,
    buy,
    ledger,
    start_paying_or_not,
)

ANN = 1001
TEXT_MODEL = "google/veo-3.1/text-to-video"
PROMPT = "A paper boat sails across a rainy street"


async def text_card(telegram, user, text=PROMPT):
    sent = telegram.send_text(user["id"], user, text)
    return await telegram.wait_for_bot_message(
        user["id"],
        lambda m: (
            m.get("reply_markup")
            and (m.get("reply_to_message") or {}).get("message_id") == sent["message_id"]
        ),
    )


@EACH_STORE_AND_PAYMENT
async def test_a_text_becomes_a_video_with_exactly_the_options_shown(
    bot_env, bot_process, telegram, shortapi, stars
):
    ann = await start_paying_or_not(bot_env, bot_process, telegram, stars, ANN)
    card = await text_card(telegram, ann)
    assert card["text"].startswith(f"🎬 Video from your text\n\nPrompt: {PROMPT}\n")
    assert "Options: Fast · 8s · 720p · 16:9 · Audio off · Prompt as written" in card["text"]
    # No "Auto": there is no picture to take a frame shape from; Enhance prompt is a toggle.
    assert keyboard_labels(card)[3] == ["✅ 16:9", "9:16"]
    assert ["✨ Enhance prompt: off"] in keyboard_labels(card)

    card = await press_on_card(telegram, ann, card, "9:16")
    card = await press_on_card(telegram, ann, card, "Quality")
    card = await press_on_card(telegram, ann, card, "Enhance prompt")
    assert "Options: Quality · 8s · 720p · 9:16 · Audio off · Prompt enhanced" in card["text"]

    # Avoid asks what to keep out; the next text is that, and the card shows it.
    card = await press_on_card(telegram, ann, card, "Avoid")
    await telegram.wait_for_bot_message(
        ANN, lambda m: m.get("text", "").startswith("What should the video avoid?")
    )
    assert "🚫 Avoid: send me what to keep out" in card["text"]
    telegram.send_text(ANN, ann, "people, umbrellas")
    await telegram.wait_for(
        lambda: "🚫 Avoid: people, umbrellas" in telegram.message(ANN, card["message_id"])["text"]
    )
    card = telegram.message(ANN, card["message_id"])
    assert ["🚫 Avoid: clear"] in keyboard_labels(card)
    # The words went to the card: no card of their own.
    assert not [m for m in telegram.bot_messages(ANN) if "Prompt: people" in m.get("text", "")]
    shown = "Price: 128 ⭐" if stars else "Price: $1.28"
    assert shown in card["text"]

    await press_on_card(telegram, ann, card, "Generate")
    await telegram.wait_for(lambda: telegram.uploads or telegram.calls_of("sendVideo"), timeout=20)
    [create] = shortapi.creates
    assert create.body == {
        "model": TEXT_MODEL,
        "args": {
            "prompt": PROMPT,
            "mode": "quality",
            "duration": "8",
            "resolution": "720p",
            "aspect_ratio": "9:16",
            "generate_audio": False,
            "expand_prompt": True,
            "negative_prompt": "people, umbrellas",
        },
    }
    assert shortapi.image_fetches == []  # no image of any kind went with it
    assert create.response["data"]["amount"] == "1.28"

    sent = telegram.calls_of("sendVideo")[-1].params
    assert (sent["width"], sent["height"], sent["duration"]) == (720, 1280, 8)
    assert "cover" not in sent  # no photo of the user's to show before it plays
    video = [m for m in telegram.bot_messages(ANN) if "video" in m][-1]
    labels = [label for row in keyboard_labels(video) for label in row]
    assert labels == ["🔁 Again", "⏭ Continue", "✏️ New prompt", "➕ Extend +7s"]
    if stars:
        assert await balance(telegram, ann) == 500 - 128 == (await ledger(bot_env))[ANN]


async def test_continue_from_a_video_made_from_text_starts_from_its_last_frame(
    bot, telegram, shortapi
):
    ann = telegram.user(ANN, "Ann")
    card = await text_card(telegram, ann)
    card = await press_on_card(telegram, ann, card, "9:16")
    await press_on_card(telegram, ann, card, "Generate")
    await telegram.wait_for(lambda: telegram.calls_of("sendVideo"), timeout=20)
    video = [m for m in telegram.bot_messages(ANN) if "video" in m][-1]
    telegram.press(ANN, ann, video["message_id"], button(video, "Continue"))
    asked = await telegram.wait_for_bot_message(ANN, lambda m: "photo" in m)
    telegram.send_text(ANN, ann, "The boat reaches the sea")
    follow = await telegram.wait_for_bot_message(
        ANN, lambda m: "The boat reaches the sea" in m.get("text", "") and m.get("reply_markup")
    )
    # A video from a picture now, with as much of the first video's options as it has.
    assert follow["text"].startswith("🎬 Video from your photo\n")
    assert "Options: Fast · 8s · 720p · 9:16 · Audio off\n" in follow["text"]
    await press_on_card(telegram, ann, follow, "Generate")
    await telegram.wait_for(lambda: len(shortapi.creates) == 2, timeout=20)
    second = shortapi.creates[1].body
    assert second["model"] == "google/veo-3.1/image-to-video"
    assert second["args"]["aspect_ratio"] == "9:16" and "expand_prompt" not in second["args"]
    assert asked["photo"]  # the frame the next video starts from, shown to the user

    # /jobs says what each was made from.
    telegram.send_text(ANN, ann, "/jobs")
    listing = await telegram.wait_for_bot_message(
        ANN, lambda m: "Your recent videos" in m.get("text", "")
    )
    newest, older = listing["text"].split("Your recent videos:\n\n")[1].split("\n\n")
    assert newest.startswith("#2 “The boat reaches the sea”\nfrom a photo · "), newest
    assert older.startswith("#1 “A paper boat sails across a…”\nfrom text · "), older


async def test_in_a_group_chatter_opens_no_card(bot, telegram, shortapi):
    ann = telegram.user(ANN, "Ann")
    group = -100123
    telegram.send_text(group, ann, "what a nice day")
    telegram.send_text(ANN, ann, "/jobs")
    await telegram.wait_for_bot_message(ANN, lambda m: "/jobs" not in m.get("text", ""))
    assert telegram.bot_messages(group) == []


async def test_a_combination_the_service_refuses_is_said_plainly_and_its_stars_come_back(
    bot_env, bot_process, telegram, shortapi
):
    # Google's own API takes 1080p only at 8 s; ShortAPI lists 4 s too and may refuse it.
    bot_env.update(STARS_PER_USD=STARS_PER_USD, STAR_PACKS="500")
    await bot_process.start()
    shortapi.refuse_combination(
        TEXT_MODEL, {"resolution": "1080p", "duration": "4"}, "1080p requires 8s duration"
    )
    ann = telegram.user(ANN, "Ann")
    await buy(telegram, ann, 500)
    card = await text_card(telegram, ann)
    card = await press_on_card(telegram, ann, card, "1080p")
    card = await press_on_card(telegram, ann, card, "4s")
    assert "Price: 32 ⭐" in card["text"]
    await press_on_card(telegram, ann, card, "Generate")
    told = await telegram.wait_for_bot_message(
        ANN, lambda m: "1080p requires 8s duration" in m.get("text", ""), timeout=20
    )
    assert told["text"] == (
        "😞 ShortAPI refused the request: 1080p requires 8s duration\n\n"
        "⭐ The 32 ⭐ for request #1 are back on your balance."
    )
    assert await balance(telegram, ann) == 500 == (await ledger(bot_env))[ANN]
    assert len(shortapi.creates) == 1 and telegram.calls_of("sendVideo") == []
