"""The bot speaks each user's language, with the real bot process: the fake Telegram sends
each user's language_code, and what the user sees is compared with the catalog's words."""

import asyncio
from decimal import Decimal

import pytest

from bot import texts
from bot.core.errors import TooManyActiveJobs, UnsupportedFile
from bot.core.pricing import Cost
from bot.core.progress import expected_seconds
from bot.telegram.keyboards import draft_keyboard, video_keyboard
from bot.veo import MODEL_ID, Mode, VideoOptions
from storage import Draft, DraftStatus, JobStatus
from tests.chat import button, keyboard_labels
from tests.images import jpeg

PROMPT = "A dog surfing a wave at sunset"
# Telegram's language_code of each user, and the catalog they must be spoken to in.
USERS = [
    (3001, "en", "en"),
    (3002, "ru", "ru"),
    (3003, "es", "es"),
    (3004, "pt-br", "pt-BR"),
    (3005, "fa", "fa"),
    (3006, "id", "id"),
    (3007, "uk", "uk"),
    (3008, "tr", "tr"),
    (3009, "de", "en"),  # a language without a catalog
]
DEFAULT = VideoOptions()
QUALITY = VideoOptions(mode=Mode.QUALITY)
PRICES = {DEFAULT: Decimal("0.64"), QUALITY: Decimal("1.28")}


def card(t: texts.Texts, options: VideoOptions) -> str:
    """The options card the bot must show for PROMPT with these options (no history yet)."""
    draft = Draft(1, 1, 1, 1, 1, "f", "image/jpeg", PROMPT, MODEL_ID, DEFAULT.args,
                  DraftStatus.OPEN, 0.0)  # fmt: skip
    expected = expected_seconds(options, [])
    return t.draft_text(draft, options, Cost(PRICES[options]), expected)


def labels(markup) -> list[list[str]]:
    return [[b.text for b in row] for row in markup.inline_keyboard]


async def reply(telegram, chat_id: int, user: dict, text: str) -> dict:
    """Send a text; the bot's next message in the chat."""
    before = max((m["message_id"] for m in telegram.messages(chat_id)), default=0)
    telegram.send_text(chat_id, user, text)
    return await telegram.wait_for_bot_message(chat_id, lambda m: m["message_id"] > before)


async def converse(telegram, chat_id: int, language_code: str, code: str) -> None:
    """Help, a wrong message, the card, an option, Generate, the video and /jobs."""
    t = texts.of(code)
    user = telegram.user(chat_id, "Ann", language_code=language_code)
    assert (await reply(telegram, chat_id, user, "/help"))["text"].startswith(t.message("help"))
    # A text with no photo waiting: a card for a video from that text.
    from_text = await reply(telegram, chat_id, user, "hello")
    assert t.message("title-text") in from_text["text"].splitlines()[0]  # (fa: in isolates)
    assert from_text.get("reply_markup")

    photo = telegram.send_photo(chat_id, user, jpeg(), caption=PROMPT)
    options = await telegram.wait_for_bot_message(
        chat_id,
        lambda m: (
            m.get("reply_markup")
            and (m.get("reply_to_message") or {}).get("message_id") == photo["message_id"]
        ),
    )
    assert options["text"] == card(t, DEFAULT)
    assert keyboard_labels(options) == labels(draft_keyboard(t, 1, DEFAULT, Cost(PRICES[DEFAULT])))

    query = telegram.press(
        chat_id,
        user,
        options["message_id"],
        button(options, t.choice_label(QUALITY.video_model.choice("mode", Mode.QUALITY))),
    )
    await telegram.wait_for_answer(query)
    await telegram.wait_for(
        lambda: telegram.message(chat_id, options["message_id"])["text"] == card(t, QUALITY)
    )
    options = telegram.message(chat_id, options["message_id"])
    generate = t.generate_label(Cost(PRICES[QUALITY]))
    query = telegram.press(chat_id, user, options["message_id"], button(options, generate))
    assert (await telegram.wait_for_answer(query))["text"] == t.submitting

    video = await telegram.wait_for_bot_message(chat_id, lambda m: "video" in m, timeout=30)
    assert video["caption"] == f"{PROMPT}\n{t.options_line(QUALITY)} · {t.usd(PRICES[QUALITY])}"
    # A 720p video from Veo: it can be extended.
    markup = video_keyboard(t, 1, with_continue=True, with_extend=True)
    assert keyboard_labels(video) == labels(markup)
    await telegram.wait_for(
        lambda: (
            t.status(JobStatus.DELIVERED)
            in telegram.message(chat_id, options["message_id"])["text"]
        )
    )
    listing = (await reply(telegram, chat_id, user, "/jobs"))["text"]
    assert t.message("jobs-recent") in listing and t.status(JobStatus.DELIVERED) in listing


async def test_each_user_is_spoken_to_in_their_own_language(bot, telegram, shortapi):
    """Nine users at once, one per catalog and one whose language has none (English)."""
    await asyncio.gather(*(converse(telegram, *user) for user in USERS))
    for code in texts.LANGUAGES:
        t = texts.of(code)
        language_code = None if code == "en" else code.split("-")[0].lower()
        menu = telegram.commands_of(language_code or "")
        assert [c["description"] for c in menu] == [
            t.command_description(c["command"]) for c in menu
        ], code
        assert {c["command"] for c in menu} >= {"help", "jobs", "cancel", "language"}
    assert telegram.commands == telegram.commands_of("")  # English for every other language


async def test_a_russian_user_sees_everything_in_russian(bot_env, bot_process, telegram, shortapi):
    bot_env["MAX_ACTIVE_JOBS_PER_USER"] = "1"
    await bot_process.start()
    t, chat = texts.of("ru"), 3100
    ivan = telegram.user(chat, "Иван", language_code="ru")
    menu = {c["command"]: c["description"] for c in telegram.commands_of("ru")}
    assert (
        menu["help"] == t.command_description("help") != texts.of("en").command_description("help")
    )
    assert set(menu) >= {"start", "help", "jobs", "cancel", "language"}
    # Errors, in Russian.
    telegram.send_document(chat, ivan, b"%PDF-1.4", mime_type="application/pdf", file_name="a.pdf")
    told = await telegram.wait_for_bot_message(
        chat, lambda m: m["text"] == t.user_error(UnsupportedFile())
    )
    assert "JPEG" in told["text"]
    # Two open cards, closed together: "2 запроса", the few form.
    for n in range(2):
        telegram.send_photo(chat, ivan, jpeg(n), caption=f"{PROMPT} {n}")
        await telegram.wait_for(
            lambda n=n: sum(bool(m.get("reply_markup")) for m in telegram.bot_messages(chat)) > n
        )
    cancelled = await reply(telegram, chat, ivan, "/cancel")
    assert cancelled["text"] == t.cancelled_count(2)
    assert cancelled["text"] != t.cancelled_count(5)  # the few and many forms differ
    # A video in the making, and a second Generate over the limit: the alert in Russian.
    shortapi.script([1, 1, 1, 1, 1, 1, 1, 1, 2])
    cards = []
    for n in range(2):
        telegram.send_photo(chat, ivan, jpeg(10 + n), caption=f"{PROMPT} {n}")
        cards.append(
            await telegram.wait_for_bot_message(
                chat, lambda m, n=n: m.get("reply_markup") and f"{PROMPT} {n}" in m["text"]
            )
        )
    generate = t.generate_label(Cost(PRICES[DEFAULT]))
    first = telegram.press(chat, ivan, cards[0]["message_id"], button(cards[0], generate))
    assert (await telegram.wait_for_answer(first))["text"] == t.submitting
    second = telegram.press(chat, ivan, cards[1]["message_id"], button(cards[1], generate))
    answer = await telegram.wait_for_answer(second)
    assert answer["text"] == t.user_error(TooManyActiveJobs(1)) and answer["show_alert"]
    video = await telegram.wait_for_bot_message(chat, lambda m: "video" in m, timeout=30)
    assert video["caption"].endswith(f"{t.options_line(DEFAULT)} · {t.usd(PRICES[DEFAULT])}")
    await telegram.wait_for(
        lambda: (
            t.status(JobStatus.DELIVERED) in telegram.message(chat, cards[0]["message_id"])["text"]
        )
    )


@pytest.mark.both_stores
async def test_language_switches_and_stays_after_a_restart(
    bot_store, bot_env, bot_process, telegram, shortapi
):
    await bot_process.start()
    ru, es = texts.of("ru"), texts.of("es")
    chat = 3200
    olga = telegram.user(chat, "Olga", language_code="ru")
    choose = await reply(telegram, chat, olga, "/language")
    assert choose["text"] == ru.language_choose
    assert keyboard_labels(choose) == [
        [f"{texts.CHOSEN} Русский" if code == "ru" else texts.of(code).language_name]
        for code in texts.LANGUAGES
    ] + [[ru.language_auto]]
    query = telegram.press(chat, olga, choose["message_id"], button(choose, "Español"))
    assert (await telegram.wait_for_answer(query))["text"] == es.language_chosen
    await telegram.wait_for(
        lambda: telegram.message(chat, choose["message_id"])["text"] == es.language_chosen
    )
    chat_scope = {"type": "chat", "chat_id": chat}
    menu = await telegram.wait_for(lambda: telegram.commands_of("", chat_scope))
    assert [c["description"] for c in menu] == [es.command_description(c["command"]) for c in menu]
    assert (await reply(telegram, chat, olga, "/help"))["text"].startswith(es.message("help"))

    await bot_process.stop()
    await bot_process.start()
    assert (await reply(telegram, chat, olga, "/help"))["text"].startswith(es.message("help"))
    telegram.send_photo(chat, olga, jpeg(), caption=PROMPT)
    options = await telegram.wait_for_bot_message(chat, lambda m: m.get("reply_markup"))
    assert options["text"] == card(es, DEFAULT)

    # Back to the Telegram app's language: Russian, and the chat's own menu is gone.
    choose = await reply(telegram, chat, olga, "/language")
    assert choose["text"] == es.language_choose
    query = telegram.press(chat, olga, choose["message_id"], button(choose, es.language_auto))
    assert (await telegram.wait_for_answer(query))["text"] == ru.language_auto_chosen
    await telegram.wait_for(lambda: telegram.commands_of("", chat_scope) == [])
    assert (await reply(telegram, chat, olga, "/help"))["text"].startswith(ru.message("help"))
