"""Users tell their videos apart, through the real bot process: each user's videos are numbered
1, 2, 3… (whatever others made before), and /jobs shows the start of each one's prompt."""

import pytest

from tests.chat import button
from tests.e2e.delivery import delivered
from tests.e2e.stars import ADMIN, STARS_PER_USD, buy, invoice_for, options_for

ANN, IVAN = 1001, 1002
# Markup and right-to-left script in a prompt: shown as written (no parse mode).
MARKED = "<b>Bold</b> cat & שלום עולם"


@pytest.fixture
def bot_env(bot_env):
    bot_env.update(STARS_PER_USD=STARS_PER_USD, ADMIN_USER_IDS=str(ADMIN))
    return bot_env


def status_of(telegram, user_id: int, options: dict) -> str:
    """The options message, now the request's status message."""
    return telegram.message(user_id, options["message_id"])["text"]


async def answer_to(telegram, user, command: str, part: str) -> dict:
    """Send a command; the bot's answer to it containing `part`."""
    sent = telegram.send_text(user["id"], user, command)
    return await telegram.wait_for_bot_message(
        user["id"], lambda m: m["message_id"] > sent["message_id"] and part in m.get("text", "")
    )


@pytest.mark.both_stores
async def test_each_user_counts_their_own_videos(bot, telegram, shortapi):
    ann = telegram.user(ANN, "Ann")
    ivan = telegram.user(IVAN, "Иван", language_code="ru")

    # Ann's first video: the bot's first.
    await buy(telegram, ann, 500)
    first = await options_for(telegram, ann, "A lighthouse in a storm at night, waves crashing")
    telegram.press(ANN, ann, first["message_id"], button(first, "Generate"))
    await telegram.wait_for(lambda: delivered(telegram, first), timeout=20)
    assert "Submitted: request #1\n" in status_of(telegram, ANN, first)

    # Ivan, in Russian: the bot's second video, his first. With no Stars, Generate brings an
    # invoice named by his prompt; paying it starts the video.
    options = await options_for(telegram, ivan, "Кот катается на скейте по набережной")
    telegram.press(IVAN, ivan, options["message_id"], button(options, "Создать"))
    invoice = await invoice_for(telegram, IVAN)
    assert invoice["invoice"]["title"] == "Видео: Кот катается на скейте…"
    assert (await telegram.pay(IVAN, ivan, invoice["message_id"])).ok
    started = await telegram.wait_for_bot_message(
        IVAN, lambda m: "уже в работе" in m.get("text", "")
    )
    assert "запрос #1 уже в работе" in started["text"]
    await telegram.wait_for(lambda: "доставлено" in status_of(telegram, IVAN, options), timeout=20)
    assert "Отправлено: запрос #1\n" in status_of(telegram, IVAN, options)

    # Ann's second video, the bot's third, which the API fails: her #2 all along.
    shortapi.script([0, {"status": 3, "error": "content policy violation"}])
    second = await options_for(telegram, ann, MARKED)
    telegram.press(ANN, ann, second["message_id"], button(second, "Generate"))
    told = await telegram.wait_for_bot_message(
        ANN, lambda m: "back on your balance" in m.get("text", "")
    )
    assert "The 64 ⭐ for request #2 are back on your balance." in told["text"]
    assert "Submitted: request #2\n" in status_of(telegram, ANN, second)

    # Ann's /jobs: her numbers, and what each video was of, newest first.
    listing = await answer_to(telegram, ann, "/jobs", "Your recent videos:")
    text = listing["text"]
    newest = text.split("Your recent videos:\n\n")[1]
    assert newest.startswith(f"#2 “\u2068{MARKED}\u2069”\n"), text
    assert "\n\n#1 “A lighthouse in a storm at…”\n" in text, text
    assert "#3" not in text and not listing.get("entities"), "plain text, no markup"
    # Ivan's: his one video, #1.
    listing = await answer_to(telegram, ivan, "/jobs", "Ваши последние видео:")
    assert "#1 «Кот катается на скейте по…»\n" in listing["text"]
    assert "#2" not in listing["text"] and "#3" not in listing["text"]

    # /balance names the videos by the user's numbers too.
    movements = (await answer_to(telegram, ann, "/balance", "Your balance:"))["text"]
    assert "back for video #2 (no video)" in movements and "· video #2" in movements
    assert "· video #1" in movements and "#3" not in movements, movements
    movements = (await answer_to(telegram, ivan, "/balance", "Ваш баланс:"))["text"]
    assert "· видео #1" in movements and "#3" not in movements, movements
