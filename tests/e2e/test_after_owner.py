"""The buttons under a video in a group, through the real bot process: Continue, like Again,
works only for the person whose video it is."""

from tests.chat import button
from tests.images import jpeg

GROUP, ANN, BOB = -100778, 1001, 2002


def frame_photos(telegram) -> list[dict]:
    """The last-frame photos the bot sent into the group (each asks for the next prompt)."""
    return [
        m
        for m in telegram.bot_messages(GROUP)
        if "photo" in m and "last frame" in m.get("caption", "")
    ]


async def test_continue_under_someone_elses_video_does_nothing(bot, telegram, shortapi):
    ann, bob = telegram.user(ANN), telegram.user(BOB, "Bob")
    telegram.add_chat(GROUP)
    telegram.send_photo(GROUP, ann, jpeg(), caption="A fox")
    card = await telegram.wait_for_bot_message(GROUP, lambda m: "Price" in m.get("text", ""))
    telegram.press(GROUP, ann, card["message_id"], button(card, "Generate"))
    video = await telegram.wait_for_bot_message(GROUP, lambda m: "video" in m, timeout=30)

    query = telegram.press(GROUP, bob, video["message_id"], button(video, "Continue"))
    answer = await telegram.wait_for_answer(query)
    assert answer["show_alert"] and "someone else" in answer["text"]

    # Ann's own press, after Bob's was answered: her frame comes, and only hers.
    query = telegram.press(GROUP, ann, video["message_id"], button(video, "Continue"))
    await telegram.wait_for_answer(query)
    await telegram.wait_for(lambda: frame_photos(telegram), timeout=20)
    (frame,) = frame_photos(telegram)
    assert frame["reply_to_message"]["message_id"] == video["message_id"]
    assert len(telegram.calls_of("sendPhoto")) == 1
    assert len(shortapi.creates) == 1
