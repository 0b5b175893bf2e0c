"""A video from an album (google/veo-3.1/reference-to-video), through the real bot process:
an album of two or three photos with a caption opens one card, however Telegram hands its
photos over (any order, separate batches), and Generate sends the photos in the album's order
as `images`, with exactly the options shown, charging the price shown; the video comes with its
buttons. A bigger album is told why it makes nothing, one without a caption asks for its
prompt, and an album whose last photo came just before a crash still opens its card."""

from tests.chat import keyboard_labels, press_on_card
from tests.e2e.stars import EACH_STORE_AND_PAYMENT, balance, ledger, start_paying_or_not
from tests.images import jpeg

ANN = 1001
REFERENCE_MODEL = "google/veo-3.1/reference-to-video"
PROMPT = "The two dogs run along the beach together"


def cards(telegram, chat_id):
    """The options cards the bot sent in the chat."""
    return [m for m in telegram.bot_messages(chat_id) if "Generate" in str(m.get("reply_markup"))]


@EACH_STORE_AND_PAYMENT
async def test_an_album_becomes_one_video_of_its_photos_with_exactly_the_options_shown(
    bot_env, bot_process, telegram, shortapi, stars
):
    ann = await start_paying_or_not(bot_env, bot_process, telegram, stars, ANN)
    photos = [jpeg(seed=11), jpeg(seed=12), jpeg(seed=13)]
    # As Telegram may: the last photo first, each in a getUpdates answer of its own.
    sent = telegram.send_album(ANN, ann, photos, caption=PROMPT, order=[2, 0, 1], split=True)
    card = await telegram.wait_for_bot_message(
        ANN, lambda m: "Generate" in str(m.get("reply_markup")), timeout=15
    )
    assert card["reply_to_message"]["message_id"] == sent[0]["message_id"]
    assert card["text"].startswith(f"🎬 Video from your photos\n\nPrompt: {PROMPT}\n")
    assert (
        "Options: 8s · 720p · 16:9 · Audio off\n🖼 Photos: 3, in the album's order\n"
        in (card["text"])
    )
    # No mode and one length: no rows for them.
    assert keyboard_labels(card)[:3] == [
        ["✅ 720p", "1080p", "4K"],
        ["✅ 16:9", "9:16"],
        ["🔇 Audio off"],
    ]
    card = await press_on_card(telegram, ann, card, "9:16")
    card = await press_on_card(telegram, ann, card, "Audio off")
    shown = "Price: 256 ⭐" if stars else "Price: $2.56"
    assert shown in card["text"]

    await press_on_card(telegram, ann, card, "Generate")
    await telegram.wait_for(lambda: telegram.calls_of("sendVideo"), timeout=20)
    album = {m["message_id"] for m in sent}
    answers = [
        m
        for m in telegram.bot_messages(ANN)
        if (m.get("reply_to_message") or {}).get("message_id") in album
    ]
    assert len(answers) == 1, "one card for the album, not one per photo"
    [create] = shortapi.creates
    args = dict(create.body["args"])
    assert len(args.pop("images")) == 3
    assert create.body["model"] == REFERENCE_MODEL
    assert args == {
        "prompt": PROMPT,
        "duration": "8",
        "resolution": "720p",
        "aspect_ratio": "9:16",
        "generate_audio": True,
    }
    assert create.inputs == {"images": photos}  # in the album's order
    assert create.response["data"]["amount"] == "2.56"
    video = [m for m in telegram.bot_messages(ANN) if "video" in m][-1]
    labels = [label for row in keyboard_labels(video) for label in row]
    assert labels == ["🔁 Again", "⏭ Continue", "✏️ New prompt", "➕ Extend +7s"]
    if stars:
        assert await balance(telegram, ann) == 500 - 256 == (await ledger(bot_env))[ANN]


async def test_a_big_album_is_told_why_and_one_without_a_caption_asks_for_its_prompt(
    bot, telegram, shortapi
):
    ann = telegram.user(ANN, "Ann")
    big = telegram.send_album(ANN, ann, [jpeg(seed=s) for s in range(1, 5)], caption=PROMPT)
    told = await telegram.wait_for_bot_message(ANN, lambda m: "this album has 4" in m["text"])
    assert told["text"] == (
        "One video takes 2 or 3 photos as its references; this album has 4."
        " Send it again with 3 at most."
    )
    assert told["reply_to_message"]["message_id"] == big[0]["message_id"]

    telegram.send_album(ANN, ann, [jpeg(seed=21), jpeg(seed=22)])
    await telegram.wait_for_bot_message(ANN, lambda m: m["text"].startswith("Got the photos."))
    telegram.send_text(ANN, ann, PROMPT)
    card = await telegram.wait_for_bot_message(
        ANN, lambda m: "Generate" in str(m.get("reply_markup"))
    )
    assert "🖼 Photos: 2, in the album's order" in card["text"]
    assert len(cards(telegram, ANN)) == 1 and shortapi.creates == []


async def test_an_album_whose_last_photo_came_just_before_a_crash_opens_its_card(
    bot_process, telegram
):
    await bot_process.start()
    ann = telegram.user(ANN, "Ann")
    telegram.send_album(ANN, ann, [jpeg(seed=31), jpeg(seed=32)], caption=PROMPT, split=True)
    # Both photos are the bot's (stored, confirmed to Telegram), and the card not yet sent.
    await telegram.wait_for(
        lambda: telegram.pending_updates == 0 and telegram.unconfirmed_updates == 0, timeout=10
    )
    await bot_process.kill()
    assert cards(telegram, ANN) == []
    await bot_process.start()
    card = await telegram.wait_for_bot_message(
        ANN, lambda m: "Generate" in str(m.get("reply_markup")), timeout=15
    )
    assert "🖼 Photos: 2, in the album's order" in card["text"]
