"""A button tapped many times at once (a double tap, an impatient thumb, a flood): one press
is handled, the repeats that come while it is in hand get a short answer and send nothing."""

import pytest

from bot import texts
from tests.chat import button, open_options
from tests.e2e.delivery import video_message

ANN = 1001
EN = texts.of("en")
TAPS = 20


def answers_of(telegram, queries: list[str]) -> list[str]:
    return [(telegram.callback_answer(q) or {}).get("text") or "" for q in queries]


async def tap(telegram, ann, message: dict, label: str, method: str) -> list[str]:
    """Tap the button TAPS times while the first tap's `method` call hangs at Telegram; the
    texts the taps were answered with, once all are answered."""
    telegram.stall_next(method, seconds=2)
    data = button(message, label)
    queries = [telegram.press(ANN, ann, message["message_id"], data) for _ in range(TAPS)]
    await telegram.wait_for(
        lambda: all(telegram.callback_answer(q) is not None for q in queries), timeout=30
    )
    return answers_of(telegram, queries)


async def test_continue_tapped_twenty_times_sends_one_frame(bot, telegram, shortapi):
    ann = telegram.user(ANN)
    _, options = await open_options(telegram, ANN, ann)
    telegram.press(ANN, ann, options["message_id"], button(options, "Generate"))
    video = await video_message(telegram, 1)
    answers = await tap(telegram, ann, video, "Continue", "sendPhoto")
    assert answers.count(EN.press_in_hand) == TAPS - 1
    await telegram.wait_for(
        lambda: any(c.http_status == 200 for c in telegram.calls_of("sendPhoto")), timeout=10
    )
    assert len(telegram.calls_of("sendPhoto")) == 1, "one frame, not one per tap"
    # Once the press is done, the button works again: a later tap is a new request.
    again = telegram.press(ANN, ann, video["message_id"], button(video, "Continue"))
    await telegram.wait_for(lambda: len(telegram.calls_of("sendPhoto")) == 2, timeout=10)
    assert (telegram.callback_answer(again) or {}).get("text") != EN.press_in_hand


@pytest.fixture
def stars_env(bot_env):
    bot_env["STARS_PER_USD"] = "100"
    return bot_env


async def test_generate_without_stars_tapped_twenty_times_sends_one_invoice(
    stars_env, bot, telegram, shortapi
):
    ann = telegram.user(ANN)
    _, options = await open_options(telegram, ANN, ann)
    answers = await tap(telegram, ann, options, "Generate", "sendInvoice")
    await telegram.wait_for(lambda: telegram.invoices(ANN), timeout=10)
    assert answers.count(EN.press_in_hand) == TAPS - 1
    assert sum("missing" in a for a in answers) == 1
    await telegram.wait_for(
        lambda: all(c.http_status for c in telegram.calls_of("sendInvoice")), timeout=10
    )
    assert len(telegram.invoices(ANN)) == 1
    assert shortapi.creates == []


async def test_a_pack_button_tapped_twenty_times_sends_one_invoice(
    stars_env, bot, telegram, shortapi
):
    ann = telegram.user(ANN)
    telegram.send_text(ANN, ann, "/buy")
    offer = await telegram.wait_for_bot_message(ANN, lambda m: "pack" in m.get("text", ""))
    answers = await tap(telegram, ann, offer, "100 ⭐", "sendInvoice")
    await telegram.wait_for(lambda: telegram.invoices(ANN), timeout=10)
    assert answers.count(EN.press_in_hand) == TAPS - 1
    assert len(telegram.invoices(ANN)) == 1
