"""Concurrent update handling: users overlap, one user's updates keep their order."""

import asyncio

from telegram import CallbackQuery, Update, User

from bot.telegram.updates import PerUserUpdates


def _press(update_id: int, user_id: int) -> Update:
    user = User(user_id, "Ann", is_bot=False)
    query = CallbackQuery(str(update_id), user, chat_instance="1", data="d:1:m:fast")
    return Update(update_id, callback_query=query)


async def test_one_users_updates_run_in_order_while_others_overlap() -> None:
    processor = PerUserUpdates(concurrency=8)
    log: list[tuple[str, int, int]] = []

    async def handle(update: Update, seconds: float) -> None:
        user = update.effective_user
        assert user is not None
        log.append(("start", user.id, update.update_id))
        await asyncio.sleep(seconds)
        log.append(("end", user.id, update.update_id))

    # Ann's first press is slow and her second fast: the second must still wait for the first.
    # Bob's press starts meanwhile.
    updates = [(_press(1, 100), 0.05), (_press(2, 100), 0.0), (_press(3, 200), 0.0)]
    await asyncio.gather(*(processor.process_update(u, handle(u, s)) for u, s in updates))

    ann = [(kind, uid) for kind, user, uid in log if user == 100]
    assert ann == [("start", 1), ("end", 1), ("start", 2), ("end", 2)]
    assert log.index(("start", 200, 3)) < log.index(("end", 100, 1))  # Bob did not wait for Ann
    assert processor._turns == {}  # no lock is kept for users with nothing in hand


async def test_no_more_than_concurrency_updates_run_at_once() -> None:
    processor = PerUserUpdates(concurrency=2)
    running = peak = 0

    async def handle() -> None:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        await asyncio.sleep(0.01)
        running -= 1

    await asyncio.gather(
        *(processor.process_update(_press(n, 1000 + n), handle()) for n in range(6))
    )
    assert peak == 2
