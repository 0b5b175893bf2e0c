"""The inbox of updates on both stores: each update is stored once, leased to the replica that
received it, taken over only when that lease has run out, and out of the inbox once handled."""

import time

from storage import Lease


def lease(owner: str, seconds: float = 30.0) -> Lease:
    return Lease(owner, time.time() + seconds)


async def test_an_update_is_stored_once_and_not_after_it_was_handled(db):
    updates = db.updates
    assert await updates.receive([(1, '{"update_id": 1}'), (2, "{}")], lease("a")) == [1, 2]
    # Delivered again, or received by another replica: not stored a second time.
    assert await updates.receive([(2, "{}"), (3, "{}")], lease("b")) == [3]
    assert await updates.mark(1)
    assert not await updates.mark(1)
    assert await updates.handled(1)
    # Handled: out of the inbox, and a late copy of it is not taken in again.
    assert await updates.receive([(1, "{}")], lease("b")) == []
    assert len(await updates.waiting()) == 2


async def test_only_updates_whose_lease_ran_out_are_taken_over_oldest_first(db):
    updates = db.updates
    await updates.receive([(7, "seven")], lease("dead", seconds=-1))
    await updates.receive([(5, "five")], lease("dead", seconds=-1))
    await updates.receive([(6, "six")], lease("alive"))
    now = time.time()
    assert await updates.claim(lease("b"), now, limit=10) == [(5, "five"), (7, "seven")]
    # Now b's, and b is alive: nobody else takes them; nor alive's.
    assert await updates.claim(lease("c"), now, limit=10) == []
    # alive stops renewing: its lease runs out and the next claim takes its update.
    assert await updates.claim(lease("c"), now + 60, limit=1) == [(5, "five")]


async def test_a_replica_renews_the_updates_it_holds_and_a_restart_frees_all(db):
    updates = db.updates
    await updates.receive([(1, "{}"), (2, "{}")], lease("a", seconds=1))
    await updates.receive([(3, "{}")], lease("b", seconds=1))
    assert await updates.renew(lease("a", seconds=60)) == 2
    later = time.time() + 5
    assert await updates.claim(lease("c"), later, limit=10) == [(3, "{}")]
    await updates.receive([(4, "{}")], lease("new", seconds=60))
    # The new process frees what the others held, not what it received itself.
    assert await updates.release_all("new") == 3
    assert [u for u, _ in await updates.claim(lease("d"), time.time(), limit=10)] == [1, 2, 3]


async def test_the_inbox_holds_any_update_telegram_sends(db):
    # Update ids are up to 2^31 or so today, but nothing promises it; text in any script.
    big = 2**40
    data = '{"message": {"text": "Привет, 世界 👋 \\u0000"}}'
    assert await db.updates.receive([(big, data)], lease("a")) == [big]
    assert await db.updates.waiting() == [data]
