"""Long polling while this replica is the polling leader, as PTB's Updater does it, but able
to stop without confirming what it fetched (bot/telegram/leader.py decides who leads), and
confirming only what the inbox has stored (bot/telegram/inbox.py)."""

import asyncio
import contextlib
import datetime as dtm
import json
import logging
import signal
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlencode

from telegram.error import InvalidToken, RetryAfter, TelegramError, TimedOut
from telegram.ext import Application
from telegram.request import BaseRequest

from bot.telegram.inbox import Inbox
from bot.telegram.leader import Leadership
from storage import DatabaseUnavailable

log = logging.getLogger(__name__)

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGABRT)

# Seconds a getUpdates waits for updates (long polling), as PTB's run_polling did.
POLL_TIMEOUT = 10
# After a failed getUpdates: the first pause, and the cap of the growing ones (PTB's values).
POLL_RETRY_FIRST, POLL_RETRY_MAX = 1.0, 30.0


async def poll_while_leading(
    app: Application,
    leadership: Leadership,
    stop: asyncio.Event,
    allowed_updates: list[str],
    inbox: Inbox,
    request: BaseRequest,
) -> None:
    """Take the lead when it is free, poll while holding it, until `stop` is set.

    `request` is the bot's transport for getUpdates (ApplicationBuilder.get_updates_request)."""
    # As PTB's start_polling: getUpdates is refused while a webhook is set. Done by every
    # replica at its start, so that a failure is said at once (TELEGRAM_WEBHOOK is false on all).
    await app.bot.delete_webhook()
    stopping = asyncio.create_task(stop.wait())
    try:
        while not stop.is_set():
            acquiring = asyncio.create_task(leadership.acquire())
            await asyncio.wait({acquiring, stopping}, return_when=asyncio.FIRST_COMPLETED)
            if not acquiring.done():
                await _cancelled(acquiring)
                break
            acquiring.result()
            poller = _Poller(app, leadership, allowed_updates, inbox, request)
            polling = asyncio.create_task(poller.run(), name="telegram-polling")
            lost = asyncio.create_task(leadership.lost())
            try:
                await asyncio.wait({polling, lost, stopping}, return_when=asyncio.FIRST_COMPLETED)
            finally:
                await _cancelled(lost)
                # At once when the lead was lost: another replica may be about to poll. An
                # error that ended the polling (a revoked token) is raised here.
                await _cancelled(polling)
            if leadership.leader:
                await poller.confirm()
                await leadership.release()
    finally:
        await _cancelled(stopping)
        await leadership.release()


class _Poller:
    """getUpdates in a loop, as PTB's Updater, but only while this replica leads.

    Unlike PTB's Updater, it can stop without the last getUpdates that confirms what was
    fetched: after losing the lead that call could end the new leader's long poll (409).
    """

    def __init__(
        self,
        app: Application,
        leadership: Leadership,
        allowed_updates: list[str],
        inbox: Inbox,
        request: BaseRequest,
    ) -> None:
        self._app = app
        self._request = request
        self._inbox = inbox
        self._leadership = leadership
        self._allowed = allowed_updates
        # None at first: Telegram sends what nobody confirmed, also what a dead leader fetched.
        self._offset: int | None = None

    async def run(self) -> None:
        """Store updates in the inbox, which queues them, until cancelled or no longer the
        leader."""
        pause = 0.0
        while self._leadership.leader:
            try:
                updates = await self._get_updates(POLL_TIMEOUT)
            except RetryAfter as exc:
                wait = exc.retry_after
                pause = 0.5 + (wait.total_seconds() if isinstance(wait, dtm.timedelta) else wait)
            except TimedOut:
                pause = 0.0  # the long poll's own timeout: ask again at once
            except InvalidToken:
                raise
            except TelegramError as exc:
                # The error handler logs it (throttled); retried with growing pauses.
                await self._app.process_error(update=None, error=exc)
                pause = POLL_RETRY_FIRST if pause == 0 else min(POLL_RETRY_MAX, 1.5 * pause)
            else:
                if not updates:
                    pause = 0.0
                    continue
                try:
                    # Stored before the next getUpdates confirms them to Telegram.
                    await self._inbox.receive(updates)
                except DatabaseUnavailable:  # logged once by the database
                    # Not confirmed: Telegram keeps them, and hands them out again.
                    pause = POLL_RETRY_FIRST if pause == 0 else min(POLL_RETRY_MAX, 1.5 * pause)
                else:
                    pause = 0.0
                    self._offset = updates[-1]["update_id"] + 1
                    continue
            await asyncio.sleep(pause)

    async def _get_updates(self, wait: int) -> list[dict[str, Any]]:
        """getUpdates, its updates as Telegram sent them: the inbox stores each as it came,
        where PTB's Update objects would have to be turned back into JSON (to_json took 5% of
        the bot's CPU with 200 people at once; py-spy). PTB's transport still makes the call
        and turns its errors into PTB's (RetryAfter, TimedOut, Conflict...). `wait`: the long
        poll's seconds."""
        query = {"timeout": wait, "allowed_updates": json.dumps(self._allowed)}
        if self._offset is not None:
            query["offset"] = self._offset
        # The parameters in the URL's query, which the Bot API reads as it reads a form.
        url = f"{self._app.bot.base_url}/getUpdates?{urlencode(query)}"
        read_timeout = (self._request.read_timeout or 0) + wait
        # PTB's Bot logged each of its calls at DEBUG; so is this one, without its URL (the token).
        log.debug("getUpdates: offset %s, waiting up to %d s", self._offset, wait)
        updates = await self._request.post(url, read_timeout=read_timeout)
        if not isinstance(updates, list):
            raise TelegramError("getUpdates answered something other than a list")
        return updates

    async def confirm(self) -> None:
        """Tell Telegram the updates taken are handled here, so no next leader gets them."""
        if self._offset is None:
            return
        try:
            await self._get_updates(0)
        except TelegramError as exc:
            log.warning("could not confirm the last updates taken (they come again): %s", exc)


async def _cancelled(task: asyncio.Task[Any]) -> None:
    """Cancel the task and wait until it has ended."""
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def run_until_signalled(
    app: Application, run: Callable[[asyncio.Event], Awaitable[object]]
) -> None:
    """PTB's lifecycle around `run` (polling, or waiting while a webhook brings updates), until
    SIGINT, SIGTERM or SIGABRT."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in STOP_SIGNALS:
        loop.add_signal_handler(sig, stop.set)
    try:
        await app.initialize()
    except BaseException:
        # PTB does not shut down an application that failed to initialize (a wrong token, no
        # route to Telegram), yet its bot's connections are open by then: closed here, or
        # aiohttp warns of them as the process ends.
        await app.bot.shutdown()
        raise
    try:
        if app.post_init is not None:
            await app.post_init(app)
        await app.start()
        try:
            await run(stop)
        finally:
            # Updates already taken are handled before the stop completes.
            await app.stop()
            if app.post_stop is not None:
                await app.post_stop(app)
    finally:
        await app.shutdown()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)
