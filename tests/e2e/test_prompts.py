"""Long, non-ASCII prompts: what the user wrote is what ShortAPI gets, byte for byte."""

import unicodedata

import pytest

from bot import texts
from tests.chat import button, open_options
from tests.images import jpeg

ANN = 1001
EMPTY = texts.of("en").message("error-empty-prompt")
# A caption that shows nothing: zero-width space and joiner, word joiner, a blank Braille
# pattern, a Hangul filler and bidi controls; Telegram sends it on as it is.
INVISIBLE = "\u200b\u200d\u2060\u2800\u3164\u202e\u2066\u2069\u200f"
# Cyrillic, CJK, emoji (ZWJ sequences, skin tones, flags) and combining marks left decomposed,
# so that cutting, re-encoding or normalising the prompt anywhere changes its bytes.
_PARTS = (
    "Кинематографичный пролёт над заснеженной тайгой, где ёлки искрятся на рассвете",
    "夕暮れの港町、提灯の灯りが水面に揺れる。猫が屋根の上で伸びをする",
    "🌊🏄‍♀️ a surfer 👩🏽‍🚀 waves at 🇺🇦🇯🇵 flags, 🐈‍⬛ watching 🎬🎞️✨",
    "cafe\u0301 au lait, nai\u0308ve Zo\u0308e, man\u0303ana, Z\u0335\u0321a\u0336\u0322lgo\u0337",
    "Ελληνικά γράμματα και ภาษาไทย ที่มีวรรณยุกต์ และ हिन्दी में क्षत्रिय",
)


def utf16_units(text: str) -> int:
    """Length as Telegram counts it."""
    return len(text.encode("utf-16-le")) // 2


def mixed_text(min_chars: int = 0, max_units: int | None = None) -> str:
    """The parts repeated: at least `min_chars` characters, at most `max_units` UTF-16 units."""
    text, i = "", 0
    while len(text) < min_chars or (max_units and utf16_units(text) < max_units - 60):
        text += _PARTS[i % len(_PARTS)] + ". "
        i += 1
    text = text.strip()
    while max_units and utf16_units(text) > max_units:
        text = text[:-1].rstrip()
    return text


# Within the bot's 2000-character limit, sent as its own message (up to 4096 UTF-16 units).
LONG_PROMPT = mixed_text(min_chars=1600)
# A caption Telegram accepts: at most 1024 UTF-16 units, yet well under 1024 characters.
LONG_CAPTION = mixed_text(max_units=1020)


def test_the_prompts_are_what_they_claim():
    assert 1500 <= len(LONG_PROMPT) <= 2000 and utf16_units(LONG_PROMPT) <= 4096
    assert 960 <= utf16_units(LONG_CAPTION) <= 1024 and len(LONG_CAPTION) < 1000
    for text in (LONG_PROMPT, LONG_CAPTION):
        assert unicodedata.normalize("NFC", text) != text, "holds decomposed marks"
        assert text == text.strip()


async def prompt_after_photo(telegram, user, prompt):
    """A photo without caption, then the prompt as a text message; the options message."""
    telegram.send_photo(ANN, user, jpeg())
    await telegram.wait_for_bot_message(ANN, lambda m: "send me the prompt" in m.get("text", ""))
    telegram.send_text(ANN, user, prompt)
    return await telegram.wait_for_bot_message(
        ANN, lambda m: m.get("reply_markup") and "Price" in m.get("text", "")
    )


async def options_for(case, telegram, user):
    """The options message for the case's prompt."""
    if case == "text":
        return LONG_PROMPT, await prompt_after_photo(telegram, user, LONG_PROMPT)
    return LONG_CAPTION, (await open_options(telegram, ANN, user, caption=LONG_CAPTION))[1]


@pytest.mark.parametrize("case", ["text", "caption"])
async def test_a_long_non_ascii_prompt_reaches_shortapi_byte_for_byte(
    bot, telegram, shortapi, case
):
    ann = telegram.user(ANN)
    prompt, options = await options_for(case, telegram, ann)
    assert prompt[:40] in options["text"]  # the preview shows how it starts
    telegram.press(ANN, ann, options["message_id"], button(options, "Generate"))
    [create] = await shortapi.wait_for(lambda: shortapi.creates, timeout=10)
    sent = create.body["args"]["prompt"]
    assert sent.encode("utf-8") == prompt.encode("utf-8")


@pytest.mark.parametrize("case", ["text", "caption"])
async def test_a_long_non_ascii_prompt_comes_back_under_the_video(bot, telegram, shortapi, case):
    ann = telegram.user(ANN)
    prompt, options = await options_for(case, telegram, ann)
    telegram.press(ANN, ann, options["message_id"], button(options, "Generate"))

    def ended():
        text = telegram.message(ANN, options["message_id"])["text"]
        return "delivered" in text or "failed" in text

    await telegram.wait_for(ended, timeout=20)
    refused = [
        f"{c.method} -> {c.http_status} {c.error}"
        for c in telegram.calls
        if c.method in ("sendVideo", "sendDocument") and c.http_status != 200
    ]
    assert len(telegram.uploads) == 1, refused
    [upload] = telegram.uploads
    assert upload.method == "sendVideo"
    assert utf16_units(upload.caption) <= 1024
    assert upload.caption.startswith(prompt[:100])


def cards(telegram) -> list[dict]:
    """The options messages the bot sent Ann (each with its Generate button)."""
    return [m for m in telegram.bot_messages(ANN) if "Price" in m.get("text", "")]


@pytest.mark.parametrize("case", ["caption", "text"])
async def test_a_prompt_of_invisible_characters_is_empty_and_opens_no_card(
    bot, telegram, shortapi, case
):
    ann = telegram.user(ANN)
    if case == "caption":
        telegram.send_photo(ANN, ann, jpeg(), caption=INVISIBLE)
    else:
        telegram.send_photo(ANN, ann, jpeg())
        await telegram.wait_for_bot_message(ANN, lambda m: "send me the prompt" in m["text"])
        telegram.send_text(ANN, ann, INVISIBLE)
    await telegram.wait_for_bot_message(ANN, lambda m: m.get("text") == EMPTY)
    # A prompt with words, sent next, is the first to open a card.
    if case == "caption":
        await open_options(telegram, ANN, ann, caption="A fox in the snow")
    else:
        telegram.send_text(ANN, ann, "A fox in the snow")
        await telegram.wait_for_bot_message(ANN, lambda m: "Price" in m.get("text", ""))
    [card] = cards(telegram)
    assert "A fox in the snow" in card["text"]
    assert not shortapi.creates
