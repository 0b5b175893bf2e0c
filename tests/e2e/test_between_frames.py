"""A video between two photos (google/veo-3.1/first-last-frame-to-video), through the real bot
process: Last frame on a photo's card asks for a second photo, which the card then shows it
ends on; Generate sends both photos and exactly the options shown, and charges the price shown;
the last frame can be dropped again, and a photo with a caption stays a video of its own."""

from tests.chat import button, keyboard_labels, open_options, press_on_card
from tests.e2e.stars import (
    EACH_STORE_AND_PAYMENT,
    balance,
    ledger,
    start_paying_or_not,
)
from tests.images import jpeg

ANN = 1001
FRAMES_MODEL = "google/veo-3.1/first-last-frame-to-video"
IMAGE_MODEL = "google/veo-3.1/image-to-video"
PROMPT = "A dog surfing a wave at sunset"


async def ask_last_frame(telegram, user, card):
    """Last frame, and the question it asks; the card, which says it waits."""
    card = await press_on_card(telegram, user, card, "Last frame")
    await telegram.wait_for_bot_message(
        user["id"], lambda m: m.get("text", "").startswith("Send me the photo the video")
    )
    # A forced reply: in a group, a reply to the bot is what its privacy mode lets through.
    assert telegram.calls_of("sendMessage")[-1].params["reply_markup"]["force_reply"] is True
    assert "🏁 Last frame: send me the photo to end on" in card["text"]
    return card


async def send_last_frame(telegram, user, card, photo):
    """The second photo, without a caption: the card once it shows it ends on it."""
    telegram.send_photo(user["id"], user, photo)
    await telegram.wait_for(
        lambda: "Ends on" in telegram.message(user["id"], card["message_id"])["text"]
    )
    return telegram.message(user["id"], card["message_id"])


@EACH_STORE_AND_PAYMENT
async def test_two_photos_make_a_video_between_them_with_exactly_the_options_shown(
    bot_env, bot_process, telegram, shortapi, stars
):
    ann = await start_paying_or_not(bot_env, bot_process, telegram, stars, ANN)
    first, last = jpeg(seed=1), jpeg(seed=2)
    _, card = await open_options(telegram, ANN, ann, caption=PROMPT)
    assert ["🏁 Last frame"] in keyboard_labels(card)

    card = await ask_last_frame(telegram, ann, card)
    card = await send_last_frame(telegram, ann, card, last)
    assert card["text"].startswith(f"🎬 Video between two photos\n\nPrompt: {PROMPT}\n")
    assert (
        "Options: Fast · 8s · 720p · 16:9 · Audio off\n🏁 Ends on: the second photo you sent\n"
        in card["text"]
    )
    assert ["🏁 Last frame: remove"] in keyboard_labels(card)
    card = await press_on_card(telegram, ann, card, "Quality")
    card = await press_on_card(telegram, ann, card, "6s")
    shown = "Price: 96 ⭐" if stars else "Price: $0.96"
    assert shown in card["text"]

    await press_on_card(telegram, ann, card, "Generate")
    await telegram.wait_for(lambda: telegram.calls_of("sendVideo"), timeout=20)
    [create] = shortapi.creates
    args = dict(create.body["args"])
    image, tail = args.pop("image"), args.pop("image_tail")
    assert create.body["model"] == FRAMES_MODEL
    assert args == {
        "prompt": PROMPT,
        "mode": "quality",
        "duration": "6",
        "resolution": "720p",
        "aspect_ratio": "16:9",
        "generate_audio": False,
    }
    assert image != tail
    # The service fetched (or decoded) exactly the two photos, first and last in that order.
    assert create.inputs == {"image": first, "image_tail": last}
    assert create.response["data"]["amount"] == "0.96"

    video = [m for m in telegram.bot_messages(ANN) if "video" in m][-1]
    labels = [label for row in keyboard_labels(video) for label in row]
    assert labels == ["🔁 Again", "⏭ Continue", "✏️ New prompt", "➕ Extend +7s"]
    if stars:
        assert await balance(telegram, ann) == 500 - 96 == (await ledger(bot_env))[ANN]

    # Again makes a new card between the same two photos.
    telegram.press(ANN, ann, video["message_id"], button(video, "Again"))
    again = await telegram.wait_for_bot_message(
        ANN, lambda m: m.get("reply_markup") and m["message_id"] > video["message_id"]
    )
    assert again["text"].startswith("🎬 Video between two photos\n")
    assert "🏁 Ends on: the second photo you sent" in again["text"]


async def test_the_last_frame_can_be_dropped_and_a_captioned_photo_is_a_video_of_its_own(
    bot, telegram, shortapi
):
    ann = telegram.user(ANN, "Ann")
    _, card = await open_options(telegram, ANN, ann, caption=PROMPT)
    card = await ask_last_frame(telegram, ann, card)
    # While the card waits, a photo with a caption is a new video, not the last frame.
    _, other = await open_options(telegram, ANN, ann, caption="A cat on a roof")
    assert other["text"].startswith("🎬 Video from your photo\n")
    assert "Ends on" not in telegram.message(ANN, card["message_id"])["text"]

    card = await send_last_frame(telegram, ann, card, jpeg(seed=3))
    card = await press_on_card(telegram, ann, card, "Last frame: remove")
    assert card["text"].startswith("🎬 Video from your photo\n")
    assert "🏁" not in card["text"] and ["🏁 Last frame"] in keyboard_labels(card)
    await press_on_card(telegram, ann, card, "Generate")
    await telegram.wait_for(lambda: shortapi.creates, timeout=20)
    [create] = shortapi.creates
    assert create.body["model"] == IMAGE_MODEL and "image_tail" not in create.body["args"]

    telegram.send_text(ANN, ann, "/jobs")
    listing = await telegram.wait_for_bot_message(
        ANN, lambda m: "Your recent videos" in m.get("text", "")
    )
    assert "from a photo" in listing["text"]
