"""Every update Telegram hands the bot is handled at least once, whatever crashes in between.

An update is stored in the database's inbox, leased to this replica, before Telegram is told
it arrived (the next getUpdates' offset confirms it, the webhook's 200 does); it leaves the
inbox when its handling has ended (storage/updates.py). So:
- a process killed with updates in hand: their rows stay; the next start (SQLite) or another
  replica, once this one's lease ran out (PostgreSQL), takes them from the inbox;
- an update whose handling met an unavailable database waits and is handled again, with
  growing pauses, until the database answers; one that could not even be stored is not
  confirmed, so Telegram hands it out again, and is stored and handled once it can be;
  either way its sender is told once that it waits;
- an update received twice (re-delivered, or by two replicas) is stored once, and one handled
  already is not stored again: at least once, plus the record of handled ones, is once.
"""

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from telegram import Bot, Update

from bot.ops import metrics
from storage import Database, DatabaseUnavailable, Lease

log = logging.getLogger(__name__)

# Updates taken from the inbox in one claim.
CLAIM_BATCH = 100
# The pauses before an update that met an unavailable database is handled again.
RETRY_PAUSES = (1.0, 2.0, 4.0, 8.0, 15.0, 30.0)


class Inbox:
    """This replica's side of the inbox: stores what it receives, hands what it must handle
    to the application's queue, and says when an update is handled or must wait."""

    def __init__(
        self,
        db: Database,
        bot: Bot,
        queue: "asyncio.Queue[object]",
        *,
        owner: str,
        lease_seconds: float,
        tell_waiting: Callable[[Update], Awaitable[None]],
    ) -> None:
        """`tell_waiting` tells an update's sender that it waits for the database."""
        self._db = db
        self._tell_waiting = tell_waiting
        # Updates that could not be stored, whose senders were told so.
        self._told: set[int] = set()
        self._bot = bot
        self._queue = queue
        self._owner = owner
        self._lease_seconds = lease_seconds
        # Updates that met an unavailable database: how often, and their pending retries.
        self._failures: dict[int, int] = {}
        self._retries: dict[int, asyncio.TimerHandle] = {}
        # Handled, but the record of it could not be written yet.
        self._unrecorded: set[int] = set()
        # Handled, waiting for the next commit of such records (with its waiter), and the task
        # that makes those commits.
        self._to_mark: list[tuple[int, asyncio.Future[None]]] = []
        self._marking: asyncio.Task[None] | None = None

    def lease(self) -> Lease:
        """A claim by this replica, from now for the lease's length."""
        return Lease(self._owner, time.time() + self._lease_seconds)

    async def receive(self, received: Sequence[dict[str, Any]]) -> int:
        """Store the updates (as Telegram sent them), then queue those new here; how many
        were queued.

        Raises DatabaseUnavailable when they could not be stored: Telegram must not be told
        they arrived (they come again).
        """
        stored = [(data["update_id"], json.dumps(data)) for data in received]
        updates = [Update.de_json(data, self._bot) for data in received]
        try:
            fresh = set(await self._db.updates.receive(stored, self.lease()))
        except DatabaseUnavailable:
            metrics.update_delayed("database", len(updates))
            untold = [u for u in updates if u.update_id not in self._told]
            self._told.update(u.update_id for u in untold)
            await asyncio.gather(*(self._tell_waiting(u) for u in untold))
            raise
        self._told.difference_update(u.update_id for u in updates)
        queued = 0
        for update in updates:
            if update.update_id in fresh:
                self._queue.put_nowait(update)
                queued += 1
            else:
                log.info("update %s was received before; not handled again", update.update_id)
        return queued

    async def handled(self, update: object) -> None:
        """The update's handling has ended: out of the inbox, on the record of handled ones."""
        update_id = _id_of(update)
        if update_id is None:
            return
        self._failures.pop(update_id, None)
        done = asyncio.get_running_loop().create_future()
        self._to_mark.append((update_id, done))
        if self._marking is None or self._marking.done():
            self._marking = asyncio.create_task(self._mark_waiting())
        try:
            await done
        except DatabaseUnavailable:  # logged once by the database
            # Its lease is renewed with the others until the record is written.
            self._unrecorded.add(update_id)

    async def _mark_waiting(self) -> None:
        """Record the handled updates in one transaction each round: those whose handling
        ended while the last round's commit was being synced to disk go together in the
        next, so many updates at once cost a few commits rather than one each."""
        while self._to_mark:
            batch, self._to_mark = self._to_mark, []
            try:
                await self._db.updates.mark_all([update_id for update_id, _ in batch])
            except asyncio.CancelledError:
                for _, done in batch:
                    done.cancel()
                raise
            except Exception as exc:  # each waiter meets it as its own mark would have
                for _, done in batch:
                    if not done.done():
                        done.set_exception(exc)
            else:
                for _, done in batch:
                    if not done.done():
                        done.set_result(None)

    def failed_on_database(self, update: object) -> int:
        """The update met an unavailable database: it stays in the inbox and is handled
        again after a pause. How many times it has failed so, this one included."""
        update_id = _id_of(update)
        if update_id is None:
            return 0
        count = self._failures.get(update_id, 0) + 1
        self._failures[update_id] = count
        metrics.update_delayed("database")
        pause = RETRY_PAUSES[min(count, len(RETRY_PAUSES)) - 1]
        log.info(
            "update %s waits for the database (attempt %d); handled again in %gs",
            update_id,
            count,
            pause,
        )
        loop = asyncio.get_running_loop()
        self._retries[update_id] = loop.call_later(pause, self._again, update)
        return count

    async def waiting_payments(self) -> set[str]:
        """The charge ids of the payments whose updates wait in the inbox: counted when they
        are handled, not by a reconciliation meanwhile (which would not start their video)."""
        found = set()
        for data in await self._db.updates.waiting():
            message = json.loads(data).get("message") or {}
            paid = message.get("successful_payment") or {}
            if "telegram_payment_charge_id" in paid:
                found.add(paid["telegram_payment_charge_id"])
        return found

    def will_retry(self, update: Update) -> bool:
        """Whether the update waits to be handled again (it met an unavailable database)."""
        return update.update_id in self._retries

    async def forget_old(self, now: float) -> None:
        """Drop the records of handled updates Telegram can no longer send again."""
        await self._db.updates.forget_old(now)

    def _again(self, update: Any) -> None:
        self._retries.pop(update.update_id, None)
        self._queue.put_nowait(update)

    async def run(self) -> None:
        """Until cancelled: take the updates left by a process that is gone (at once, then
        every third of a lease), and renew the lease on those this replica holds."""
        if not self._db.shared:
            # One process owns a SQLite file: what a lease says was held by one that is gone
            # (not what this one received already: a webhook's server listens before this).
            with contextlib.suppress(DatabaseUnavailable):
                await self._db.updates.release_all(self._owner)
        try:
            while True:
                with contextlib.suppress(DatabaseUnavailable):  # logged once by the database
                    await self._round()
                await asyncio.sleep(self._lease_seconds / 3)
        finally:
            for handle in self._retries.values():
                handle.cancel()
            self._retries.clear()

    async def _round(self) -> None:
        await self._db.updates.renew(self.lease())
        for update_id in sorted(self._unrecorded):
            await self._db.updates.mark(update_id)
            self._unrecorded.discard(update_id)
        while True:
            claimed = await self._db.updates.claim(self.lease(), time.time(), CLAIM_BATCH)
            metrics.update_delayed("taken_over", len(claimed))
            for update_id, data in claimed:
                log.warning(
                    "update %s was received but not handled to its end; handling it now",
                    update_id,
                )
                self._queue.put_nowait(Update.de_json(json.loads(data), self._bot))
            if len(claimed) < CLAIM_BATCH:
                return


def _id_of(update: object) -> int | None:
    return update.update_id if isinstance(update, Update) else None
