"""The HTTP server (aiohttp), on when PUBLIC_BASE_URL is set: hosted photos, ShortAPI callbacks,
/healthz and, with TELEGRAM_WEBHOOK=true, Telegram's webhook.
"""

import hmac
import json
import logging
import sqlite3
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from bot.hosting import Hosting
from bot.jobs import JobRunner
from storage import Database

log = logging.getLogger(__name__)

WEBHOOK_PATH = "/telegram/webhook"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
_MAX_CALLBACK_BODY = 64 * 1024


@dataclass(frozen=True, slots=True)
class Webhook:
    """Where Telegram's updates go once their secret header checked out."""

    secret: str
    deliver: Callable[[dict[str, Any]], Awaitable[None]]


class WebServer:
    """One aiohttp site; started and stopped by bot/app.py."""

    def __init__(
        self,
        *,
        host: str,
        port: int,
        db: Database,
        runner: JobRunner,
        hosting: Hosting,
        webhook: Webhook | None,
    ) -> None:
        self._host, self._port = host, port
        self._db = db
        self._runner = runner
        self._hosting = hosting
        self._webhook = webhook
        self._site_runner: web.AppRunner | None = None

    def build(self) -> web.Application:
        """The routes."""
        app = web.Application(client_max_size=4 * 1024 * 1024)
        app.router.add_get("/media/{token}", self._media)
        app.router.add_post("/callbacks/shortapi/{secret}", self._callback)
        app.router.add_get("/healthz", self._health)
        if self._webhook is not None:
            app.router.add_post(WEBHOOK_PATH, self._telegram)
        return app

    async def start(self) -> None:
        """Listen on WEB_HOST:WEB_PORT."""
        self._site_runner = web.AppRunner(self.build(), access_log=None)
        await self._site_runner.setup()
        await web.TCPSite(self._site_runner, self._host, self._port).start()
        log.info("HTTP server on %s:%s", self._host, self._port)

    async def stop(self) -> None:
        """Stop listening."""
        if self._site_runner is not None:
            await self._site_runner.cleanup()
            self._site_runner = None

    async def _media(self, request: web.Request) -> web.StreamResponse:
        found = await self._hosting.open(request.match_info["token"])
        if found is None:
            raise web.HTTPNotFound()
        path, mime = found
        return web.FileResponse(path, headers={"Content-Type": mime, "Cache-Control": "no-store"})

    async def _callback(self, request: web.Request) -> web.Response:
        # The body is only a hint (its format is not documented and it is not signed): the
        # secret in the URL names the job, and the bot asks the API itself.
        job_id = await self._hosting.job_for_callback(request.match_info["secret"])
        if job_id is None:
            raise web.HTTPNotFound()
        body = await request.content.read(_MAX_CALLBACK_BODY)
        log.debug("ShortAPI callback for job %s: %r", job_id, body[:500])
        hurried = await self._runner.hurry(job_id)
        return web.json_response({"ok": True, "queried": hurried})

    async def _health(self, request: web.Request) -> web.Response:
        checks = {"database": "ok", "poller": "ok"}
        try:
            if not self._db.path.exists():
                raise FileNotFoundError(self._db.path)
            await self._db.fetch_one("SELECT COUNT(*) FROM jobs")
            # Reads work on a read-only or full database too: what a failed write recorded
            # stands until a write (tried again here every few seconds) succeeds.
            if not await self._db.writable():
                checks["database"] = f"error: {self._db.failure}"
        except (sqlite3.Error, ValueError, OSError) as exc:
            checks["database"] = f"error: {type(exc).__name__}"
        last = self._runner.last_round
        if last is None or time.time() - last > max(10.0, 5 * self._runner.tick):
            checks["poller"] = "stale"
        healthy = all(v == "ok" for v in checks.values())
        return web.json_response(checks, status=200 if healthy else 503)

    async def _telegram(self, request: web.Request) -> web.Response:
        assert self._webhook is not None
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self._webhook.secret.encode()):
            log.warning("webhook request without the right secret token from %s", request.remote)
            raise web.HTTPForbidden()
        try:
            data = await request.json()
        except json.JSONDecodeError:
            raise web.HTTPBadRequest() from None
        if not isinstance(data, dict):
            raise web.HTTPBadRequest()
        await self._webhook.deliver(data)
        return web.Response(text="ok")
