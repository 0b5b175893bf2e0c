"""What bounds the HTTP server against strangers: a connection must bring its request head
within HEAD_TIMEOUT; at most a quarter of the process's descriptor limit is held as connections
(the rest stays for the bot's own Telegram, ShortAPI and database traffic), the oldest waiting
one giving way to a new one; a client's malformed request or vanishing is a throttled line,
not a traceback. bot/web.py builds its server with these.
"""

import asyncio
import logging
import resource
import sys
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web
from aiohttp.http import HttpProcessingError

from bot.ops.logs import Throttled

# Seconds a client has, after connecting, to send a complete request head. Telegram, ShortAPI
# and a TLS proxy in front send theirs at once; only a slow-loris client needs longer.
HEAD_TIMEOUT = 5.0
# A connection idle between requests is closed after this long (aiohttp's default: an hour).
# When the server is full an idle one gives way to a new connection sooner.
KEEPALIVE_TIMEOUT = 15.0
# How long the unread rest of a refused request's body is drained (aiohttp's default is 10 s).
LINGERING_TIME = 2.0
# asyncio accepts up to `backlog` sockets per event-loop pass, and they hold descriptors for
# a pass or two before the bound can close any: the backlog shrinks with a low limit.
MAX_BACKLOG = 128
MAX_CONNECTIONS = 1024
MIN_CONNECTIONS = 16
# asyncio's message for each failed accept (out of descriptors).
ACCEPT_FAILED = "socket.accept() out of system resource"
_BUSY = b"HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"


def raise_open_files_limit() -> tuple[int, int]:
    """Raise this process's soft limit on open files to its hard limit; (before, now)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY or (soft >= hard and hard != resource.RLIM_INFINITY):
        return soft, soft
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    except (ValueError, OSError):  # e.g. macOS refuses an infinite soft limit
        return soft, soft
    return soft, hard


def connection_cap(open_files: int) -> int:
    """How many connections the server holds at most, given the process's open-files limit."""
    if open_files == resource.RLIM_INFINITY:
        return MAX_CONNECTIONS
    return max(MIN_CONNECTIONS, min(MAX_CONNECTIONS, open_files // 4))


def listen_backlog(open_files: int) -> int:
    """The listening socket's backlog: with the connection cap, about 7/16 of the limit in
    the worst case, the rest left for the bot's own connections and files.
    """
    if open_files == resource.RLIM_INFINITY:
        return MAX_BACKLOG
    return max(16, min(MAX_BACKLOG, open_files // 16))


class ClientErrorLog(logging.LoggerAdapter[logging.Logger]):
    """aiohttp's server logger, except that a client's malformed request or vanishing is one
    throttled line without a traceback; errors in the bot's own handlers keep theirs.
    """

    def __init__(self, note: Throttled) -> None:
        super().__init__(logging.getLogger("aiohttp.server"), {})
        self._note = note

    def log(self, level: int, msg: object, *args: object, **kwargs: Any) -> None:
        """Log as aiohttp asked, or note a client's fault."""
        exc = kwargs.get("exc_info")
        if exc is True:
            exc = sys.exc_info()[1]
        if isinstance(exc, HttpProcessingError | ConnectionError):
            self._note(f"{msg}: %s %.100r", *args, type(exc).__name__, str(exc))
            return
        super().log(level, msg, *args, **kwargs)


class Connection(web.RequestHandler):
    """aiohttp's handler for one connection, registered with the server's Connections."""

    def __init__(self, guard: "Connections", manager: web.Server, **kwargs: Any) -> None:
        super().__init__(manager, **kwargs)
        self._guard = guard
        self.requests = 0  # requests that reached a route; counted by Connections.middleware
        self.in_request = False
        self._head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        """Start serving, or refuse at once when every connection held is in a request."""
        super().connection_made(transport)
        if not self._guard.admit(self):
            assert isinstance(transport, asyncio.WriteTransport)
            transport.write(_BUSY)
            self.force_close()
            return
        # aiohttp's keep-alive timer covers the wait between requests; the wait for the first
        # one it covers only in recent versions, and then with KEEPALIVE_TIMEOUT.
        loop = asyncio.get_running_loop()
        self._head_timer = loop.call_later(HEAD_TIMEOUT, self._head_overdue)

    def connection_lost(self, exc: BaseException | None) -> None:
        """Forget the connection."""
        self._guard.release(self)
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None
        super().connection_lost(exc)

    def _head_overdue(self) -> None:
        self._head_timer = None
        if self.requests == 0:
            self.force_close()


class Connections:
    """The connections the server holds, oldest first, bounded; asyncio's protocol factory."""

    def __init__(self, cap: int, note: Throttled, logger: ClientErrorLog) -> None:
        self.server: web.Server | None = None  # set once aiohttp has made it
        self.cap = cap
        self._note = note
        self._logger = logger
        self._open: dict[Connection, None] = {}  # insertion order: oldest first

    def __call__(self) -> Connection:
        """The handler for a socket just accepted."""
        assert self.server is not None
        return Connection(
            self,
            self.server,
            loop=asyncio.get_running_loop(),
            keepalive_timeout=KEEPALIVE_TIMEOUT,
            lingering_time=LINGERING_TIME,
            access_log=None,
            logger=self._logger,
        )

    def admit(self, conn: Connection) -> bool:
        """Make room for `conn` by closing the oldest connection not in a request, if the
        server is full; False if every one is in a request (then `conn` is refused).
        """
        if len(self._open) >= self.cap:
            waiting = next((c for c in self._open if not c.in_request), None)
            self._note(
                "the HTTP server holds its maximum of %d connections; %s",
                self.cap,
                "closing the oldest waiting one" if waiting else "refusing new ones",
            )
            if waiting is None:
                return False
            self.release(waiting)
            waiting.force_close()
        self._open[conn] = None
        return True

    def release(self, conn: Connection) -> None:
        """`conn` no longer counts (closed)."""
        self._open.pop(conn, None)

    @web.middleware
    async def middleware(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        """Mark the connection as in a request while a route handles it."""
        conn = request.protocol
        if not isinstance(conn, Connection):
            return await handler(request)
        conn.requests += 1
        conn.in_request = True
        try:
            return await handler(request)
        finally:
            conn.in_request = False
