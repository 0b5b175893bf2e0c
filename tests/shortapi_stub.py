"""The ShortAPI client over its real transport, against a real HTTP server on 127.0.0.1 that
answers with a handler written like httpx.MockTransport's: an httpx.Request in, an
httpx.Response out (or awaited). The handler sees the request as the client addressed it
(`STUB_BASE`'s URL), with the headers and body that arrived over the socket.

A handler that raises httpx.ReadTimeout makes the server hold the request unanswered, so the
transport's read bound ends it as it would a slow API.
"""

import asyncio
import inspect
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
import httpx
from aiohttp import web

from bot.veo import ShortAPIClient
from bot.web.client import AiohttpTransport

STUB_BASE = "https://api.example.test"
Handler = Callable[[httpx.Request], httpx.Response | Awaitable[httpx.Response]]
# The transport's read bound in these tests, and how long a "slow" answer is held past it.
READ_TIMEOUT = 0.3
_HELD = 5.0


class ShortAPIStubs:
    """The servers and transports a test opened; `close` ends them all."""

    def __init__(self) -> None:
        self._runners: list[web.AppRunner] = []
        self._transports: list[AiohttpTransport] = []

    async def client(
        self, handler: Handler, base: str = STUB_BASE, **kwargs: Any
    ) -> ShortAPIClient:
        """A ShortAPIClient for `base` whose requests `handler` answers."""
        url = await self._serve(handler, base)
        transport = AiohttpTransport(
            4, aiohttp.ClientTimeout(total=None, sock_connect=2.0, sock_read=READ_TIMEOUT)
        )
        self._transports.append(transport)
        kwargs.setdefault("api_key", "k")
        return ShortAPIClient(transport, base_url=url, **kwargs)

    def unreachable(self, **kwargs: Any) -> ShortAPIClient:
        """A ShortAPIClient whose every connection is refused: nothing listens on port 9
        (discard) of the loopback."""
        transport = AiohttpTransport(1)
        self._transports.append(transport)
        kwargs.setdefault("api_key", "k")
        return ShortAPIClient(transport, base_url="http://127.0.0.1:9", **kwargs)

    async def _serve(self, handler: Handler, base: str) -> str:
        async def answer(request: web.Request) -> web.StreamResponse:
            seen = httpx.Request(
                request.method,
                base.rstrip("/") + request.path_qs,
                headers=list(request.headers.items()),
                content=await request.read(),
            )
            try:
                reply = handler(seen)
                if inspect.isawaitable(reply):
                    reply = await reply
            except httpx.ReadTimeout:
                await asyncio.sleep(_HELD)
                raise web.HTTPGatewayTimeout() from None
            headers = {}
            if "content-type" in reply.headers:
                headers["Content-Type"] = reply.headers["content-type"]
            return web.Response(
                status=reply.status_code,
                reason=reply.reason_phrase,
                body=reply.content,
                headers=headers,
            )

        app = web.Application(client_max_size=64 * 1024**2)
        app.router.add_route("*", "/{tail:.*}", answer)
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.1)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        self._runners.append(runner)
        port = runner.addresses[0][1]
        return f"http://127.0.0.1:{port}"

    async def close(self) -> None:
        """Close every transport, then every server."""
        for transport in self._transports:
            await transport.close()
        for runner in self._runners:
            await runner.cleanup()
