"""A new user's first minutes, with the real bot process: the empty chat's description, /start's
greeting and its button, a command the bot does not know, /terms and /paysupport without the
operator's own texts."""

import re
from decimal import Decimal

import pytest

from bot import texts
from bot.core.pricing import StarPricing
from bot.veo import DEFAULT_MODEL, MODELS
from tests.chat import button, keyboard_labels
from tests.images import jpeg

MODEL = MODELS[DEFAULT_MODEL]
EN, RU = texts.of("en"), texts.of("ru")
# The menu without payments, as the bot lists it to a command it does not know.
MENU = ("start", "help", "jobs", "cancel", "language")
PAID_MENU = (*MENU, "balance", "buy", "paysupport")
ANN, IVAN, BOSS, SILENT = 5001, 5002, 9001, 9002
GROUP = -100555
# Each catalog and the language_code its descriptions are set for (English's is the default).
SET_AS = [(c, "" if c == texts.FALLBACK else c.split("-")[0].lower()) for c in texts.LANGUAGES]


async def reply(telegram, chat_id: int, user: dict, text: str) -> dict:
    """Send a text; the bot's next message in the chat."""
    before = max((m["message_id"] for m in telegram.messages(chat_id)), default=0)
    telegram.send_text(chat_id, user, text)
    return await telegram.wait_for_bot_message(chat_id, lambda m: m["message_id"] > before)


@pytest.mark.parametrize(("code", "price"), [("en", "$0.32"), ("ru", "0,32\xa0$")])
async def test_start_greets_in_a_few_lines_and_its_button_opens_the_details(
    bot, telegram, code, price
):
    t = texts.of(code)
    user = telegram.user(ANN, "Ann", language_code=code)
    greeting = await reply(telegram, ANN, user, "/start")
    assert greeting["text"] == t.start_text(StarPricing(), MODEL)
    # The cheapest video (Fast, 4s, 720p, no audio), and no price table.
    assert f"{price}." in greeting["text"] and "4K" not in greeting["text"]
    assert len(greeting["text"].splitlines()) <= 6
    assert keyboard_labels(greeting) == [[t.details_label]]

    details = button(greeting, t.details_label)
    query = telegram.press(ANN, user, greeting["message_id"], details)
    assert (await telegram.wait_for_answer(query))["text"] is None
    opened = await telegram.wait_for_bot_message(
        ANN, lambda m: m["message_id"] > greeting["message_id"]
    )
    assert opened["text"] == t.help_text(StarPricing(), MODEL)
    assert (await reply(telegram, ANN, user, "/help"))["text"] == opened["text"]

    # Both in the menu, each saying what it is for.
    language = "" if code == texts.FALLBACK else code
    menu = {c["command"]: c["description"] for c in telegram.commands_of(language)}
    assert menu["start"] == t.command_description("start") != menu["help"]


async def test_the_cheapest_price_is_in_stars_with_payments_on(bot_env, bot_process, telegram):
    bot_env["STARS_PER_USD"] = "100"
    await bot_process.start()
    greeting = await reply(telegram, ANN, telegram.user(ANN), "/start")
    assert greeting["text"] == EN.start_text(StarPricing(Decimal(100)), MODEL)
    assert "from 32 ⭐." in greeting["text"]


async def test_descriptions_are_set_per_language_and_not_again_when_unchanged(
    bot_process, telegram
):
    await bot_process.start()
    for code, language in SET_AS:
        t = texts.of(code)
        assert telegram.description(language) == t.bot_description, code
        assert telegram.short_description(language) == t.bot_short_description, code
    assert telegram.description("ru") != telegram.description("") != ""
    sets = len(telegram.calls_of("setMyDescription"))
    assert sets == len(texts.LANGUAGES) == len(telegram.calls_of("setMyShortDescription"))

    await bot_process.stop()
    gets = len(telegram.calls_of("getMyDescription"))
    await bot_process.start()
    # Read again at the second start, and nothing written: Telegram has the same words.
    assert len(telegram.calls_of("getMyDescription")) == 2 * gets
    assert len(telegram.calls_of("setMyDescription")) == sets
    assert len(telegram.calls_of("setMyShortDescription")) == sets


async def test_a_description_telegram_refuses_leaves_the_bot_working(bot_process, telegram):
    telegram.fail_next("setMyDescription", 400, "Bad Request: description is too long")
    await bot_process.start()
    greeting = await reply(telegram, ANN, telegram.user(ANN), "/start")
    assert greeting["text"] == EN.start_text(StarPricing(), MODEL)
    # Whichever language's call came first was refused; the others are set.
    assert re.search(r"bot description in \S+ not set: Description is too long", bot_process.log())
    assert sum(bool(telegram.description(language)) for _, language in SET_AS) == 7


async def test_an_unknown_command_is_answered_with_what_the_bot_understands(bot, telegram):
    ann = telegram.user(ANN, "Ann", language_code="en")
    assert (await reply(telegram, ANN, ann, "/foo"))["text"] == EN.unknown_command(MENU)
    ivan = telegram.user(IVAN, "Иван", language_code="ru")
    told = await reply(telegram, IVAN, ivan, "/terms_of_nothing please")
    assert told["text"] == RU.unknown_command(MENU) and "/language — " in told["text"]
    # In a group a bare /foo may be another bot's; /foo@this_bot is ours.
    telegram.send_text(GROUP, ann, "/foo")
    telegram.send_text(GROUP, ann, "/foo@someone_else_bot")
    answer = await reply(telegram, GROUP, ann, "/foo@veo_test_bot")
    assert answer["text"] == EN.unknown_command(MENU)
    assert answer["reply_to_message"]["text"] == "/foo@veo_test_bot"
    assert [m["text"] for m in telegram.bot_messages(GROUP)] == [answer["text"]]


async def test_terms_and_paysupport_name_the_admins_by_username(bot_env, bot_process, telegram):
    bot_env.update(STARS_PER_USD="100", ADMIN_USER_IDS=f"{BOSS},{SILENT}")
    await bot_process.start()
    ann, ivan = telegram.user(ANN), telegram.user(IVAN, "Иван", language_code="ru")
    # No admin has written yet: the operator, never an id.
    support = await reply(telegram, ANN, ann, "/paysupport")
    assert support["text"] == EN.paysupport_default([])
    terms = await reply(telegram, ANN, ann, "/terms")
    assert terms["text"] == EN.terms_default([]) and "ShortAPI" in terms["text"]
    for text in (support["text"], terms["text"]):
        assert str(BOSS) not in text and str(SILENT) not in text

    # An admin sends a photo: the bot keeps their username.
    boss = telegram.user(BOSS, "Boss", username="boss_ann")
    telegram.send_photo(BOSS, boss, jpeg(), caption="A dog surfing a wave at sunset")
    await telegram.wait_for_bot_message(BOSS, lambda m: m.get("reply_markup"))
    support = await reply(telegram, ANN, ann, "/paysupport")
    assert support["text"] == EN.paysupport_default(["boss_ann"])
    assert "@boss_ann" in support["text"] and str(SILENT) not in support["text"]
    terms = await reply(telegram, IVAN, ivan, "/terms")
    assert terms["text"] == RU.terms_default(["boss_ann"]) and "@boss_ann" in terms["text"]
    # With payments on, the payment commands are among what the bot understands.
    assert (await reply(telegram, ANN, ann, "/nope"))["text"] == EN.unknown_command(PAID_MENU)
