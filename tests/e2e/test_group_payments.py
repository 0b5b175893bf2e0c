"""Telegram Stars paid in a group, through the real bot process: the Stars are the payer's,
not the group's. In a private chat the chat id is the user's id, so only a group tells the two
apart."""

import pytest

from tests.chat import button
from tests.e2e.stars import balance, ledger
from tests.images import jpeg

GROUP, ANN = -100555, 1001


@pytest.fixture
def bot_env(bot_env):
    bot_env.update(STARS_PER_USD="100")
    return bot_env


async def invoice_in_group(telegram, count: int) -> dict:
    """The newest invoice in the group, once there are `count` of them."""
    await telegram.wait_for(lambda: len(telegram.invoices(GROUP)) >= count, timeout=10)
    return telegram.invoices(GROUP)[-1]


@pytest.mark.both_stores
async def test_stars_paid_in_a_group_are_the_payers(bot, telegram, shortapi, bot_env):
    ann = telegram.user(ANN)
    telegram.add_chat(GROUP)

    # A pack bought from /buy in the group: on her balance, and nothing on the group's.
    telegram.send_text(GROUP, ann, "/buy")
    offer = await telegram.wait_for_bot_message(GROUP, lambda m: "pack" in m.get("text", ""))
    telegram.press(GROUP, ann, offer["message_id"], button(offer, "100 ⭐"))
    paid = await telegram.pay(GROUP, ann, (await invoice_in_group(telegram, 1))["message_id"])
    assert paid.ok
    await telegram.wait_for_bot_message(GROUP, lambda m: "100 ⭐ added" in m.get("text", ""))
    assert await balance(telegram, ann) == 100
    assert await ledger(bot_env) == {ANN: 100}

    # A video's invoice paid in the group: her photo's video is made and delivered there.
    shortapi.script([2])
    telegram.send_photo(GROUP, ann, jpeg(), caption="A quality fox in the snow")
    card = await telegram.wait_for_bot_message(GROUP, lambda m: "Price" in m.get("text", ""))
    telegram.press(GROUP, ann, card["message_id"], button(card, "Quality"))
    await telegram.wait_for(
        lambda: "Price: 128 ⭐" in telegram.message(GROUP, card["message_id"])["text"]
    )
    card = telegram.message(GROUP, card["message_id"])
    query = telegram.press(GROUP, ann, card["message_id"], button(card, "Generate"))
    answer = await telegram.wait_for_answer(query)
    assert "28 ⭐ missing" in answer["text"]
    invoice = await invoice_in_group(telegram, 2)
    assert invoice["invoice"]["total_amount"] == 28
    assert (await telegram.pay(GROUP, ann, invoice["message_id"])).ok
    await telegram.wait_for(
        lambda: "delivered" in telegram.message(GROUP, card["message_id"])["text"], timeout=20
    )
    assert [c.body["args"]["prompt"] for c in shortapi.creates] == ["A quality fox in the snow"]
    assert await balance(telegram, ann) == 0
    assert await ledger(bot_env) == {ANN: 0}
    assert telegram.star_balance() == 128
