"""Driving the fake Telegram as a person would: read keyboards, press buttons, wait."""

import re
from pathlib import Path

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
        chat_id,
        lambda m: (
            m.get("reply_markup")
            and "Price" in m.get("text", "")
            and (m.get("reply_to_message") or {}).get("message_id") == photo["message_id"]
        ),
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


async def press_on_card(telegram, user, card, label_part):
    """Press a button of a card; the card once its text has changed."""
    query = telegram.press(user["id"], user, card["message_id"], button(card, label_part))
    await telegram.wait_for_answer(query)
    await telegram.wait_for(
        lambda: telegram.message(user["id"], card["message_id"])["text"] != card["text"]
    )
    return telegram.message(user["id"], card["message_id"])


def button_labels_flat(message: dict) -> list[str]:
    return [label for row in keyboard_labels(message) for label in row]


LATER_USER = 7007


async def polls_of_another_job(telegram, shortapi, polls: int = 3) -> str:
    """Another user's job, which never finishes, queried `polls` times; its ShortAPI job id.

    The positive event a "nothing more happens" check waits for: several poll cycles after
    everything before it. No job waits longer than the poll cap between two steps, so work the
    bot still had for an earlier job (a retry, a second upload, a query) shows up by then.
    """
    user = telegram.user(LATER_USER, "Zed")
    shortapi.script([1])
    _, options = await open_options(telegram, LATER_USER, user, caption="A later video")
    telegram.press(LATER_USER, user, options["message_id"], button(options, "Generate"))
    job_id = await shortapi.wait_for(
        lambda: next(
            (j.job_id for j in shortapi.jobs.values() if j.args["prompt"] == "A later video"),
            None,
        ),
        timeout=10,
    )
    await shortapi.wait_for(lambda: shortapi.queries.count(job_id) >= polls, timeout=20)
    return job_id


def video_files_left(bot_env: dict[str, str]) -> list[str]:
    """Files in the bot's download folder (next to the database): none once a delivery ended."""
    folder = Path(bot_env["DATABASE_PATH"]).parent / "downloads"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []
