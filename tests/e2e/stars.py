"""Telegram Stars as a user and the operator see them, through the real bot process: the
balance /balance shows, the ledger's rows, the invoices, a pack bought from /buy."""

import re
import sqlite3

import asyncpg
import pytest

from tests.chat import button
from tests.fakes.telegram import FakeTelegram
from tests.images import jpeg

ADMIN = 4242
STARS_PER_USD = "100"
# A way into a video end to end on each store and with Stars off and on, in two runs rather
# than four: SQLite with prices in USD, PostgreSQL with Stars (`stars` says which). The
# stores and the payments each have suites of their own; this shows each way on both.
EACH_STORE_AND_PAYMENT = pytest.mark.parametrize(
    ("bot_store", "stars"),
    [("sqlite", False), ("postgres", True)],
    ids=["sqlite-usd", "postgres-stars"],
    indirect=["bot_store"],
)


async def start_paying_or_not(bot_env, bot_process, telegram, stars: bool, user_id: int):
    """Start the bot with Stars on (`stars`: the user then holds 500 bought with /buy) or off;
    the user."""
    if stars:
        bot_env.update(STARS_PER_USD=STARS_PER_USD, STAR_PACKS="500")
    await bot_process.start()
    user = telegram.user(user_id, "Ann")
    if stars:
        await buy(telegram, user, 500)
    return user


async def balance(telegram, user) -> int:
    """What /balance tells the user."""

    def answers():
        return [
            m for m in telegram.bot_messages(user["id"]) if "Your balance:" in m.get("text", "")
        ]

    before = len(answers())
    telegram.send_text(user["id"], user, "/balance")
    await telegram.wait_for(lambda: len(answers()) > before, timeout=10)
    shown = re.search(r"Your balance: (-?[\d,]+) ⭐", answers()[-1]["text"]).group(1)
    return int(shown.replace(",", ""))  # "1,000": English groups thousands


async def ledger(bot_env) -> dict[int, int]:
    """Each user's sum of ledger rows, read from the bot's database (either store)."""
    sql = "SELECT user_id, SUM(stars) FROM ledger GROUP BY user_id"
    if "DATABASE_URL" in bot_env:
        conn = await asyncpg.connect(bot_env["DATABASE_URL"])
        try:
            return {r[0]: int(r[1]) for r in await conn.fetch(sql)}
        finally:
            await conn.close()
    with sqlite3.connect(bot_env["DATABASE_PATH"]) as conn:
        return dict(conn.execute(sql).fetchall())


async def invoice_for(telegram: FakeTelegram, chat_id: int, count: int = 1) -> dict:
    """The newest invoice in the chat, once there are `count` of them."""
    await telegram.wait_for(lambda: len(telegram.invoices(chat_id)) >= count, timeout=10)
    return telegram.invoices(chat_id)[-1]


async def options_for(telegram, user, caption):
    """Send a captioned photo; the options message that answers this photo."""
    photo = telegram.send_photo(user["id"], user, jpeg(), caption=caption)
    return await telegram.wait_for_bot_message(
        user["id"],
        lambda m: (
            m.get("reply_markup")
            and (m.get("reply_to_message") or {}).get("message_id") == photo["message_id"]
        ),
    )


async def buy(telegram, user, stars: int):
    """The user buys a pack from /buy; the payment, once the bot has counted it."""
    telegram.send_text(user["id"], user, "/buy")
    offer = await telegram.wait_for_bot_message(user["id"], lambda m: "pack" in m.get("text", ""))
    before = len(telegram.invoices(user["id"]))
    telegram.press(user["id"], user, offer["message_id"], button(offer, f"{stars:,} ⭐"))
    invoice = await invoice_for(telegram, user["id"], before + 1)
    paid = await telegram.pay(user["id"], user, invoice["message_id"])
    assert paid.ok
    await telegram.wait_for_bot_message(
        user["id"], lambda m: f"{stars:,} ⭐ added" in m.get("text", "")
    )
    return paid


def kept_at_telegram(telegram, user_id: int) -> int:
    """The user's Stars the bot holds at Telegram: paid in, less refunded to them."""
    total = 0
    for t in telegram.star_transactions():
        if "source" in t and t["source"]["user"]["id"] == user_id:
            total += t["amount"]
        elif "receiver" in t and t["receiver"]["user"]["id"] == user_id:
            total -= t["amount"]
    return total


async def assert_adds_up(telegram, bot_env, user, expected: int, spent: int = 0) -> None:
    """The balance shown equals the ledger's sum, and Telegram's record less the Stars spent
    on delivered videos."""
    shown = await balance(telegram, user)
    in_ledger = (await ledger(bot_env)).get(user["id"], 0)
    assert shown == expected == in_ledger == kept_at_telegram(telegram, user["id"]) - spent
