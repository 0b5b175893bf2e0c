"""After the video, through the real bot process: the next video is one tap away, and nothing
is created at ShortAPI without a Generate."""

import base64
import io

from PIL import Image

from tests.chat import button, keyboard_labels, open_options, press_and_wait
from tests.e2e.delivery import video_message
from tests.fakes._video import LAST_COLOUR
from tests.images import jpeg

ANN = 1001


def image_of(create) -> bytes:
    """The image bytes a create call carried (sent inline, as a data: URI)."""
    uri = create.body["args"]["image"]
    assert uri.startswith("data:image/"), uri[:40]
    return base64.b64decode(uri.partition(",")[2])


async def card_replying_to(telegram, message_id: int) -> dict:
    """The options card the bot sent as a reply to that message."""
    return await telegram.wait_for_bot_message(
        ANN,
        lambda m: (
            "Price" in m.get("text", "")
            and (m.get("reply_to_message") or {}).get("message_id") == message_id
        ),
    )


async def answer_with_prompt(telegram, ann, asked: str, prompt: str) -> dict:
    """Wait for the bot to ask (`asked` in its message), reply with the prompt; the card."""
    await telegram.wait_for_bot_message(
        ANN, lambda m: asked in (m.get("text") or m.get("caption") or "")
    )
    # A forced reply is not echoed in the Message: it is in the call that sent the question.
    (call,) = [
        c
        for c in telegram.calls
        if asked in str(c.params.get("text") or c.params.get("caption") or "")
    ]
    assert call.params["reply_markup"]["force_reply"]
    telegram.send_text(ANN, ann, prompt)
    return await telegram.wait_for_bot_message(
        ANN, lambda m: f"Prompt: {prompt}" in m.get("text", "") and m.get("reply_markup")
    )


async def test_again_new_prompt_and_continue_make_the_next_video_one_tap_away(
    bot, telegram, shortapi
):
    ann = telegram.user(ANN)
    _, card = await open_options(telegram, ANN, ann, caption="A fox in the snow")
    _, card = await press_and_wait(telegram, ANN, ann, card, "Quality")
    telegram.press(ANN, ann, card["message_id"], button(card, "Generate"))
    first = await video_message(telegram, 1)
    assert any("Again" in label for row in keyboard_labels(first) for label in row)
    assert len(shortapi.creates) == 1

    # Continue, pressed the moment the video is there: its last frame is the next photo.
    telegram.press(ANN, ann, first["message_id"], button(first, "Continue"))
    nxt = await answer_with_prompt(telegram, ann, "last frame", "The fox runs into the forest")
    telegram.press(ANN, ann, nxt["message_id"], button(nxt, "Generate"))
    await video_message(telegram, 2)
    frame = Image.open(io.BytesIO(image_of(shortapi.creates[1]))).convert("RGB")
    pixel = frame.getpixel((frame.width // 2, frame.height // 2))
    assert all(abs(a - b) <= 24 for a, b in zip(pixel, LAST_COLOUR, strict=True)), pixel
    assert shortapi.creates[1].body["args"]["prompt"] == "The fox runs into the forest"

    # Again: the same photo, prompt, options and price; nothing created until Generate.
    telegram.press(ANN, ann, first["message_id"], button(first, "Again"))
    again = await card_replying_to(telegram, first["message_id"])
    assert "Prompt: A fox in the snow" in again["text"] and "Price: $1.28" in again["text"]
    assert "Quality" in again["text"] and len(shortapi.creates) == 2
    telegram.press(ANN, ann, again["message_id"], button(again, "Generate"))
    await video_message(telegram, 3)
    second = shortapi.creates[2].body["args"]
    assert second["prompt"] == "A fox in the snow" and second["mode"] == "quality"
    assert image_of(shortapi.creates[2]) == image_of(shortapi.creates[0])

    # New prompt: the same photo and options, the prompt asked for; then the card's Prompt.
    telegram.press(ANN, ann, first["message_id"], button(first, "prompt"))
    night = await answer_with_prompt(telegram, ann, "new prompt", "A fox at night")
    assert "Price: $1.28" in night["text"]
    telegram.press(ANN, ann, night["message_id"], button(night, "Prompt"))
    await telegram.wait_for_bot_message(ANN, lambda m: "options stay" in m.get("text", ""))
    telegram.send_text(ANN, ann, "A fox at dawn")
    await telegram.wait_for(
        lambda: "Prompt: A fox at dawn" in telegram.message(ANN, night["message_id"])["text"]
    )
    assert len(shortapi.creates) == 3

    # A new photo starts with the options she last generated with.
    telegram.send_photo(ANN, ann, jpeg(), caption="A cat")
    fresh = await telegram.wait_for_bot_message(
        ANN, lambda m: "Prompt: A cat" in m.get("text", "")
    )
    assert "Options: Quality" in fresh["text"] and "Price: $1.28" in fresh["text"]


async def test_someone_elses_video_buttons_do_nothing(bot, telegram, shortapi):
    ann, bob = telegram.user(ANN), telegram.user(2002, "Bob")
    telegram.add_chat(-100777)
    photo = telegram.send_photo(-100777, ann, jpeg(), caption="A fox")
    card = await telegram.wait_for_bot_message(-100777, lambda m: "Price" in m.get("text", ""))
    telegram.press(-100777, ann, card["message_id"], button(card, "Generate"))
    await telegram.wait_for(lambda: telegram.uploads, timeout=30)
    video = next(m for m in telegram.bot_messages(-100777) if "video" in m)
    query = telegram.press(-100777, bob, video["message_id"], button(video, "Again"))
    answer = await telegram.wait_for_answer(query)
    assert answer["show_alert"] and "someone else" in answer["text"]
    assert (
        photo
        and len([m for m in telegram.bot_messages(-100777) if "Price" in m.get("text", "")]) == 1
    )
