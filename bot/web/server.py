"""The HTTP server (aiohttp), on when PUBLIC_BASE_URL is set: hosted photos, ShortAPI callbacks,
videos too big for Telegram (/v/<token>.mp4), /healthz, /metrics (unless METRICS=false, or
METRICS_PORT gives it a server of its own) and, with TELEGRAM_WEBHOOK=true, Telegram's webhook.

It is open to anyone on the internet, so what a stranger can do is bounded (bot/web/guard.py:
the request head's time, the connections held); a body must come within BODY_TIMEOUT; and
what strangers cause (malformed requests, forged webhooks, refused connections) is logged as
throttled one-line summaries, never a traceback each.
"""

import asyncio
import hmac
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from bot.core.hosting import Hosting
from bot.jobs import JobRunner
from bot.jobs.kept import KeptVideos
from bot.ops.logs import Throttled
from bot.ops.metrics import ListenError
from bot.telegram.leader import Leadership
from bot.web.guard import (
    ACCEPT_FAILED,
    ClientErrorLog,
    Connection,
    Connections,
    connection_cap,
    listen_backlog,
    raise_open_files_limit,
)
from bot.web.health import Health
from bot.web.metrics import serve_metrics
from bot.web.videos import VIDEO_PATH, VideoFiles
from storage import Database, DatabaseUnavailable

log = logging.getLogger(__name__)

WEBHOOK_PATH = "/telegram/webhook"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
_MAX_CALLBACK_BODY = 64 * 1024
# Seconds to read a callback's or an update's body (a few KB); slower is answered 408.
BODY_TIMEOUT = 10.0


@web.middleware
async def _unavailable(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    """503 when the database cannot be used: ShortAPI calls back again (and the job is polled
    anyway), Telegram delivers the update again. The Database logged the outage once."""
    try:
        return await handler(request)
    except DatabaseUnavailable:
        raise web.HTTPServiceUnavailable() from None


@dataclass(frozen=True, slots=True)
class Webhook:
    """Where Telegram's updates go once their secret header checked out."""

    secret: str
    deliver: Callable[[dict[str, Any]], Awaitable[None]]


class WebServer:
    """One aiohttp server; started and stopped by bot/app.py."""

    def __init__(
        self,
        *,
        host: str,
        port: int,
        db: Database,
        runner: JobRunner,
        hosting: Hosting,
        webhook: Webhook | None,
        store: str,
        leadership: Leadership | None,
        with_metrics: bool = False,
        health: Health | None = None,
        kept: KeptVideos | None = None,
    ) -> None:
        """`leadership` says whether this replica polls for updates (None: webhook mode);
        `health`, the /healthz answer shared with the metrics server (else one of its own);
        `kept`, the videos too big for Telegram served at /v/<token>.mp4."""
        self._host, self._port = host, port
        self._health = health or Health(db, runner, store, leadership)
        self._metrics = with_metrics
        self._db = db
        self._runner = runner
        self._hosting = hosting
        self._webhook = webhook
        self._videos = VideoFiles(kept) if kept is not None else None
        self._site_runner: web.AppRunner | None = None
        self._listener: asyncio.AbstractServer | None = None
        self._connections: Connections | None = None
        self._previous_handler: Any = None
        self._open_files = 0
        # Things strangers can cause at will: each kind logged at most once a minute.
        self._client_errors = Throttled(log, logging.INFO)
        self._forged = Throttled(log, logging.WARNING)
        self._full = Throttled(log, logging.WARNING)
        self._no_files = Throttled(log, logging.WARNING)

    def build(self, middlewares: tuple[Any, ...] = ()) -> web.Application:
        """The routes."""
        app = web.Application(
            client_max_size=4 * 1024 * 1024, middlewares=(*middlewares, _unavailable)
        )
        app.router.add_get("/media/{token}", self._media)
        app.router.add_post("/callbacks/shortapi/{secret}", self._callback)
        app.router.add_get("/healthz", self._health.handle)
        if self._videos is not None:
            app.router.add_get(VIDEO_PATH, self._videos.handle)
        if self._metrics:
            app.router.add_get("/metrics", serve_metrics)
        if self._webhook is not None:
            app.router.add_post(WEBHOOK_PATH, self._telegram)
        return app

    async def start(self) -> None:
        """Listen on WEB_HOST:WEB_PORT."""
        before, self._open_files = raise_open_files_limit()
        loop = asyncio.get_running_loop()
        connections = Connections(
            connection_cap(self._open_files), self._full, ClientErrorLog(self._client_errors)
        )
        self._site_runner = web.AppRunner(self.build((connections.middleware,)), access_log=None)
        await self._site_runner.setup()
        assert self._site_runner.server is not None
        connections.server = self._site_runner.server
        self._connections = connections
        self._previous_handler = loop.get_exception_handler()
        loop.set_exception_handler(self._loop_error)
        try:
            self._listener = await loop.create_server(
                connections, self._host, self._port, backlog=listen_backlog(self._open_files)
            )
        except OSError as exc:  # the port is taken, or the address is not this machine's
            raise ListenError(f"cannot listen on {self._host}:{self._port}: {exc}") from exc
        raised = f" (raised from {before})" if before != self._open_files else ""
        log.info(
            "HTTP server on %s:%s; open files: %s allowed%s, at most %d connections held",
            self._host,
            self._port,
            self._open_files,
            raised,
            connections.cap,
        )

    async def stop(self) -> None:
        """Stop listening."""
        if self._listener is not None:
            self._listener.close()
            self._listener = None
        if self._site_runner is not None:
            await self._site_runner.cleanup()
            self._site_runner = None
        if self._connections is not None:
            asyncio.get_running_loop().set_exception_handler(self._previous_handler)
            self._connections = None
        await self._health.close()

    def _loop_error(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        # asyncio reports each failed accept (up to a backlog per pass, while out of
        # descriptors) and each connection's transport error here, with a traceback each.
        exc = context.get("exception")
        if context.get("message") == ACCEPT_FAILED:
            self._no_files(
                "cannot accept HTTP connections (%s; open files limit %s); retrying",
                exc,
                self._open_files,
            )
            return
        if isinstance(context.get("protocol"), Connection):
            self._client_errors("HTTP connection error: %s %.100r", type(exc).__name__, str(exc))
            return
        if self._previous_handler is not None:
            self._previous_handler(loop, context)
        else:
            loop.default_exception_handler(context)

    async def _media(self, request: web.Request) -> web.StreamResponse:
        found = await self._hosting.open(request.match_info["token"])
        if found is None:
            raise web.HTTPNotFound()
        data, mime = found
        return web.Response(body=data, headers={"Content-Type": mime, "Cache-Control": "no-store"})

    async def _callback(self, request: web.Request) -> web.Response:
        # The body is only a hint (its format is not documented and it is not signed): the
        # secret in the URL names the job, and the bot asks the API itself.
        job_id = await self._hosting.job_for_callback(request.match_info["secret"])
        if job_id is None:
            raise web.HTTPNotFound()
        try:
            async with asyncio.timeout(BODY_TIMEOUT):
                body = await request.content.read(_MAX_CALLBACK_BODY)
        except TimeoutError:
            raise web.HTTPRequestTimeout() from None
        log.debug("ShortAPI callback for job %s: %r", job_id, body[:500])
        hurried = await self._runner.hurry(job_id)
        return web.json_response({"ok": True, "queried": hurried})

    async def _telegram(self, request: web.Request) -> web.Response:
        assert self._webhook is not None
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self._webhook.secret.encode()):
            self._forged("webhook request without the right secret token from %s", request.remote)
            raise web.HTTPForbidden()
        try:
            async with asyncio.timeout(BODY_TIMEOUT):
                data = await request.json()
        except TimeoutError:
            raise web.HTTPRequestTimeout() from None
        except ValueError:  # not JSON, or not UTF-8
            raise web.HTTPBadRequest() from None
        if not isinstance(data, dict):
            raise web.HTTPBadRequest()
        await self._webhook.deliver(data)
        return web.Response(text="ok")
