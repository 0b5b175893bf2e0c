"""Every update is handled at least once, whatever crashes in between: the real bot process
killed the moment Telegram is told an update arrived (the next getUpdates' offset), and a
database that cannot be used while a payment is in hand. After each, the payment is counted
once, the paid video is made once, and the balance adds up."""

import asyncio
import os
import signal
import sqlite3
from pathlib import Path

import pytest

from bot import texts
from tests.chat import button, open_options
from tests.e2e.delivery import delivered
from tests.e2e.disk import unwritable
from tests.e2e.metrics import scrape, value
from tests.e2e.stars import assert_adds_up, invoice_for
from tests.images import jpeg
from tests.postgres_helpers import Outage

ANN = 1001
EN = texts.of("en")
# A SQLite file locked or made unwritable: the test's fault, not the store's; PostgreSQL's
# outage has tests of its own. Kept on SQLite under TEST_BOT_STORE=postgres too.
SQLITE_ONLY = pytest.mark.parametrize("bot_store", ["sqlite"], indirect=True)
# What the default video costs at STARS_PER_USD=100: Telegram's record of her payment, less it.
VIDEO_STARS = 64


@pytest.fixture
def bot_env(bot_env):
    bot_env.update(STARS_PER_USD="100")
    return bot_env


class KillWhenConfirmed:
    """Watches the calls arriving at the fake Telegram: kill -9 the bot as soon as a
    getUpdates confirms the update `update_id` (the bot has it; Telegram forgets it)."""

    def __init__(self, telegram, bot) -> None:
        self.update_id: int | None = None
        self.killed = False
        self._telegram, self._bot = telegram, bot
        telegram.arrivals.append(self)

    def __call__(self, call) -> None:
        if call.method != "getUpdates" or self.update_id is None or self._bot.exited:
            return
        if (call.params.get("offset") or 0) > self.update_id:
            os.kill(self._bot.pid, signal.SIGKILL)
            self.killed = True

    def __enter__(self) -> "KillWhenConfirmed":
        return self

    def __exit__(self, *exc: object) -> None:
        self._telegram.arrivals.remove(self)


async def hold_anns_turn(telegram, ann, seconds: float = 30) -> None:
    """Ann's /jobs answer hangs at Telegram: her next update waits for its turn behind it,
    so the bot has it in hand, not handled, for `seconds`."""
    telegram.stall_next("sendMessage", seconds=seconds)
    telegram.send_text(ANN, ann, "/jobs")
    await telegram.wait_for(lambda: "sendMessage" in telegram.stalled, timeout=10)


async def card_and_invoice(telegram, ann) -> tuple[dict, dict]:
    """Ann's card, and the invoice her Generate (with no Stars) brought."""
    _, options = await open_options(telegram, ANN, ann)
    telegram.press(ANN, ann, options["message_id"], button(options, "Generate"))
    return options, await invoice_for(telegram, ANN)


@pytest.mark.both_stores
async def test_a_kill_as_a_payment_arrives_still_counts_it_once_and_starts_its_video(
    bot, telegram, shortapi, bot_env
):
    ann = telegram.user(ANN)
    options, invoice = await card_and_invoice(telegram, ann)
    await hold_anns_turn(telegram, ann)
    with KillWhenConfirmed(telegram, bot) as kill:
        paid = await telegram.pay(ANN, ann, invoice["message_id"])
        assert paid.ok and paid.update_id is not None
        kill.update_id = paid.update_id  # no await since the update was queued
        await telegram.wait_for(lambda: bot.exited, timeout=15)
    assert kill.killed and telegram.unconfirmed_updates == 0, "Telegram forgot the payment"
    await bot.kill()
    await bot.start()
    # The payment was kept: the video it paid for is made, once, and nobody is told of a
    # payment "counted only now" (it never needed Telegram's record to be found).
    await telegram.wait_for(lambda: delivered(telegram, options), timeout=30)
    assert len(shortapi.creates) == 1
    await assert_adds_up(telegram, bot_env, ann, 0, spent=VIDEO_STARS)
    assert not any("delay" in m.get("text", "") for m in telegram.bot_messages(ANN))


@pytest.mark.both_stores
async def test_a_kill_as_a_generate_press_arrives_still_makes_the_video(
    bot_env, public, bot_process, telegram, shortapi
):
    bot_env["STARS_PER_USD"] = "0"
    await bot_process.start()
    ann = telegram.user(ANN)
    _, options = await open_options(telegram, ANN, ann)
    await hold_anns_turn(telegram, ann)
    with KillWhenConfirmed(telegram, bot_process) as kill:
        press = telegram.press(ANN, ann, options["message_id"], button(options, "Generate"))
        kill.update_id = telegram.last_update_id
        await telegram.wait_for(lambda: bot_process.exited, timeout=15)
    assert kill.killed and telegram.unconfirmed_updates == 0
    await bot_process.kill()
    await bot_process.start()
    await telegram.wait_for(lambda: delivered(telegram, options), timeout=30)
    assert len(shortapi.creates) == 1 and len(telegram.uploads) == 1
    assert telegram.callback_answer(press) is not None, "the press was never answered"
    # The operator sees both updates (/jobs and the press) taken over from the inbox.
    _, samples = await scrape(public)
    assert value(samples, "veo_updates_delayed_total", reason="taken_over") == 2


@SQLITE_ONLY
async def test_a_payment_while_sqlite_is_locked_waits_and_starts_its_video(
    bot, telegram, shortapi, bot_env
):
    ann = telegram.user(ANN)
    options, invoice = await card_and_invoice(telegram, ann)
    # Another process's writer (a backup, a sqlite3 shell) takes the write lock as the
    # checkout is answered (from reads, which the lock does not stop) and holds it until the
    # user is told: every write meanwhile is refused after the 5 s busy timeout, the
    # payment's update among them. (A fixed hold raced the bot's own writes queued before
    # the payment's, each of which waits out the busy timeout first.)
    locker = sqlite3.connect(bot_env["DATABASE_PATH"], isolation_level=None)

    def lock_at_the_answer(call) -> None:
        if call.method == "answerPreCheckoutQuery" and not locker.in_transaction:
            locker.execute("BEGIN IMMEDIATE")

    telegram.arrivals.append(lock_at_the_answer)
    try:
        paid = await telegram.pay(ANN, ann, invoice["message_id"])
        assert paid.ok and locker.in_transaction
        told = await telegram.wait_for_bot_message(
            ANN, lambda m: "is safe" in m.get("text", ""), timeout=40
        )
        assert told["text"] == EN.payment_waiting(paid_stars(invoice), invoice["_payload"])
        assert not delivered(telegram, options)
    finally:
        telegram.arrivals.clear()
        locker.rollback()
        locker.close()
    await telegram.wait_for(lambda: delivered(telegram, options), timeout=40)
    assert len(shortapi.creates) == 1
    await assert_adds_up(telegram, bot_env, ann, 0, spent=VIDEO_STARS)
    texts_seen = [m.get("text", "") for m in telegram.bot_messages(ANN)]
    assert EN.storage_failed not in texts_seen, "the user was asked to try again"
    assert sum("is safe" in t for t in texts_seen) == 1, "told more than once"


def paid_stars(invoice) -> int:
    return invoice["invoice"]["total_amount"]


async def test_a_payment_while_postgres_is_away_waits_and_starts_its_video(
    telegram, shortapi, bot_env, bot_process, pg_url
):
    async with Outage(pg_url) as outage:
        bot_env.update(DATABASE_URL=outage.url, JOB_LEASE="3")
        await bot_process.start()
        ann = telegram.user(ANN)
        options, invoice = await card_and_invoice(telegram, ann)
        await hold_anns_turn(telegram, ann, seconds=3)
        vanished: list[asyncio.Future[None]] = []
        paid_id: list[int] = []

        def restart_when_confirmed(call) -> None:
            # PostgreSQL restarts once the payment's update is the bot's, before its turn.
            offset = call.params.get("offset") or 0
            if call.method == "getUpdates" and paid_id and offset > paid_id[0] and not vanished:
                vanished.append(asyncio.ensure_future(outage.gone()))

        telegram.arrivals.append(restart_when_confirmed)
        paid = await telegram.pay(ANN, ann, invoice["message_id"])
        paid_id.append(paid.update_id)
        await telegram.wait_for(lambda: vanished, timeout=15)
        telegram.arrivals.clear()
        told = await telegram.wait_for_bot_message(
            ANN, lambda m: "is safe" in m.get("text", ""), timeout=30
        )
        assert told["text"] == EN.payment_waiting(paid_stars(invoice), invoice["_payload"])
        await asyncio.sleep(3)  # a few more tries meet the outage
        await outage.back()
        await telegram.wait_for(lambda: delivered(telegram, options), timeout=60)
        assert len(shortapi.creates) == 1
        await assert_adds_up(telegram, {"DATABASE_URL": pg_url}, ann, 0, spent=VIDEO_STARS)
        texts_seen = [m.get("text", "") for m in telegram.bot_messages(ANN)]
        assert EN.storage_failed not in texts_seen, "the user was asked to try again"
        assert sum("is safe" in t for t in texts_seen) == 1, "told more than once"


async def test_a_payment_taken_by_a_leader_that_dies_is_handled_by_another_replica(
    pg_url,
    replicas,
    telegram,
    shortapi,
):
    names = ["a", "b"]
    for name in names:
        await replicas.start(name, DATABASE_URL=pg_url, JOB_LEASE="3")
    procs = dict(zip(names, replicas.started, strict=True))
    leader = procs[await replicas.one_leader(names)]
    ann = telegram.user(ANN)
    options, invoice = await card_and_invoice(telegram, ann)
    await hold_anns_turn(telegram, ann)
    with KillWhenConfirmed(telegram, leader) as kill:
        paid = await telegram.pay(ANN, ann, invoice["message_id"])
        kill.update_id = paid.update_id
        await telegram.wait_for(lambda: leader.exited, timeout=15)
    assert kill.killed and telegram.unconfirmed_updates == 0, "Telegram forgot the payment"
    await leader.kill()
    # The other replica takes the dead one's updates from the inbox once its lease ran out.
    await telegram.wait_for(lambda: delivered(telegram, options), timeout=60)
    assert len(shortapi.creates) == 1
    await assert_adds_up(telegram, {"DATABASE_URL": pg_url}, ann, 0, spent=VIDEO_STARS)
    assert not any("delay" in m.get("text", "") for m in telegram.bot_messages(ANN))


async def inbox_empty(path: str) -> None:
    """Wait until every update the bot took is handled (its inbox is empty)."""
    for _ in range(100):
        with sqlite3.connect(path) as conn:
            if conn.execute("SELECT COUNT(*) FROM inbox").fetchone()[0] == 0:
                return
        await asyncio.sleep(0.1)
    raise AssertionError("updates stayed in the inbox")


def deliveries(telegram, update_id: int) -> list[int | None]:
    """The HTTP statuses the bot's webhook answered each POST of this update with."""
    return [d.status for d in telegram.webhook_deliveries if d.update_id == update_id]


async def test_a_kill_after_the_webhook_took_a_press_still_makes_the_video(
    bot_env, public, bot_process, telegram, shortapi
):
    bot_env.update(TELEGRAM_WEBHOOK="true", STARS_PER_USD="0")
    await bot_process.start()
    ann = telegram.user(ANN)
    _, options = await open_options(telegram, ANN, ann)
    await hold_anns_turn(telegram, ann)
    telegram.press(ANN, ann, options["message_id"], button(options, "Generate"))
    pressed = telegram.last_update_id
    # Answered 200: Telegram will not send it again; the bot has it in hand, not handled.
    await telegram.wait_for(
        lambda: any(
            d.update_id == pressed and d.status == 200 for d in telegram.webhook_deliveries
        ),
        timeout=10,
    )
    await bot_process.kill()
    assert shortapi.creates == []
    await bot_process.start()
    await telegram.wait_for(lambda: delivered(telegram, options), timeout=30)
    assert len(shortapi.creates) == 1


@SQLITE_ONLY
async def test_an_update_the_webhook_cannot_store_is_refused_and_handled_once_it_can(
    bot_env, public, bot_process, telegram, shortapi
):
    bot_env.update(TELEGRAM_WEBHOOK="true", STARS_PER_USD="0")
    await bot_process.start()
    ann = telegram.user(ANN)
    await open_options(telegram, ANN, ann)
    await inbox_empty(bot_env["DATABASE_PATH"])  # that photo's handling has ended
    with unwritable(Path(bot_env["DATABASE_PATH"])):
        telegram.send_photo(ANN, ann, jpeg(7), caption="A fox in the snow")
        sent = telegram.last_update_id
        told = await telegram.wait_for_bot_message(ANN, lambda m: "database" in m.get("text", ""))
        assert told["text"] == EN.storage_waiting
        # Refused (503) and so sent again by Telegram: not lost, and its sender told once.
        await telegram.wait_for(
            lambda: (
                sum(d.update_id == sent and d.status == 503 for d in telegram.webhook_deliveries)
                >= 3
            ),
            timeout=15,
        )
        assert [m.get("text") for m in telegram.bot_messages(ANN)].count(EN.storage_waiting) == 1
    card = await telegram.wait_for_bot_message(
        ANN, lambda m: "A fox in the snow" in m.get("text", ""), timeout=30
    )
    assert card.get("reply_markup")
    # Taken at last: the 200 reaches Telegram once the update is stored, which may be after
    # the card it brings (handling starts as soon as it is stored).
    await telegram.wait_for(lambda: deliveries(telegram, sent)[-1] == 200, timeout=10)
    _, samples = await scrape(public)
    assert value(samples, "veo_updates_delayed_total", reason="database") >= 3


async def test_updates_handled_together_are_each_recorded_and_none_comes_again(
    bot_process, telegram
):
    # Twelve people send a photo at once: their handling ends close together, and the records
    # that they were handled are committed together. After a restart none of them is taken
    # from the inbox again: nobody gets a second card.
    await bot_process.start()
    people = {1100 + n: telegram.user(1100 + n) for n in range(12)}
    for chat_id, user in people.items():
        telegram.send_photo(chat_id, user, jpeg(seed=chat_id), caption="A fox in the snow")

    def cards(chat_id: int) -> list[dict]:
        return [m for m in telegram.bot_messages(chat_id) if "Price" in m.get("text", "")]

    await telegram.wait_for(lambda: all(cards(chat_id) for chat_id in people), timeout=30)
    await bot_process.stop()
    await bot_process.start()
    telegram.send_text(ANN, telegram.user(ANN), "/jobs")
    await telegram.wait_for(lambda: telegram.bot_messages(ANN), timeout=15)
    await asyncio.sleep(1.0)  # time for a card handled again to reach Telegram, were there one
    assert {chat_id: len(cards(chat_id)) for chat_id in people} == dict.fromkeys(people, 1)
