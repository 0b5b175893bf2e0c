"""Updates of different users are handled at the same time; one user's, one after another."""

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

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

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Wait for this user's earlier updates, then for a free slot; handle the update."""
        key = _key(update)
        if key is None:
            async with self._running:
                await coroutine
            return
        lock, count = self._turns.get(key) or (asyncio.Lock(), 0)
        self._turns[key] = (lock, count + 1)
        try:
            async with lock, self._running:
                await coroutine
        finally:
            lock, count = self._turns[key]
            if count == 1:
                del self._turns[key]
            else:
                self._turns[key] = (lock, count - 1)

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
