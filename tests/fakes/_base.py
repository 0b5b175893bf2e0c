"""Shared plumbing of the fake servers: lifecycle on 127.0.0.1 and change notification."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from types import TracebackType
from typing import Self, TypeVar

from aiohttp import web

T = TypeVar("T")


class FakeServer:
    """An aiohttp app served on an ephemeral loopback port inside the running event loop."""

    def __init__(self) -> None:
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self._closing = False
        # A fresh Event per change: whoever waits grabs the current one, re-checks its
        # condition, then sleeps on it. Setting it wakes every waiter exactly once, and it
        # can be done from plain (non-async) driver methods, unlike asyncio.Condition.
        self._changed = asyncio.Event()

    # -- lifecycle -------------------------------------------------------------------------

    def _build_app(self) -> web.Application:
        raise NotImplementedError

    async def start(self) -> Self:
        """Start serving on 127.0.0.1 with a free port chosen by the OS."""
        if self._runner is not None:
            return self
        self._closing = False
        # A short shutdown grace: requests still in flight at stop() (a slow fault, a long
        # poll) must not hold a test's teardown for aiohttp's default 60 s.
        runner = web.AppRunner(self._build_app(), access_log=None, shutdown_timeout=1.0)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        self._port = runner.addresses[0][1]  # port 0 asked the OS for a free one
        self._runner = runner
        return self

    async def listen_also(self) -> str:
        """Serve the same fake on one more free port too; that port's base URL. A request
        tells by `served_by` which port it came in on: several bot processes, each given its
        own port, can then be told apart."""
        assert self._runner is not None, "start the server first"
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return f"http://127.0.0.1:{port}"

    @staticmethod
    def served_by(request: web.Request) -> int:
        """The local port a request arrived on."""
        sockname = request.transport.get_extra_info("sockname") if request.transport else None
        return int(sockname[1]) if sockname else 0

    async def stop(self) -> None:
        """Stop serving; long polls still open are answered at once."""
        if self._runner is None:
            return
        self._closing = True
        self._notify()
        await self._runner.cleanup()
        self._runner = None

    async def __aenter__(self) -> Self:
        return await self.start()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        """The TCP port the server listens on."""
        if self._port is None:
            raise RuntimeError(f"{type(self).__name__} is not started")
        return self._port

    @property
    def base_url(self) -> str:
        """Root URL of the server, e.g. http://127.0.0.1:41234 (no trailing slash)."""
        return f"http://127.0.0.1:{self.port}"

    # -- change notification --------------------------------------------------------------

    def _notify(self) -> None:
        event, self._changed = self._changed, asyncio.Event()
        event.set()

    def _describe(self) -> str:
        """What to show when a wait times out; subclasses list their recent traffic."""
        return ""

    async def wait_for(  # the timeout argument is the API the tests were promised
        self,
        predicate: Callable[[], T | None],
        timeout: float = 10.0,  # noqa: ASYNC109
        what: str | None = None,
    ) -> T:
        """Return the predicate's first truthy value, re-checked on every state change."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            event = self._changed  # taken before the check so no change can slip between
            value = predicate()
            if value:
                return value
            remaining = deadline - loop.time()
            if remaining <= 0:
                label = what or getattr(predicate, "__name__", "condition")
                raise AssertionError(
                    f"timed out after {timeout:g}s waiting for {label}\n{self._describe()}"
                )
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)
