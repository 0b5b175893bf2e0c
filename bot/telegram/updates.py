"""Updates of different users are handled at the same time; one user's, one after another;
each at least once (bot/telegram/inbox.py) and, with the record of those handled, once to
completion; and a button pressed again while its press is still in hand is answered, not
handled twice."""

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot.telegram.inbox import Inbox
from storage import DatabaseUnavailable

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
        # Set once the database is open: where updates are kept until handled.
        self.inbox: Inbox | None = None
        self._next_forget = 0.0
        # (user, button's data) of each press waiting or in hand, and the ids of presses
        # that came while an identical one was (bot/handlers/repeats.py).
        self._presses: set[tuple[int, str]] = set()
        self._repeats: set[int] = set()

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
        press = self._press_of(update)
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
            self._press_done(update, press)

    def repeated(self, update: Update) -> bool:
        """Whether this press came while the same user's press of the same button was still
        waiting or in hand (a double tap, a flood): it is answered, not handled again."""
        return update.update_id in self._repeats

    def _press_of(self, update: object) -> tuple[int, str] | None:
        if not isinstance(update, Update) or update.callback_query is None:
            return None
        query = update.callback_query
        press = (query.from_user.id, query.data or "")
        if press in self._presses:
            self._repeats.add(update.update_id)
            return None  # a repeat holds no place of its own
        self._presses.add(press)
        return press

    def _press_done(self, update: object, press: tuple[int, str] | None) -> None:
        if isinstance(update, Update):
            self._repeats.discard(update.update_id)
        if press is not None:
            self._presses.discard(press)

    async def _once(self, update: object, coroutine: Awaitable[Any]) -> None:
        inbox = self.inbox
        if inbox is None or not isinstance(update, Update):
            await coroutine
            return
        # Every update comes from the inbox (received now, or left there by a process that
        # is gone) and stays there until its handling has ended: a process killed midway
        # hands it on. Its steps are conditional: a second Generate makes no second job.
        await coroutine
        if inbox.will_retry(update):
            return  # it met an unavailable database; it stays in the inbox
        await inbox.handled(update)
        now = time.time()
        if now >= self._next_forget:
            self._next_forget = now + FORGET_EVERY
            with contextlib.suppress(DatabaseUnavailable):  # logged once by the database
                await inbox.forget_old(now)

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
