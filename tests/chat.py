"""Driving the fake Telegram as a person would: read keyboards, press buttons, wait."""

import re

from tests.images import jpeg


def keyboard_labels(message: dict) -> list[list[str]]:
    """The inline keyboard as a person sees it: rows of labels."""
    markup = message.get("reply_markup") or {}
    return [[b["text"] for b in row] for row in markup.get("inline_keyboard", [])]


def button(message: dict, label_part: str) -> str:
    """The callback data of the one button whose label contains `label_part`."""
    found = [
        b["callback_data"]
        for row in message["reply_markup"]["inline_keyboard"]
        for b in row
        if label_part in b["text"]
    ]
    assert len(found) == 1, (
        f"{label_part!r} matches {len(found)} buttons: {keyboard_labels(message)}"
    )
    return found[0]


def chosen(message: dict) -> list[str]:
    """Labels marked as chosen."""
    return [label for row in keyboard_labels(message) for label in row if "✅" in label]


def price_in(text: str) -> str:
    match = re.search(r"Price: (\$\d+\.\d\d)", text)
    assert match, text
    return match.group(1)


async def open_options(telegram, chat_id, user, caption="A dog surfing a wave at sunset"):
    """Send a captioned photo; the bot's options message."""
    photo = telegram.send_photo(chat_id, user, jpeg(), caption=caption)
    return photo, await telegram.wait_for_bot_message(
        chat_id, lambda m: m.get("reply_markup") and "Price" in m.get("text", "")
    )


async def press_and_wait(telegram, chat_id, user, message, label_part):
    """Press a button and wait until the bot answered it; the message's new state."""
    edits_before = len(telegram.edits(chat_id, message["message_id"]))
    query = telegram.press(chat_id, user, message["message_id"], button(message, label_part))
    answer = await telegram.wait_for_answer(query)
    await telegram.wait_for(
        lambda: len(telegram.edits(chat_id, message["message_id"])) > edits_before
    )
    return answer, telegram.message(chat_id, message["message_id"])


def button_labels_flat(message: dict) -> list[str]:
    return [label for row in keyboard_labels(message) for label in row]
