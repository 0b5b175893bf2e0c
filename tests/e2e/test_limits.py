"""Spend limits and /stats, through the real bot process."""

import pytest

from tests.chat import button, open_options, press_and_wait

ANN, ADMIN = 1001, 9009


async def test_the_user_budget_refuses_with_what_is_left(bot_env, bot_process, telegram, shortapi):
    bot_env["USER_DAILY_BUDGET"] = "1.00"
    await bot_process.start()
    ann = telegram.user(ANN)
    _, first = await open_options(telegram, ANN, ann)
    telegram.press(ANN, ann, first["message_id"], button(first, "Generate"))
    await telegram.wait_for(lambda: telegram.uploads, timeout=20)

    _, second = await open_options(telegram, ANN, ann, caption="more")
    query = telegram.press(ANN, ann, second["message_id"], button(second, "Generate"))
    answer = await telegram.wait_for_answer(query)
    assert (
        "$0.64" in answer["text"]
        and "$1.00" in answer["text"]
        and "$0.36 is left" in answer["text"]
    )
    assert answer["show_alert"]
    assert len(shortapi.creates) == 1
    # The request stays open: cheaper options fit.
    _, second = await press_and_wait(telegram, ANN, ann, second, "4s")
    telegram.press(ANN, ann, second["message_id"], button(second, "Generate"))
    await telegram.wait_for(lambda: len(telegram.uploads) == 2, timeout=20)
    assert shortapi.creates[1].body["args"]["duration"] == "4"

    telegram.send_text(ANN, ann, "/jobs")
    listing = await telegram.wait_for_bot_message(
        ANN, lambda m: "Spent today" in m.get("text", "")
    )
    assert "Spent today: $0.96 of your $1.00 daily limit." in listing["text"]


@pytest.mark.both_stores
async def test_simultaneous_generates_never_exceed_the_bots_budget(
    bot_env, bot_process, telegram, shortapi
):
    bot_env["DAILY_BUDGET"] = "2.00"
    await bot_process.start()
    people = [telegram.user(uid, f"U{uid}") for uid in range(3001, 3007)]
    messages = [(await open_options(telegram, p["id"], p))[1] for p in people]
    queries = [
        telegram.press(p["id"], p, m["message_id"], button(m, "Generate"))
        for p, m in zip(people, messages, strict=True)
    ]
    answers = [await telegram.wait_for_answer(q) for q in queries]
    await telegram.wait_for(lambda: len(telegram.uploads) == 3, timeout=30)
    refused = [p for p, a in zip(people, answers, strict=True) if "budget" in (a["text"] or "")]
    assert len(refused) == 3
    assert all("$0.08 is left" in a["text"] for a in answers if "budget" in (a["text"] or ""))
    # Each refused user's /jobs, answered after the press: no job was made for any of them.
    for person in refused:
        telegram.send_text(person["id"], person, "/jobs")
        listing = await telegram.wait_for_bot_message(
            person["id"], lambda m: "no videos yet" in m.get("text", "")
        )
        assert "Spent today" not in listing["text"]
    assert len(shortapi.creates) == 3  # 3 × $0.64 = $1.92; a fourth would pass $2.00


@pytest.mark.both_stores
async def test_a_job_whose_outcome_is_unknown_counts_towards_the_budget(
    bot_env, bot_process, telegram, shortapi
):
    bot_env["USER_DAILY_BUDGET"] = "1.00"  # one $0.64 video fits, two do not
    await bot_process.start()
    ann = telegram.user(ANN)
    # The create is read, then the connection drops: ShortAPI may have taken (and charged) it.
    shortapi.fail_next_create(disconnect=True)
    _, first = await open_options(telegram, ANN, ann)
    telegram.press(ANN, ann, first["message_id"], button(first, "Generate"))
    told = await telegram.wait_for_bot_message(
        ANN, lambda m: "no answer came back" in m.get("text", "")
    )
    assert told["reply_to_message"]["message_id"] == first["message_id"]
    assert "outcome unknown" in telegram.message(ANN, first["message_id"])["text"]

    _, second = await open_options(telegram, ANN, ann, caption="more")
    query = telegram.press(ANN, ann, second["message_id"], button(second, "Generate"))
    answer = await telegram.wait_for_answer(query)
    assert "$1.00" in answer["text"] and "$0.36 is left" in answer["text"], answer
    assert answer["show_alert"]
    assert len(shortapi.creates) == 1 and shortapi.jobs == {}


@pytest.mark.both_stores
async def test_stats_for_admins_only(bot_env, bot_process, telegram, shortapi):
    bot_env["ADMIN_USER_IDS"] = str(ADMIN)
    await bot_process.start()
    ann, admin = telegram.user(ANN, "Ann"), telegram.user(ADMIN, "Root")
    _, options = await open_options(telegram, ANN, ann)
    telegram.press(ANN, ann, options["message_id"], button(options, "Generate"))
    await telegram.wait_for(lambda: telegram.calls_of("sendVideo"), timeout=20)
    # A video of another model: from a text alone, in Quality ($1.28).
    sent = telegram.send_text(ANN, ann, "A paper boat sails across a rainy street")
    card = await telegram.wait_for_bot_message(
        ANN,
        lambda m: (
            m.get("reply_markup")
            and (m.get("reply_to_message") or {}).get("message_id") == sent["message_id"]
        ),
    )
    _, card = await press_and_wait(telegram, ANN, ann, card, "Quality")
    telegram.press(ANN, ann, card["message_id"], button(card, "Generate"))
    await telegram.wait_for(lambda: len(telegram.calls_of("sendVideo")) == 2, timeout=20)

    telegram.send_text(ANN, ann, "/stats")
    refusal = await telegram.wait_for_bot_message(ANN, lambda m: "operators" in m.get("text", ""))
    assert "$" not in refusal["text"]

    telegram.send_text(ADMIN, admin, "/stats")
    report = await telegram.wait_for_bot_message(ADMIN, lambda m: "Per day" in m.get("text", ""))
    assert "Jobs in the making now: 0" in report["text"]
    assert ": 2 · 0 · $1.92" in report["text"]
    # Per model, named by what it makes, the one that spent most first.
    per_model = report["text"].split("Per model, last 7 days: jobs · spent\n")[1].split("\n\n")[0]
    assert per_model == "from text: 1 · $1.28\nfrom a photo: 1 · $0.64"
    assert f"Ann ({ANN}): 2 · $1.92" in report["text"]
