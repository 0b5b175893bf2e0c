"""A fake Telegram Bot API server for end-to-end tests of the bot (PTB pointed at it).

The HTTP half answers the bot like api.telegram.org would, errors included; the driver half
lets a test act as users (send photos, press buttons) and inspect what the bot did.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import time
from collections.abc import Callable, Coroutine
from typing import Any, Self, TypeVar

from aiohttp import web

from ._base import FakeServer
from ._tg_inspect import TelegramInspection
from ._tg_payments import TelegramPayments
from ._tg_request import (
    ApiError,
    Call,
    decode_params,
    fail,
    ok,
    read_request,
    standard_error,
)
from ._tg_table import check_call

T = TypeVar("T")
DEFAULT_TOKEN = "123456:TEST-TOKEN-abcdefghijklmnopqrstuvwxyz"
_CHAT_WRITES = frozenset(
    {
        "sendMessage",
        "editMessageText",
        "editMessageCaption",
        "editMessageReplyMarkup",
        "sendVideo",
        "sendDocument",
        "sendPhoto",
        "sendInvoice",
    }
)

# The scope of a flood-control hold: every write to the chat, whatever the method.
_ANY_WRITE = "*"


# How often a long poll checks that its client is still connected (aiohttp does not say).
_GONE_CHECK = 0.05


class _ClientGone(Exception):
    """The client of a long poll closed its connection."""


def _gone(request: web.Request) -> bool:
    """Whether the client that sent the request has closed its connection."""
    return request.transport is None or request.transport.is_closing()


def _chat_key(params: dict[str, Any]) -> int | str | None:
    """The chat a call writes to (None for methods without one, e.g. answerCallbackQuery)."""
    chat_id = params.get("chat_id")
    return chat_id if isinstance(chat_id, int | str) else None


class FakeTelegram(TelegramInspection, FakeServer):
    """Fake api.telegram.org: serves /bot<token>/<method> and /file/bot<token>/<path>."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        bot_user_id: int | None = None,
        bot_username: str = "veo_test_bot",
    ) -> None:
        FakeServer.__init__(self)
        TelegramPayments.__init__(self, token, bot_user_id, bot_username)
        self.calls: list[Call] = []
        self.downloads: list[str] = []
        self._faults: dict[str, list[ApiError]] = {}
        self._stalls: dict[str, list[float]] = {}
        self.stalled: list[str] = []
        self._flood: tuple[int, float] | None = None
        self._flood_log: dict[int, list[float]] = {}
        # (method in lower case, or _ANY_WRITE; chat id or None) -> monotonic time until which
        # Telegram keeps answering 429 after it gave a retry_after.
        self._holds: dict[tuple[str, int | str | None], float] = {}
        # Called with each finished call (answered or refused): a benchmark timestamps the
        # bot's answers here instead of re-checking predicates on every change.
        self.observers: list[Callable[[Call], None]] = []
        # Called with each call as it arrives, checked but not yet answered: a test kills the
        # bot at the moment a getUpdates confirms what the previous one handed out.
        self.arrivals: list[Callable[[Call], None]] = []
        # getUpdates requests being answered, each with the request it came in. Telegram ends
        # the older of two with 409; a test of several bot processes wants to know whether
        # two were ever open at once from clients still connected (a dead process's poll
        # that the server has not answered yet does not count).
        self._open_polls: list[tuple[Call, web.Request]] = []
        self.poll_overlaps: list[tuple[Call, Call]] = []

    async def start(self) -> Self:
        """Start serving, and pushing updates to the webhook whenever one is set."""
        await super().start()
        self._start_webhook_worker()
        return self

    async def stop(self) -> None:
        """Stop pushing to the webhook (and queuing album parts), then stop serving."""
        self._cancel_album_timers()
        await self._stop_webhook_worker()
        await super().stop()

    # -- HTTP side ---------------------------------------------------------------------------

    def _build_app(self) -> web.Application:
        # Let big uploads reach the handler so that the 50 MB rule answers, not aiohttp.
        app = web.Application(client_max_size=1024**3)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        return app

    async def _handle_api(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["method"]
        # Bot API method names are case-insensitive.
        canonical, handler = self._methods.get(name.lower(), (name, None))
        if request.match_info["token"] != self.token:
            return self._refuse(Call(canonical, dict(request.query), time.time()), 401)
        stalls = self._stalls.get(canonical.lower())
        if stalls:
            # Hold the request before reading its body, as a slow upload would; a client that
            # went away meanwhile never completed it, and Telegram would not have taken it.
            seconds = stalls.pop(0)
            self.stalled.append(canonical)
            self._notify()
            await asyncio.sleep(seconds)
            if _gone(request):
                # Recorded all the same: a test waits for this to know the stall is over.
                call = Call(canonical, dict(request.query), time.time())
                call.http_status, call.error = 499, "client closed the request"
                self.calls.append(call)
                self._notify()
                return web.Response(status=499)
        try:
            raw, files = await read_request(request)
        except ApiError as err:
            call = Call(canonical, dict(request.query), time.time())
            self.calls.append(call)
            return self._answer_error(call, err)
        # Every attempt is recorded, refused ones too (a 413 upload, a 429 repeated too early).
        call = Call(method=canonical, params=dict(raw), time=time.time(), files=files)
        self.calls.append(call)
        try:
            if handler is None:
                raise ApiError(404, "Not Found")
            # Typed first, so a test finds a refused upload by chat_id like any other call.
            call.params = params = decode_params(raw)
            if any(f.data is None for f in files.values()):
                raise ApiError(413, "Request Entity Too Large")
            # Then as the official API has each parameter: required ones present, types right.
            call.params = params = check_call(canonical, raw, params, files)
            for watcher in self.arrivals:
                watcher(call)
            self._check_retry_after(canonical, params)
            pending = self._faults.get(canonical.lower())
            if pending:
                fault = pending.pop(0)
                if fault.code == 429 and fault.retry_after:
                    self._hold(canonical.lower(), params, fault.retry_after)
                raise fault
            self._check_flood(canonical, params)
            if canonical == "getUpdates":
                result = await self._long_poll(call, request, handler(params, files))
            else:
                result = await handler(params, files)
        except ApiError as err:
            return self._answer_error(call, err)
        except _ClientGone:
            call.http_status, call.error = 499, "client closed the request"
            self._finished(call)
            return web.Response(status=499)
        except Exception as exc:
            # A bug in the fake itself: make it visible in the call log, then let aiohttp 500.
            call.http_status, call.error = 500, f"fake crashed: {exc!r}"
            self._notify()
            raise
        call.http_status, call.result = 200, result
        self._finished(call)
        return ok(result)

    async def _long_poll(
        self, call: Call, request: web.Request, answer: Coroutine[Any, Any, T]
    ) -> T:
        """getUpdates, noting any other one open at the same time from a live client.

        A poll whose client goes away ends then, as on the real server: a bot process killed
        in a long poll holds nothing, and its updates go to the next poll.
        """
        for other, other_request in self._open_polls:
            if not _gone(other_request):
                self.poll_overlaps.append((other, call))
        self._open_polls.append((call, request))
        task = asyncio.ensure_future(answer)
        try:
            while True:
                done, _ = await asyncio.wait({task}, timeout=_GONE_CHECK)
                if done:
                    return task.result()
                if _gone(request):
                    raise _ClientGone()
        finally:
            task.cancel()
            self._open_polls = [p for p in self._open_polls if p[0] is not call]

    def _refuse(self, call: Call, code: int) -> web.StreamResponse:
        self.calls.append(call)
        return self._answer_error(call, standard_error(code, None, None))

    def _answer_error(self, call: Call, err: ApiError) -> web.StreamResponse:
        call.http_status, call.error = err.code, err.description
        self._finished(call)
        return fail(err)

    def _finished(self, call: Call) -> None:
        for observer in self.observers:
            observer(call)
        self._notify()

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return fail(ApiError(401, "Unauthorized"))
        stored = self._paths.get(request.match_info["path"])
        if stored is None:
            return fail(ApiError(404, "Not Found"))
        self.downloads.append(stored.file_path or "")
        self._notify()
        return web.Response(body=stored.data, content_type="application/octet-stream")

    async def _poll(self, generation: int, seconds: float) -> list[dict[str, Any]]:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        while True:
            event = self._changed
            if self._webhook is not None:
                raise ApiError(409, "Conflict: terminated by setWebhook request")
            if generation != self._poll_generation:
                raise ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; "
                    "make sure that only one bot instance is running",
                )
            self._drop_unwanted()
            remaining = deadline - loop.time()
            if self._updates or remaining <= 0 or self._closing:
                return self._next_batch()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)

    def _describe(self) -> str:
        lines = [f"  {c.short()}" for c in self.calls[-15:]]
        hook = ""
        if self._webhook is not None:
            hook = (
                f"webhook {self._webhook['url']}, last deliveries: "
                f"{self.webhook_deliveries[-5:]}\n"
            )
        return (
            f"{hook}pending updates: {self.pending_updates}, unconfirmed: "
            f"{len(self._updates)}; last {len(lines)} of {len(self.calls)} bot calls:\n"
            + "\n".join(lines)
        )

    # -- driver: faults -----------------------------------------------------------

    def flood_control(self, max_writes: int | None, per_seconds: float = 60.0) -> None:
        """Opt in to per-chat flood limits (sends + edits); None turns them off."""
        self._flood = (max_writes, per_seconds) if max_writes else None
        self._flood_log.clear()
        self._holds = {k: v for k, v in self._holds.items() if k[0] != _ANY_WRITE}

    def _check_flood(self, method: str, params: dict[str, Any]) -> None:
        chat_id = params.get("chat_id")
        if self._flood is None or method not in _CHAT_WRITES or not isinstance(chat_id, int):
            return
        limit, window = self._flood
        moment = time.monotonic()
        log = self._flood_log.setdefault(chat_id, [])
        log[:] = [t for t in log if t > moment - window]
        if len(log) >= limit:
            # Telegram says how long until the chat may be written to again, and refuses
            # every write to it until then.
            wait = max(1, math.ceil(log[0] + window - moment))
            self._hold(_ANY_WRITE, params, wait)
            raise ApiError(429, f"Too Many Requests: retry after {wait}", wait)
        log.append(moment)

    def _hold(self, scope: str, params: dict[str, Any], retry_after: int) -> None:
        """After a 429: refuse `scope` (a method, or every chat write) in that chat for a while."""
        key = (scope, _chat_key(params))
        self._holds[key] = max(self._holds.get(key, 0.0), time.monotonic() + retry_after)

    def _check_retry_after(self, method: str, params: dict[str, Any]) -> None:
        """A call repeated before its retry_after is over gets 429 again, with what is left."""
        chat = _chat_key(params)
        scopes = [(method.lower(), chat)]
        if method in _CHAT_WRITES:
            scopes.append((_ANY_WRITE, chat))
        moment = time.monotonic()
        until = max((self._holds.get(key, 0.0) for key in scopes), default=0.0)
        if until > moment:
            wait = max(1, math.ceil(until - moment))
            raise ApiError(429, f"Too Many Requests: retry after {wait}", wait)

    def stall_next(self, method: str, seconds: float, times: int = 1) -> None:
        """Hold the next calls of `method` for `seconds` before reading them (a slow upload)."""
        self._stalls.setdefault(method.lower(), []).extend([seconds] * times)

    def fail_next(
        self,
        method: str,
        error_code: int = 429,
        description: str | None = None,
        retry_after: int | None = None,
        times: int = 1,
    ) -> None:
        """Make the next `times` calls of `method` fail as the real server would.

        A 429 also refuses that method in that chat (in every chat, for a method without
        chat_id) until retry_after seconds have passed, as Telegram does: a repeat that comes
        too early is answered 429 again with the seconds still left.
        """
        err = standard_error(error_code, description, retry_after)
        self._faults.setdefault(method.lower(), []).extend([err] * times)
