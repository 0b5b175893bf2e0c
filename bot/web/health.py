"""GET /healthz: whether this replica's database answers and its job poller runs, with the
facts an operator reads beside them (the store, how updates come, who polls). Served by the
public server (with PUBLIC_BASE_URL) and by the metrics server (METRICS_PORT), so a polling bot
without a public address has a real health check too."""

import asyncio
import contextlib
import time

from aiohttp import web

from bot.jobs import JobRunner
from bot.telegram.leader import Leadership
from storage import Database

# How long /healthz waits for the database's answer. A stalled server would otherwise hold it
# for the pool's connect timeout (10 s), and a health checker (Kubernetes' default timeout is
# 1 s) would read that as a hung bot, not as a database at fault: the answer, 503 with
# "error: timeout", leaves the bot well within that second.
HEALTH_TIMEOUT = 0.75


class Health:
    """The /healthz answer; one database check in flight, however many servers and probes ask."""

    def __init__(
        self, db: Database, runner: JobRunner, store: str, leadership: Leadership | None
    ) -> None:
        """`leadership` says whether this replica polls for updates (None: webhook mode)."""
        self._db = db
        self._runner = runner
        self._store = store
        self._leadership = leadership
        self._db_check: asyncio.Task[str] | None = None

    async def handle(self, request: web.Request) -> web.Response:
        """200 when every check is ok, else 503; the checks and the facts as JSON."""
        checks = {"database": await self._database_state(), "poller": "ok"}
        last = self._runner.last_round
        if last is None or time.time() - last > max(10.0, 5 * self._runner.tick):
            checks["poller"] = "stale"
        healthy = all(v == "ok" for v in checks.values())
        # Facts, not checks: a replica that does not poll (another one leads) is healthy.
        facts: dict[str, object] = {"store": self._store}
        if self._leadership is None:
            facts["updates"] = "webhook"  # every replica takes the updates sent to it
        else:
            facts.update(updates="polling", leader=self._leadership.leader)
        return web.json_response(checks | facts, status=200 if healthy else 503)

    async def _database_state(self) -> str:
        """The database's state, "ok" or "error: …", within HEALTH_TIMEOUT.

        A check that takes longer is not cancelled (a statement abandoned half-way could leave
        SQLite's connection inside a transaction): it runs on, and the next probe waits for
        the same one, so a stalled server never has more than one check waiting on it.
        """
        if self._db_check is None or self._db_check.done():
            self._db_check = asyncio.create_task(self._check_database())
        try:
            async with asyncio.timeout(HEALTH_TIMEOUT):
                return await asyncio.shield(self._db_check)
        except TimeoutError:
            return "error: timeout"

    async def close(self) -> None:
        """Cancel a database check still in flight (the server stops)."""
        if self._db_check is not None:
            self._db_check.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._db_check
            self._db_check = None

    async def _check_database(self) -> str:
        problem = await self._db.check()
        return "ok" if problem is None else f"error: {problem}"
