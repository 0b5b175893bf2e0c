"""/metrics over HTTP: the route the main server mounts, and a small server of its own (with
/healthz beside it, for a bot without the public server)."""

import logging

from aiohttp import web

from bot.ops import metrics
from bot.ops.metrics import ListenError
from bot.web.health import Health

log = logging.getLogger(__name__)


async def serve_metrics(request: web.Request) -> web.Response:
    """GET /metrics: this process's metrics, in the Prometheus text format."""
    body, content_type = metrics.exposition()
    return web.Response(body=body, headers={"Content-Type": content_type})


class MetricsServer:
    """/metrics and /healthz on METRICS_HOST:METRICS_PORT: kept off the public server, and
    served in polling mode too, where there is no other HTTP server.
    """

    def __init__(self, host: str, port: int, health: Health | None = None) -> None:
        self._host, self._port = host, port
        self._health = health
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        """Listen."""
        app = web.Application()
        app.router.add_get("/metrics", serve_metrics)
        if self._health is not None:
            app.router.add_get("/healthz", self._health.handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        try:
            await web.TCPSite(self._runner, self._host, self._port).start()
        except OSError as exc:
            await self._runner.cleanup()
            raise ListenError(f"cannot listen on {self._host}:{self._port}: {exc}") from exc
        log.info("metrics on http://%s:%s/metrics", self._host, self._port)

    async def stop(self) -> None:
        """Stop listening."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self._health is not None:
            await self._health.close()
