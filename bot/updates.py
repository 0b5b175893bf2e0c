"""Updates of different users are handled at the same time; one user's, one after another;
and each at most once to completion, across restarts and replicas."""

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from storage import DatabaseUnavailable
from storage.updates import UpdateRepository

log = logging.getLogger(__name__)
# How often the records of handled updates older than Telegram keeps them are dropped.
FORGET_EVERY = 3600.0

# PTB's own bound counts updates waiting for their user's turn too; it is set far above
# ours so that one user with many queued presses cannot hold every slot.
_WAITING_BOUND = 4096


class PerUserUpdates(BaseUpdateProcessor):
    """Handle up to `concurrency` updates at once, but each user's in the order they came.

    Sequential handling (PTB's default) makes every user wait for everyone else's database
    writes and Telegram round trips. Handling one user's presses concurrently, though, could
    draw an older state over a newer one, so updates from the same user (or, without one, the
    same chat) keep their order.
    """

    def __init__(self, concurrency: int) -> None:
        super().__init__(max_concurrent_updates=_WAITING_BOUND)
        self._running = asyncio.Semaphore(concurrency)
        # key -> (lock, updates holding or waiting for it); dropped when the count is zero.
        self._turns: dict[int, tuple[asyncio.Lock, int]] = {}
        # Set once the database is open: which updates were handled already.
        self.handled: UpdateRepository | None = None
        self._next_forget = 0.0

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Wait for this user's earlier updates, then for a free slot; handle the update."""
        if isinstance(update, Update) and update.pre_checkout_query is not None:
            # Telegram gives a checkout 10 s: it waits neither for the user's other updates
            # nor for a free slot. Its answer changes nothing the other updates read.
            await self._once(update, coroutine)
            return
        key = _key(update)
        if key is None:
            async with self._running:
                await self._once(update, coroutine)
            return
        lock, count = self._turns.get(key) or (asyncio.Lock(), 0)
        self._turns[key] = (lock, count + 1)
        try:
            async with lock, self._running:
                await self._once(update, coroutine)
        finally:
            lock, count = self._turns[key]
            if count == 1:
                del self._turns[key]
            else:
                self._turns[key] = (lock, count - 1)

    async def _once(self, update: object, coroutine: Awaitable[Any]) -> None:
        # Telegram delivers an update again when its receipt was not confirmed: after a
        # restart, or when another replica takes over polling from one that died. An update
        # handled to the end is recorded and skipped then; one cut off mid-way is handled
        # again (its steps are conditional: a second Generate press makes no second job).
        book = self.handled
        update_id = update.update_id if isinstance(update, Update) else None
        if book is None or update_id is None:
            await coroutine
            return
        try:
            seen = await book.handled(update_id)
        except DatabaseUnavailable:
            seen = False  # the handler meets the same fault and tells the user
        if seen:
            log.info("update %s was handled before; skipped", update_id)
            if isinstance(coroutine, Coroutine):
                coroutine.close()
            return
        await coroutine
        with contextlib.suppress(DatabaseUnavailable):  # logged once by the database
            await book.mark(update_id)
            now = time.time()
            if now >= self._next_forget:
                self._next_forget = now + FORGET_EVERY
                await book.forget_old(now)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to close."""


def _key(update: object) -> int | None:
    if not isinstance(update, Update):
        return None
    if update.effective_user is not None:
        return update.effective_user.id
    if update.effective_chat is not None:
        return update.effective_chat.id
    return None
