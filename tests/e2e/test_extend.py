"""Extend (google/veo-3.1/extend-video), through the real bot process: under a delivered video,
Extend asks the prompt of the next seven seconds and opens a card; Generate sends exactly the
options shown with a URL of the delivered video, and charges the price shown; the whole,
longer clip arrives with its own buttons. A video whose file ShortAPI no longer serves is
extended from the bot's own address, or, without one, the button says it cannot be."""

import pytest

from tests.chat import button, keyboard_labels, open_options, press_on_card
from tests.e2e.stars import (
    EACH_STORE_AND_PAYMENT,
    balance,
    ledger,
    start_paying_or_not,
)

ANN = 1001
EXTEND_MODEL = "google/veo-3.1/extend-video"
PROMPT = "A fox in the snow"
NEXT = "The fox runs into the forest"
EXTEND = "➕ Extend +7s"
ASKED = "Your video will get 7 more seconds"


def videos(telegram) -> list[dict]:
    return [m for m in telegram.bot_messages(ANN) if "video" in m]


async def video_number(telegram, count: int) -> dict:
    """The `count`th video sent to Ann, once it is there."""
    await telegram.wait_for(lambda: len(videos(telegram)) >= count, timeout=30)
    return videos(telegram)[count - 1]


def labels(message: dict) -> list[str]:
    return [label for row in keyboard_labels(message) for label in row]


async def first_video(telegram, ann) -> dict:
    """A video from a photo (Fast, 8 s, 720p, 16:9), delivered."""
    _, card = await open_options(telegram, ANN, ann, caption=PROMPT)
    telegram.press(ANN, ann, card["message_id"], button(card, "Generate"))
    return await video_number(telegram, 1)


async def extend(telegram, ann, video: dict, prompt: str) -> dict:
    """Extend under the video, the question it asks, the prompt; the card that opens."""
    answer = await telegram.wait_for_answer(
        telegram.press(ANN, ann, video["message_id"], button(video, "Extend"))
    )
    assert not answer.get("show_alert")
    await telegram.wait_for_bot_message(ANN, lambda m: ASKED in m.get("text", ""))
    # A forced reply, like New prompt's: in a group, a reply is what the bot receives.
    [asked] = [c for c in telegram.calls_of("sendMessage") if ASKED in c.params["text"]]
    assert asked.params["reply_markup"]["force_reply"] is True
    telegram.send_text(ANN, ann, prompt)
    return await telegram.wait_for_bot_message(
        ANN, lambda m: f"Prompt: {prompt}" in m.get("text", "") and m.get("reply_markup")
    )


@EACH_STORE_AND_PAYMENT
async def test_extend_makes_the_whole_clip_seven_seconds_longer_with_the_options_shown(
    bot_env, bot_process, telegram, shortapi, stars
):
    ann = await start_paying_or_not(bot_env, bot_process, telegram, stars, ANN)
    first = await first_video(telegram, ann)
    assert labels(first) == ["🔁 Again", "⏭ Continue", "✏️ New prompt", EXTEND]
    [source] = shortapi.jobs.values()

    card = await extend(telegram, ann, first, NEXT)
    assert len(shortapi.creates) == 1  # nothing made, nothing charged until Generate
    assert card["text"].startswith(f"➕ Your video, 7 seconds longer\n\nPrompt: {NEXT}\n")
    # The source's aspect ratio; one length and one resolution, so no buttons for them.
    assert "Options: Fast · 7s · 720p · 16:9 · Audio off" in card["text"]
    assert ("Price: 56 ⭐" if stars else "Price: $0.56") in card["text"]
    assert not [row for row in keyboard_labels(card) if "7s" in row or "720p" in row]
    card = await press_on_card(telegram, ann, card, "Quality")
    assert "Options: Quality · 7s · 720p · 16:9 · Audio off" in card["text"]
    if stars:
        card = await press_on_card(telegram, ann, card, "Avoid")
        telegram.send_text(ANN, ann, "snowmen")
        await telegram.wait_for(
            lambda: "🚫 Avoid: snowmen" in telegram.message(ANN, card["message_id"])["text"]
        )
        card = telegram.message(ANN, card["message_id"])
    shown = "Price: 112 ⭐" if stars else "Price: $1.12"
    assert shown in card["text"]

    await press_on_card(telegram, ann, card, "Generate")
    second = await video_number(telegram, 2)
    create = shortapi.creates[1]
    args = dict(create.body["args"])
    video = args.pop("video")
    assert create.body["model"] == EXTEND_MODEL
    assert args == {
        "prompt": NEXT,
        "mode": "quality",
        "duration": "7",
        "resolution": "720p",
        "aspect_ratio": "16:9",
        "generate_audio": False,
        **({"negative_prompt": "snowmen"} if stars else {}),
    }
    # No address of its own: ShortAPI's result URL of the delivered video, which it fetched.
    assert video == f"{shortapi.base_url}/files/{source.file_name}"
    assert [f.url for f in shortapi.video_fetches] == [video]
    assert create.inputs["video"] == source.video_content()
    assert create.response["data"]["amount"] == "1.12"

    # The whole clip: the source's 8 s and the 7 added; and it can be extended again.
    sent = telegram.calls_of("sendVideo")[-1].params
    assert sent["duration"] == 8 + 7 and (sent["width"], sent["height"]) == (1280, 720)
    assert labels(second) == ["🔁 Again", "⏭ Continue", "✏️ New prompt", EXTEND]
    assert second["caption"].startswith(f"{NEXT}\n")
    if stars:
        assert await balance(telegram, ann) == 500 - 64 - 112 == (await ledger(bot_env))[ANN]

    # Extend again: the extended clip is the source now, 15 s long.
    third = await extend(telegram, ann, second, "The fox sleeps")
    await press_on_card(telegram, ann, third, "Generate")
    await video_number(telegram, 3)
    assert (
        shortapi.creates[2]
        .body["args"]["video"]
        .endswith(f"/files/{shortapi.creates[1].response['data']['job_id']}.mp4")
    )
    assert telegram.calls_of("sendVideo")[-1].params["duration"] == 15 + 7


@pytest.mark.parametrize("hosted", [False, True], ids=["no-address", "own-address"])
async def test_a_video_shortapi_no_longer_serves_is_extended_from_the_bots_own_address(
    request, bot_env, bot_process, telegram, shortapi, hosted
):
    if hosted:
        public = request.getfixturevalue("public")
    await bot_process.start()
    ann = telegram.user(ANN, "Ann")
    first = await first_video(telegram, ann)
    [source] = shortapi.jobs.values()
    shortapi.expire(source.job_id)

    query = telegram.press(ANN, ann, first["message_id"], button(first, "Extend"))
    answer = await telegram.wait_for_answer(query)
    if not hosted:
        assert answer["show_alert"] is True
        assert answer["text"].startswith("This video can no longer be extended")
        assert not [m for m in telegram.bot_messages(ANN) if ASKED in m.get("text", "")]
        # No draft waits for a prompt: the next text is a video from that text of its own.
        telegram.send_text(ANN, ann, NEXT)
        card = await telegram.wait_for_bot_message(
            ANN, lambda m: f"Prompt: {NEXT}" in m.get("text", "") and m.get("reply_markup")
        )
        assert card["text"].startswith("🎬 Video from your text\n")
        assert len(shortapi.creates) == 1
        return
    assert not answer.get("show_alert")
    await telegram.wait_for_bot_message(ANN, lambda m: ASKED in m.get("text", ""))
    telegram.send_text(ANN, ann, NEXT)
    card = await telegram.wait_for_bot_message(
        ANN, lambda m: f"Prompt: {NEXT}" in m.get("text", "") and m.get("reply_markup")
    )
    await press_on_card(telegram, ann, card, "Generate")
    await video_number(telegram, 2)
    create = shortapi.creates[1]
    # Served by the bot (Telegram's copy of the video), not by ShortAPI's dead link.
    assert create.body["args"]["video"].startswith(f"{public}/media/")
    assert create.inputs["video"] == source.video_content()
    assert telegram.calls_of("sendVideo")[-1].params["duration"] == 15
